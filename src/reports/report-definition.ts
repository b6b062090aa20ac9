// What a report is: its columns and a stream of row batches read from the database with SQL.
// Definitions know nothing of files, jobs or AdminJS; src/reports/definitions/ holds the nine.
import type { SqlRunner } from '../db/sql-runner.js';
import type { DialogFilter } from '../domain/dialog-filter.js';

export const REPORT_TYPES = [
  'all_sessions',
  'sessions_with_markers',
  'billing',
  'operator_metrics',
  'productivity',
  'sources',
  'web_pages',
  'popular_phrases',
  'client_phrases',
] as const;
export type ReportType = typeof REPORT_TYPES[number];

export function isReportType(value: unknown): value is ReportType {
  return typeof value === 'string' && (REPORT_TYPES as readonly string[]).includes(value);
}

/**
 * How a value is written to the sheet:
 * string/text: text (text = long, wrapped); integer/number: numbers; money: decimal string with up
 * to 4 places, shown with 2; percent: fraction 0..1 shown as %; date: a UTC instant (Date) shown in
 * the report's time zone; duration: seconds (number) shown as [h]:mm:ss; hyperlink: { text, url }.
 */
export type CellType = 'string' | 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'duration' | 'hyperlink';

export interface ReportColumn {
  key: string;
  header: string;
  type: CellType;
  /** Width in characters. */
  width: number;
}

export interface ReportOptions {
  filter: DialogFilter;
  /** "With time in dialogs": adds the time of every message where messages appear. */
  withTime: boolean;
  /** IANA zone the dates are shown in. */
  timeZone: string;
  /** Absolute URL of dialogue pages in the admin without the id; dialogLink(dialogUrlBase, id) is one dialogue's. */
  dialogUrlBase: string;
}

export type ReportRow = Record<string, unknown>;

export interface ReportDefinition {
  type: ReportType;
  /** English title, used in file names and headers. */
  title: string;
  /** Only admins may export it (billing). */
  adminOnly: boolean;
  /**
   * Its rows can hold one client's data (their id, what they wrote, the pages they visited): a
   * file of it is removed when such a client is erased (src/privacy/erased-reports.ts). Counts per
   * chat or operator (billing, sources, productivity, operator metrics) hold none.
   */
  holdsClientData: boolean;
  columns(options: ReportOptions): ReportColumn[];
  /** Row count for the progress bar when it is cheap to know, else null. */
  countRows(sql: SqlRunner, options: ReportOptions): Promise<number | null>;
  /** Row batches in report order, streamed from the database (never the whole result in memory). */
  rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]>;
}
