import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { WorksheetBackpressure } from '../../../src/reports/xlsx/backpressure.js';
import { TRUNCATION_MARKER } from '../../../src/reports/xlsx/cell-values.js';
import { createReportWriter, type ReportColumn } from '../../../src/reports/xlsx/report-writer.js';

const COLUMNS: ReportColumn[] = [
  { header: 'Session', key: 'id', type: 'string', width: 38 },
  { header: 'Started', key: 'startedAt', type: 'date' },
  { header: 'Messages', key: 'messages', type: 'number' },
  { header: 'Cost', key: 'cost', type: 'money' },
  { header: 'Link', key: 'link', type: 'hyperlink' },
  { header: 'Transcript', key: 'transcript', type: 'text' },
];

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'report-writer-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readSheet(path: string, name = 'Report'): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

const utc = (iso: string) => new Date(`${iso}Z`);

describe('report writer: cells', () => {
  let sheet: ExcelJS.Worksheet;
  let info: ExcelJS.Worksheet;
  const formulaLike = ['=1+1', '+SUM(A1:A2)', '-2+3', '@cmd|"/c calc"!A0', '=HYPERLINK("http://evil","x")'];

  beforeAll(async () => {
    const path = join(dir, 'cells.xlsx');
    const writer = await createReportWriter({ output: path, sheetName: 'Report', columns: COLUMNS, timeZone: 'Europe/Moscow', note: 'Filter: status = closed' });
    await writer.addRow({ id: 'a', startedAt: new Date('2024-01-15T10:00:00Z'), messages: 12, cost: '12.3450', link: { text: 'Open', url: 'https://admin.example/d/1' }, transcript: 'Client: привет 😀\nBot: 👍🏽' });
    await writer.addRow({ id: 'b', startedAt: '2024-07-15T22:30:05.000Z', messages: Number.NaN, cost: '-0.005', link: 'javascript:alert(1)', transcript: 'ж'.repeat(40_000) });
    await writer.addRow({ id: 'c\u0000\u0007d\u001F', startedAt: null, messages: '7', cost: null, link: null, transcript: 'a\u000Bb\u000Cc\td\ne' });
    for (const text of formulaLike) await writer.addRow(['f', null, null, null, null, text]);
    expect(await writer.finish()).toEqual({ rows: 3 + formulaLike.length, bytes: expect.any(Number) });
    expect(existsSync(`${path}.part`)).toBe(false);
    sheet = await readSheet(path);
    info = await readSheet(path, 'Info');
  });

  it('writes a bold header naming the time zone, frozen, with column widths', () => {
    expect(sheet.getRow(1).values).toEqual([undefined, 'Session', 'Started (Europe/Moscow)', 'Messages', 'Cost', 'Link', 'Transcript']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('B1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(38);
    expect(sheet.getColumn(2).width).toBe(20);
    expect(sheet.getColumn(6).width).toBe(60);
    expect(sheet.rowCount).toBe(1 + 3 + formulaLike.length);
  });

  it('stores dates as Excel dates showing the zone wall clock, with a date-time format', () => {
    const cell = sheet.getCell('B2');
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.value).toEqual(utc('2024-01-15T13:00:00'));
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getCell('B3').value).toEqual(utc('2024-07-16T01:30:05'));
    expect(sheet.getCell('B4').value).toBeNull();
  });

  it('stores numbers as numbers and money as 2-decimal numbers', () => {
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('C2').value).toBe(12);
    expect(sheet.getCell('C3').value).toBeNull(); // NaN would corrupt the file
    expect(sheet.getCell('C4').value).toBe(7);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('D2').value).toBe(12.35);
    expect(sheet.getCell('D2').numFmt).toBe('0.00');
    expect(sheet.getCell('D3').value).toBe(-0.01);
  });

  it('writes real hyperlink cells for web links only', () => {
    const link = sheet.getCell('E2');
    expect(link.type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(link.value).toEqual({ text: 'Open', hyperlink: 'https://admin.example/d/1' });
    expect(link.font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
    expect(sheet.getCell('E3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('E3').value).toBe('javascript:alert(1)');
  });

  it('keeps formula-looking text as text, never a formula', () => {
    formulaLike.forEach((text, i) => {
      const cell = sheet.getCell(`F${5 + i}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    });
  });

  it('cuts overlong text with a marker, strips control characters, keeps Cyrillic and emoji', () => {
    const long = sheet.getCell('F3').value as string;
    expect(long.length).toBeLessThanOrEqual(32_767);
    expect(long.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(long.startsWith('жжжж')).toBe(true);
    expect(sheet.getCell('A4').value).toBe('cd');
    expect(sheet.getCell('F4').value).toBe('abc\td\ne');
    expect(sheet.getCell('F2').value).toBe('Client: привет 😀\nBot: 👍🏽');
  });

  it('adds the note and the time zone on an Info sheet', () => {
    expect(info.getCell('A1').value).toBe('Filter: status = closed');
    expect(info.getCell('A2').value).toBe('Time zone: Europe/Moscow');
  });
});

describe('report writer: behaviour', () => {
  it('shows New York wall-clock time across daylight saving time', async () => {
    const path = join(dir, 'ny.xlsx');
    const writer = await createReportWriter({ output: path, columns: [{ header: 'At', key: 'at', type: 'date' }], timeZone: 'America/New_York' });
    for (const at of ['2024-01-15T15:00:00Z', '2024-07-01T15:00:00Z', '2024-03-10T06:59:59Z', '2024-03-10T07:00:00Z']) await writer.addRow({ at: new Date(at) });
    await writer.finish();
    const sheet = await readSheet(path);
    expect(sheet.getCell('A1').value).toBe('At (America/New_York)');
    expect([2, 3, 4, 5].map((r) => sheet.getCell(`A${r}`).value)).toEqual(
      ['2024-01-15T10:00:00', '2024-07-01T11:00:00', '2024-03-10T01:59:59', '2024-03-10T03:00:00'].map(utc),
    );
  });

  it('turns links beyond the cap into HYPERLINK() formulas', async () => {
    const path = join(dir, 'links.xlsx');
    const writer = await createReportWriter({ output: path, columns: [{ header: 'Link', key: 'l', type: 'hyperlink' }], timeZone: 'UTC', maxHyperlinks: 1 });
    await writer.addRow({ l: { text: 'one', url: 'https://x.example/1' } });
    await writer.addRow({ l: { text: 'two', url: 'https://x.example/2' } });
    await writer.finish();
    const sheet = await readSheet(path);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.Formula);
    expect(sheet.getCell('A3').value).toEqual({ formula: 'HYPERLINK("https://x.example/2","two")', result: 'two' });
  });

  it('refuses to run without the exceljs internals it relies on', () => {
    expect(() => new WorksheetBackpressure({ write() {} })).toThrow(/internals changed/);
  });

  it('abort leaves neither the file nor its .part behind', async () => {
    const path = join(dir, 'aborted.xlsx');
    const writer = await createReportWriter({ output: path, columns: COLUMNS, timeZone: 'UTC' });
    for (let i = 0; i < 2000; i++) await writer.addRow({ id: `row ${i}`, transcript: 'x'.repeat(200) });
    await writer.abort();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
    await expect(writer.addRow({ id: 'late' })).rejects.toThrow(/aborted/);
  });

  it('waits for a slow output and keeps what it buffers bounded', async () => {
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) { chunks.push(chunk); setTimeout(callback, 1); },
    });
    const highWaterMark = 128 * 1024;
    const writer = await createReportWriter({ output: slow, columns: COLUMNS, timeZone: 'UTC', highWaterMark });
    let maxBuffered = 0;
    for (let i = 0; i < 6000; i++) {
      await writer.addRow(randomRow(i));
      maxBuffered = Math.max(maxBuffered, writer.buffered);
    }
    expect(writer.waits).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThanOrEqual(highWaterMark + 64 * 1024); // + one 64 KiB exceljs batch
    const { rows, bytes } = await writer.finish();
    expect(rows).toBe(6000);
    expect(bytes).toBe(Buffer.concat(chunks).length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Report')?.rowCount).toBe(6001);
  });

  it('stops taking rows while the output is stuck, and fails (not hangs) when it closes', async () => {
    const stuck = new Writable({ write() { /* never acknowledges: a client that stopped reading */ } });
    const writer = await createReportWriter({ output: stuck, columns: COLUMNS, timeZone: 'UTC', highWaterMark: 64 * 1024 });
    const producing = (async () => {
      for (let i = 0; i < 1_000_000; i++) await writer.addRow(randomRow(i));
    })();
    producing.catch(() => {});
    let seen = -1;
    for (let polls = 0; polls < 100 && writer.rows !== seen; polls++) {
      seen = writer.rows;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(writer.rows).toBe(seen); // the producer is parked in addRow()
    expect(writer.rows).toBeLessThan(200_000);
    expect(writer.buffered).toBeLessThanOrEqual(128 * 1024);
    stuck.destroy();
    await expect(producing).rejects.toThrow(/closed before the report was finished/);
  });
});

function randomRow(i: number): Record<string, unknown> {
  // poorly compressible, so the compressed output really fills the downstream buffers
  return { id: `${i}-${Math.random()}`, startedAt: new Date(), messages: i, cost: '1.2345', transcript: Array.from({ length: 8 }, () => Math.random().toString(36)).join(' ') };
}
