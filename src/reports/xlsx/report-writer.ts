// Streams one report sheet to .xlsx with exceljs' streaming writer, row by row, in flat memory.
// Cell typing lives in cell-values / zoned-time / hyperlink-cells; memory bounds in backpressure.
//
//   const writer = await createReportWriter({ output: res, columns, timeZone: 'Europe/Moscow' });
//   try { for await (const row of rows) await writer.addRow(row); await writer.finish(); }
//   catch (error) { await writer.abort(); throw error; }
//
// With an HTTP response, set Content-Type / Content-Disposition before the first addRow().
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { WorksheetBackpressure } from './backpressure.js';
import { cellText, toInstant, toMoney, toNumber, toText } from './cell-values.js';
import { DEFAULT_MAX_HYPERLINKS, HyperlinkCells } from './hyperlink-cells.js';
import { zonedWallClock } from './zoned-time.js';

export type ReportColumnType = 'string' | 'number' | 'money' | 'date' | 'hyperlink' | 'text';

export interface ReportColumn {
  header: string;
  key: string;
  type: ReportColumnType;
  /** Characters; defaults by type. */
  width?: number;
  /** Overrides the type's number format (e.g. '0' for counts, 'dd.mm.yyyy' for dates). */
  numFmt?: string;
}

export interface ReportWriterOptions {
  /**
   * A path: written to `<path>.part` and renamed on finish, so an aborted or crashed export never
   * leaves a complete-looking file. A stream (e.g. an HTTP response): the writer pipes into it,
   * ends it on finish, destroys it on abort (a client must see a failed download, not a short file).
   */
  output: Writable | string;
  sheetName?: string;
  columns: ReportColumn[];
  /** IANA zone in which date cells are shown; it is named in the date columns' headers. */
  timeZone: string;
  /** Lines for a second "Info" sheet (filters used, generation time...). */
  note?: string | string[];
  dateFormat?: string;
  /**
   * Real hyperlink cells per sheet (default 10,000, at most Excel's 65,530); later links become
   * HYPERLINK() formulas, equally clickable. Each real link stays in memory until finish().
   */
  maxHyperlinks?: number;
  /** Uncompressed XML allowed to wait for the compressor before addRow() waits. */
  highWaterMark?: number;
}

export interface ReportWriter {
  /** Values by column key (or in column order). Resolves at once unless the output is behind. */
  addRow(values: object | readonly unknown[]): Promise<void>;
  finish(): Promise<{ rows: number; bytes: number }>;
  /** Stops writing; removes the partial file, or destroys the output stream. */
  abort(): Promise<void>;
  /** Data rows written so far (header excluded). */
  readonly rows: number;
  /** Uncompressed bytes waiting for the compressor (for tests and the bench). */
  readonly buffered: number;
  /** How many times addRow() had to wait for the output. */
  readonly waits: number;
}

const DEFAULT_WIDTH: Record<ReportColumnType, number> = { string: 20, number: 12, money: 12, date: 20, hyperlink: 40, text: 60 };
const DEFAULT_HWM = 1024 * 1024;
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };
// Excel's serial dates start at 1900-03-01 (before that, Lotus' leap-year bug) and end in 9999.
const EXCEL_FIRST_DATE = Date.UTC(1900, 2, 1);
const EXCEL_LAST_DATE = Date.UTC(10000, 0, 1);

interface ZipInternals { pointer(): number; unpipe(destination?: Writable): unknown; on(event: 'error', listener: (error: Error) => void): unknown }

