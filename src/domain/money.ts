// Money rules (PRODUCT.md, "Money"): bot and operator messages sent to the client are paid at the
// chat's price for the channel; client and system messages are free. Amounts are decimal strings
// with 4 places (the database column is DECIMAL(14,4)); no floating point is ever used.
//
// Showing amounts: there is one rounding rule, to cents, half away from zero (roundToCents), used
// for sums such as a dialogue's cost (the report sheets round money cells the same way,
// src/reports/xlsx/cell-values.ts toMoney). Prices and a message's cost are shown exactly instead:
// a price of 0.0025 rounded to cents would read 0.00. moneyLabel says which with `precision`.
export type AuthorType = 'client' | 'bot' | 'operator' | 'system';
export type ChannelName = 'web' | 'facebook';

const SCALE = 4;
const SCALE_FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function isPaidAuthor(authorType: AuthorType): boolean {
  return authorType === 'bot' || authorType === 'operator';
}

/** Parses a decimal ("1.5", "0.0025", 3) into integer ten-thousandths; rejects more than 4 places. */
export function toUnits(amount: string | number | { toString(): string }): bigint {
  const text = String(amount).trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`not a decimal amount: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) throw new Error(`more than ${SCALE} decimal places: "${text}"`);
  const units = BigInt(whole) * SCALE_FACTOR + BigInt((fraction + '0000').slice(0, SCALE));
  return sign ? -units : units;
}

export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / SCALE_FACTOR;
  const fraction = (abs % SCALE_FACTOR).toString().padStart(SCALE, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export function addAmounts(...amounts: (string | number | { toString(): string })[]): string {
  return fromUnits(amounts.reduce<bigint>((sum, amount) => sum + toUnits(amount), 0n));
}

export interface ChatPrices { priceWeb: string | { toString(): string }; priceFacebook: string | { toString(): string } }

export function priceFor(chat: ChatPrices, channel: ChannelName): string {
  return fromUnits(toUnits(channel === 'web' ? chat.priceWeb : chat.priceFacebook));
}

/** The cost fixed on a message when it is stored. */
export function messageCost(authorType: AuthorType, price: string): { isPaid: boolean; cost: string } {
  return isPaidAuthor(authorType) ? { isPaid: true, cost: fromUnits(toUnits(price)) } : { isPaid: false, cost: '0.0000' };
}

/** Rounds to 2 places, half away from zero, for display and reports. */
export function roundToCents(amount: string | { toString(): string }): string {
  const units = toUnits(amount);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const cents = (abs + 50n) / 100n;
  const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

/** An exact amount for display: 2 places ("0.20"), or 4 when it has sub-cent precision ("0.0025"). */
export function displayAmount(amount: string | number | { toString(): string }): string {
  const units = toUnits(amount);
  const text = fromUnits(units);
  return units % 100n === 0n ? text.slice(0, -2) : text;
}

/** 'exact': prices and message costs (displayAmount); 'cents': sums such as a dialogue's cost (roundToCents). */
export type MoneyPrecision = 'exact' | 'cents';

/** "0.20 USD", "0.0025 EUR": an amount with its chat's currency (the amount alone without one). */
export function moneyLabel(amount: string | number | { toString(): string }, currency?: string | null, precision: MoneyPrecision = 'exact'): string {
  const text = precision === 'cents' ? roundToCents(String(amount)) : displayAmount(amount);
  return currency ? `${text} ${currency}` : text;
}
