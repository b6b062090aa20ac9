import { cellText } from './cell-values.js';

/** Excel's documented limit of hyperlinks per worksheet; beyond it Excel "repairs" the file. */
export const EXCEL_MAX_HYPERLINKS = 65_530;
/**
 * Default real links per sheet. exceljs holds each one (its relationship XML and a record) until
 * the sheet ends: measured ~40 MB of peak RSS for 65,530 links, ~6 MB for 10,000.
 */
export const DEFAULT_MAX_HYPERLINKS = 10_000;
const HYPERLINK_FORMULA_MAX_ARG = 255; // Excel rejects longer string arguments in HYPERLINK()
const EXCEL_MAX_URL = 2_079;

// Only web and mail links become clickable: URLs can come from clients (the "Web pages" report),
// and a file:// or UNC link in a spreadsheet leaks credentials when clicked.
const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\s\u0000-\u001F\u007F]+$/i;

export type HyperlinkInput = string | { text?: unknown; url?: unknown; hyperlink?: unknown };
export type HyperlinkCell = string | { text: string; hyperlink: string } | { formula: string; result: string };

/**
 * Turns report links into cells. exceljs' streaming writer keeps every hyperlink's relationship
 * in memory until the sheet ends (its .rels part cannot be streamed next to the sheet), and
 * Excel caps real hyperlinks per sheet anyway, so only the first `max` links (at most
 * EXCEL_MAX_HYPERLINKS) are real hyperlink cells; later ones become HYPERLINK() formulas
 * (clickable, stored inline, no memory kept), or plain text when too long for a formula.
 */
export class HyperlinkCells {
  private real = 0;
  private formulas = 0;
  private formulasForgotten = 0;

  constructor(private readonly max = DEFAULT_MAX_HYPERLINKS) {}

  get realLinks(): number {
    return this.real;
  }

  cell(value: unknown): HyperlinkCell | null {
    if (value === null || value === undefined) return null;
    const input = (typeof value === 'object' ? value : { url: value }) as Exclude<HyperlinkInput, string>;
    const rawUrl = input.url ?? input.hyperlink;
    const url = rawUrl === null || rawUrl === undefined ? '' : String(rawUrl).trim();
    const rawText = input.text ?? url;
    const text = cellText(rawText === null || rawText === undefined ? '' : String(rawText));
    if (url === '' || url.length > EXCEL_MAX_URL || !SAFE_URL.test(url)) return text === '' ? null : text;

    if (this.real < Math.min(this.max, EXCEL_MAX_HYPERLINKS)) {
      this.real += 1;
      return { text, hyperlink: url };
    }
    if (url.length <= HYPERLINK_FORMULA_MAX_ARG && text.length <= HYPERLINK_FORMULA_MAX_ARG) {
      // string literals in formulas escape " by doubling it; nothing else is interpreted
      const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
      this.formulas += 1;
      return { formula: `HYPERLINK(${quote(url)},${quote(text)})`, result: text };
    }
    return url;
  }

  /**
   * Call after committing a row. exceljs' streaming sheet keeps every formula cell it wrote (in
   * `_formulae`, for shared formulas, which reports never use): ~0.6 KB per row forever. Dropping
   * them keeps memory flat.
   */
  forgetFormulae(worksheet: unknown): void {
    if (this.formulas === this.formulasForgotten) return;
    const internals = worksheet as { _formulae?: object };
    if (typeof internals._formulae !== 'object') throw new Error('exceljs worksheet internals changed: cannot drop formula cells');
    internals._formulae = {};
    this.formulasForgotten = this.formulas;
  }
}