export async function createReportWriter(options: ReportWriterOptions): Promise<ReportWriter> {
  const { columns, timeZone } = options;
  if (!columns.length) throw new Error('a report needs at least one column');
  const wallClock = zonedWallClock(timeZone); // throws RangeError on an unknown zone, before any output
  const links = new HyperlinkCells(options.maxHyperlinks ?? DEFAULT_MAX_HYPERLINKS);
  const highWaterMark = options.highWaterMark ?? DEFAULT_HWM;

  const partPath = typeof options.output === 'string' ? `${options.output}.part` : null;
  const output: Writable = partPath ? createWriteStream(partPath) : (options.output as Writable);

  // useStyles: number formats, bold header; shared strings stay off (they keep every string in RAM)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const zip = (workbook as unknown as { zip: ZipInternals }).zip;
  const sheet = workbook.addWorksheet(sheetName(options.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  const backpressure = new WorksheetBackpressure((sheet as unknown as { stream: unknown }).stream);

  let failure: Error | null = null;
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = (error) => {
      if (failure) return;
      failure = error;
      backpressure.interrupt(error);
      reject(error);
    };
  });
  failed.catch(() => {}); // observed through addRow/finish, never an unhandled rejection
  let outputFinished = false;
  output.once('finish', () => { outputFinished = true; });
  output.on('error', (error: Error) => fail(error));
  output.once('close', () => { if (!outputFinished) fail(new Error('the output closed before the report was finished')); });
  zip.on('error', (error) => fail(error));

  const styles = columns.map((column) => columnStyle(column, options.dateFormat));
  sheet.columns = columns.map((column, i) => ({ key: column.key, width: column.width ?? DEFAULT_WIDTH[column.type], style: styles[i] }));
  const header = sheet.addRow(columns.map((column) => cellText(column.type === 'date' ? `${column.header} (${timeZone})` : column.header)));
  header.eachCell((cell) => { cell.style = HEADER_STYLE; });
  header.commit();

  const convert = columns.map((column): ((value: unknown) => unknown) => {
    switch (column.type) {
      case 'number': return toNumber;
      case 'money': return toMoney;
      case 'hyperlink': return (value) => links.cell(value);
      case 'date': return (value) => dateCell(value, wallClock);
      default: return toText;
    }
  });
  const keys = columns.map((column) => column.key);
  let rows = 0;
  let state: 'open' | 'finishing' | 'done' = 'open';

  const writer: ReportWriter = {
    get rows() { return rows; },
    get buffered() { return backpressure.pending; },
    get waits() { return backpressure.waits; },

    async addRow(values) {
      if (failure) throw failure;
      if (state !== 'open') throw new Error('the report writer is already finished');
      const byIndex = Array.isArray(values);
      const cells = new Array<unknown>(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const cell = convert[i](byIndex ? (values as readonly unknown[])[i] : (values as Record<string, unknown>)[keys[i]]);
        if (cell !== null) cells[i] = cell; // empty: no cell element at all
      }
      const row = sheet.addRow(cells);
      // exceljs gives every cell a fresh copy of its column's style and then resolves it afresh
      // (~15% of the time); the shared object hits its per-object cache instead
      for (let i = 0; i < cells.length; i++) if (cells[i] !== undefined) row.getCell(i + 1).style = styles[i];
      row.commit();
      links.forgetFormulae(sheet);
      rows += 1;
      // cheap check each row; waits only when the compressor or the output has fallen behind
      if (backpressure.pending > highWaterMark) await backpressure.relieve(highWaterMark);
    },

    async finish() {
      if (state !== 'open') throw failure ?? new Error('the report writer is already finished');
      if (failure) {
        await writer.abort();
        throw failure;
      }
      state = 'finishing';
      sheet.commit();
      const notes = options.note === undefined ? [] : ([] as string[]).concat(options.note);
      if (notes.length) {
        const info = workbook.addWorksheet('Info');
        info.columns = [{ width: 100 }];
        for (const line of [...notes, `Time zone: ${timeZone}`]) info.addRow([cellText(line)]).commit();
        info.commit();
      }
      try {
        await Promise.race([workbook.commit(), failed]); // resolves when the output has finished
        if (partPath) await rename(partPath, options.output as string);
      } catch (error) {
        await writer.abort();
        throw error;
      }
      state = 'done';
      return { rows, bytes: zip.pointer() };
    },

    async abort() {
      if (state === 'done') return;
      state = 'done';
      fail(new Error('the report was aborted'));
      zip.unpipe(output); // archiver must not end the output: a truncated file would look complete
      if (!partPath) {
        output.destroy(); // an HTTP client sees a failed download, not a short file
        return;
      }
      // our own file: wait for its descriptor to close (an open in flight would recreate it)
      if (!output.closed) {
        const closed = once(output, 'close').catch(() => {});
        output.destroy();
        await closed;
      }
      await rm(partPath, { force: true });
    },
  };
  return writer;
}

/** A wall-clock Date for exceljs; instants Excel cannot show as a date become ISO text. */
function dateCell(value: unknown, wallClock: (instantMs: number) => Date): Date | string | null {
  const instant = toInstant(value);
  if (instant === null) return null;
  const wall = wallClock(instant);
  const ms = wall.getTime();
  return ms >= EXCEL_FIRST_DATE && ms < EXCEL_LAST_DATE ? wall : new Date(instant).toISOString();
}

function columnStyle(column: ReportColumn, dateFormat = 'yyyy-mm-dd hh:mm:ss'): Partial<ExcelJS.Style> {
  switch (column.type) {
    case 'date': return { numFmt: column.numFmt ?? dateFormat };
    case 'money': return { numFmt: column.numFmt ?? '0.00' };
    case 'hyperlink': return { font: LINK_FONT, ...(column.numFmt ? { numFmt: column.numFmt } : {}) };
    default: return column.numFmt ? { numFmt: column.numFmt } : {};
  }
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(name = 'Report'): string {
  const clean = cellText(name).replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31);
  return clean || 'Report';
}
