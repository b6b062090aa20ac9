// Exports a report to a real .xlsx file, reads it back with exceljs and checks every cell against
// the rows the report produced (which the tests compare with hand-computed rows): value, type,
// number format, time zone, hyperlink, frozen header.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SqlRunner } from '../../src/db/sql-runner.js';
import { exportReport } from '../../src/reports/export-report.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../../src/reports/report-definition.js';
import { roundToCents } from '../../src/domain/money.js';
import { zonedWallClock } from '../../src/reports/xlsx/zoned-time.js';
import { EXCEL_MAX_CELL_CHARS, TRUNCATION_MARKER } from '../../src/reports/xlsx/cell-values.js';

const { ValueType } = ExcelJS;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function expectCell(cell: ExcelJS.Cell, value: unknown, column: ReportColumn, wallClock: (ms: number) => Date, where: string): void {
  const at = `${where} ${column.key}`;
  if (value === null || value === undefined) {
    expect([at, cell.type]).toEqual([at, ValueType.Null]);
    return;
  }
  switch (column.type) {
    case 'string':
    case 'text': {
      const text = value as string;
      expect([at, cell.type]).toEqual([at, ValueType.String]);
      if (text.length <= EXCEL_MAX_CELL_CHARS) {
        expect([at, cell.value]).toEqual([at, text]);
      } else { // cut visibly at Excel's limit, never corrupted
        const stored = cell.value as string;
        expect(stored.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
        expect(stored.endsWith(TRUNCATION_MARKER)).toBe(true);
        expect(text.startsWith(stored.slice(0, -TRUNCATION_MARKER.length))).toBe(true);
      }
      break;
    }
    case 'integer':
    case 'number':
    case 'percent':
      expect([at, cell.type]).toEqual([at, ValueType.Number]);
      expect(cell.value as number).toBeCloseTo(value as number, 9);
      break;
    case 'money':
      expect([at, cell.type, cell.value, cell.numFmt]).toEqual([at, ValueType.Number, Number(roundToCents(value as string)), '0.00']);
      break;
    case 'duration': {
      // exceljs reads a number with a time format back as a Date: turn it into days again
      expect(cell.numFmt).toBe('[h]:mm:ss');
      const days = cell.value instanceof Date ? (cell.value.getTime() - EXCEL_EPOCH) / 86_400_000 : cell.value as number;
      expect(days).toBeCloseTo((value as number) / 86_400, 8);
      break;
    }
    case 'date':
      expect([at, cell.type]).toEqual([at, ValueType.Date]);
      expect([at, (cell.value as Date).getTime()]).toEqual([at, wallClock((value as Date).getTime()).getTime()]);
      break;
    case 'hyperlink': {
      const link = value as { text: string; url: string };
      expect([at, cell.type, cell.value]).toEqual([at, ValueType.Hyperlink, { text: link.text, hyperlink: link.url }]);
      break;
    }
    default:
      throw new Error(`no check for column type ${column.type as string}`);
  }
}

export async function expectWorkbookHoldsRows(sql: SqlRunner, report: ReportDefinition, options: ReportOptions, rows: ReportRow[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-readback-'));
  const file = path.join(dir, 'report.xlsx');
  try {
    const result = await exportReport({ sql, definition: report, options, output: file });
    expect(result.rows).toBe(rows.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    const columns = report.columns(options);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, ...columns.map((c) => (c.type === 'date' ? `${c.header} (${options.timeZone})` : c.header))]);
    expect(sheet.actualRowCount).toBe(rows.length + 1);
    const wallClock = zonedWallClock(options.timeZone);
    rows.forEach((row, index) => {
      const line = sheet.getRow(index + 2);
      columns.forEach((column, col) => expectCell(line.getCell(col + 1), row[column.key], column, wallClock, `row ${index + 2}`));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
