// Writes one report to an .xlsx output: columns from the definition, rows streamed from the
// database in batches into the bounded-memory writer. Used by the job worker and the benchmark.
import type { Writable } from 'node:stream';
import type { SqlRunner } from '../db/sql-runner.js';
import { createReportWriter, type ReportColumn as SheetColumn } from './xlsx/report-writer.js';
import type { CellType, ReportColumn, ReportDefinition, ReportOptions, ReportRow } from './report-definition.js';

export interface ExportProgress { rows: number; total: number | null }

export interface ExportRequest {
  sql: SqlRunner;
  definition: ReportDefinition;
  options: ReportOptions;
  /** A file path (written to `<path>.part`, renamed when complete) or a stream. */
  output: Writable | string;
  /** Lines for the workbook's Info sheet (filters, who asked, when). */
  note?: string[];
  /** Called after every batch; return false to stop (the job was deleted). */
  onProgress?: (progress: ExportProgress) => Promise<boolean | void> | boolean | void;
}

const SECONDS_PER_DAY = 86_400;

// Report cell types the sheet writer has no direct type for become numbers with a format.
const SHEET_TYPES: Record<CellType, { type: SheetColumn['type']; numFmt?: string }> = {
  string: { type: 'string' },
  text: { type: 'text' },
  integer: { type: 'number', numFmt: '0' },
  number: { type: 'number' },
  money: { type: 'money' },
  percent: { type: 'number', numFmt: '0.00%' },
  date: { type: 'date' },
  duration: { type: 'number', numFmt: '[h]:mm:ss' },
  hyperlink: { type: 'hyperlink' },
};

export function sheetColumns(columns: ReportColumn[]): SheetColumn[] {
  return columns.map((column) => ({ key: column.key, header: column.header, width: column.width, ...SHEET_TYPES[column.type] }));
}

/** Durations are seconds in rows and fractions of a day in Excel. */
function rowConverter(columns: ReportColumn[]): (row: ReportRow) => ReportRow {
  const durations = columns.filter((column) => column.type === 'duration').map((column) => column.key);
  if (durations.length === 0) return (row) => row;
  return (row) => {
    const converted = { ...row };
    for (const key of durations) {
      const seconds = row[key];
      converted[key] = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds / SECONDS_PER_DAY : null;
    }
    return converted;
  };
}

/**
 * Reads one batch ahead: the database produces batch n+1 (in its own process) while this process
 * writes batch n, so reading and writing overlap instead of taking turns.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = source[Symbol.asyncIterator]();
  // The read ahead may fail while the batch before is still being written (the database dropped
  // the cursor's connection): marked handled at once, or Node would end the process over it
  // before the loop comes back to await it (which still throws it to the caller).
  const readNext = () => {
    const read = iterator.next();
    read.catch(() => undefined);
    return read;
  };
  let pending = readNext();
  try {
    for (;;) {
      const current = await pending;
      if (current.done) return;
      pending = readNext();
      yield current.value;
    }
  } finally {
    // stopping early: wait for the read in flight, then close the source (its cursor)
    await pending.catch(() => undefined);
    await iterator.return?.();
  }
}

export class ExportCancelled extends Error {
  constructor() { super('The report was deleted while it was being generated'); }
}

export async function exportReport(request: ExportRequest): Promise<{ rows: number; bytes: number }> {
  const { sql, definition, options } = request;
  const columns = definition.columns(options);
  const convert = rowConverter(columns);
  const total = await definition.countRows(sql, options);
  const writer = await createReportWriter({
    output: request.output,
    sheetName: definition.title,
    columns: sheetColumns(columns),
    timeZone: options.timeZone,
    note: request.note,
  });
  try {
    for await (const batch of readAhead(definition.rows(sql, options))) {
      for (const row of batch) await writer.addRow(convert(row));
      if ((await request.onProgress?.({ rows: writer.rows, total })) === false) throw new ExportCancelled();
    }
    return await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
