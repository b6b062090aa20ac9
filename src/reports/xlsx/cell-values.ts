// Pure conversions from report values to what exceljs should store in a cell. They run once per
// cell for up to millions of cells, so the common case (nothing to fix) takes a fast path.

/** Excel refuses longer cell text (it reports the file as damaged). */
export const EXCEL_MAX_CELL_CHARS = 32_767;
export const TRUNCATION_MARKER = '… [truncated]';

// Characters XML 1.0 forbids: C0 controls except TAB, LF, CR, and the non-characters U+FFFE/U+FFFF.
// One of them in a worksheet makes Excel reject the whole file.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_INVALID_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text safe for a cell: XML-invalid characters removed, cut to Excel's limit with a visible marker
 * (never in the middle of a surrogate pair, so emoji stay whole). Formula-looking text ("=1+1") is
 * left as is: exceljs writes every JS string as an inline string cell, never as a formula.
 */
export function cellText(value: string): string {
  let text = XML_INVALID.test(value) ? value.replace(XML_INVALID_ALL, '') : value;
  if (text.length > EXCEL_MAX_CELL_CHARS) {
    let cut = EXCEL_MAX_CELL_CHARS - TRUNCATION_MARKER.length;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // a high surrogate: keep the pair together
    text = text.slice(0, cut) + TRUNCATION_MARKER;
  }
  return text;
}

/** Any value as cell text; null/undefined stay empty. */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return cellText(typeof value === 'string' ? value : String(value));
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A number for a numeric cell. exceljs would write NaN/Infinity verbatim into <v>, which corrupts
 * the file, so those become empty cells. Integers beyond 2^53 become text to keep every digit.
 */
export function toNumber(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
  const parsed = Number(String(value).trim());
  return Number.isFinite(parsed) ? parsed : null;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * Money as a number rounded to 2 places, half away from zero, decided on the decimal digits
 * ("12.345" → 12.35, "-0.005" → -0.01) so binary floating point never shifts a cent; the result
 * is the double nearest to the rounded decimal. Accepts decimal strings, numbers, Decimal objects.
 * Unparseable input gives an empty cell rather than failing a million-row export.
 */
export function toMoney(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  let text = String(value).trim();
  let match = DECIMAL.exec(text);
  if (!match) {
    // exponent notation ("1e-7", big Decimal objects): expand to plain digits first
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || Math.abs(parsed) >= 1e21) return null;
    text = parsed.toFixed(20);
    match = DECIMAL.exec(text);
    if (!match) return null;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  let cents = whole + (fraction + '00').slice(0, 2); // digits of |value| × 100, truncated
  if (fraction.charCodeAt(2) >= 0x35 /* '5' */) cents = incrementDigits(cents);
  const digits = cents.replace(/^0+(?=\d)/, '').padStart(3, '0');
  const result = Number(`${digits.slice(0, -2)}.${digits.slice(-2)}`);
  return sign === '-' && result !== 0 ? -result : result;
}

/** "1299" → "1300", "99" → "100": decimal string increment, no precision limit. */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return '1' + chars.join('');
}

/** Instants for date cells: Date, ISO string or epoch milliseconds; anything invalid is empty. */
export function toInstant(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isFinite(ms) ? ms : null;
}
