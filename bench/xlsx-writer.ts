// Bench: raw exceljs streaming writer (tight loop) vs createReportWriter, at N/10 and N rows.
//   npx tsx bench/xlsx-writer.ts --rows 1000000 [--runs 2] [--variants raw,ours] [--hwm 1048576]
//                                [--runner node|tsx]
// Each measurement runs in its own child process so RSS peaks never mix. Peak RSS is the kernel's
// high-water mark (VmHWM): a synchronous loop starves any interval-based sampler. Children run on
// bare node from a transpiled copy by default (--runner tsx: under tsx, +~45 MB for its loader).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createReportWriter } from '../src/xlsx/report-writer.js';
import { COLUMNS, sessionRow } from './xlsx-data.js';

type Variant = 'raw' | 'ours';
interface Result { variant: Variant; rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number; startRssMb: number; fileMb: number; waits: number }

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const vmHwmMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function rawExceljs(rows: number, file: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Report', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header, key: c.key, width: c.width ?? 20,
    style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : c.type === 'money' ? { numFmt: '0.00' } : {},
  }));
  for (let i = 0; i < rows; i++) {
    const r = sessionRow(i);
    // the links as plain text: the cheapest possible baseline
    sheet.addRow([r.id, r.chat, r.channel, r.clientId, r.startedAt, r.closedAt, r.status, r.operator, r.messages, Number(r.cost), r.link, r.transcript]).commit();
  }
  sheet.commit();
  await workbook.commit();
  return 0;
}

async function ours(rows: number, file: string): Promise<number> {
  const highWaterMark = Number(arg('hwm', String(1024 * 1024)));
  const writer = await createReportWriter({ output: file, columns: COLUMNS, timeZone: 'Europe/Moscow', highWaterMark });
  for (let i = 0; i < rows; i++) await writer.addRow(sessionRow(i));
  await writer.finish();
  return writer.waits;
}

async function child(variant: Variant, rows: number): Promise<void> {
  const file = join(tmpdir(), `xlsx-bench-${process.pid}.xlsx`);
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const started = process.hrtime.bigint();
  const waits = await (variant === 'raw' ? rawExceljs : ours)(rows, file);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const fileMb = mb(statSync(file).size);
  rmSync(file, { force: true });
  const result: Result = { variant, rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), peakRssMb: Math.round(vmHwmMb()), startRssMb: Math.round(startRssMb), fileMb, waits };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function parent(): Promise<void> {
  const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  const runner = arg('runner', 'node');
  const script = runner === 'tsx' ? ['--import', 'tsx', fileURLToPath(import.meta.url)]
    : [(await import('./xlsx-transpile.js')).transpileForNode(repoRoot, 'bench/xlsx-writer.ts')];
  console.log(`children on ${runner === 'tsx' ? 'tsx' : 'bare node (transpiled)'}`);
  const top = Number(arg('rows', '1000000'));
  const runs = Number(arg('runs', '2'));
  const variants = arg('variants', 'raw,ours').split(',') as Variant[];
  const extra = process.argv.includes('--hwm') ? ['--hwm', arg('hwm', '')] : [];
  const results: Result[] = [];
  for (const rows of [Math.round(top / 10), top]) {
    for (let run = 1; run <= runs; run++) {
      for (const variant of variants) {
        const out = spawnSync(process.execPath, [...script, '--child', variant, '--rows', String(rows), ...extra], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 20 });
        if (out.status !== 0) throw new Error(`${variant} ${rows}: ${out.stderr}`);
        const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as Result;
        results.push(result);
        console.log(`${variant.padEnd(4)} ${String(rows).padStart(8)} rows  run ${run}: ${String(result.rowsPerSecond).padStart(7)} rows/s  ${result.seconds.toFixed(2).padStart(6)} s  peak RSS ${result.peakRssMb} MB (start ${result.startRssMb})  file ${result.fileMb} MB${variant === 'ours' ? `  waits ${result.waits}` : ''}`);
      }
    }
  }
  if (variants.includes('raw') && variants.includes('ours')) {
    const best = (v: Variant, rows: number, pick: (r: Result) => number, f: (...n: number[]) => number) => f(...results.filter((r) => r.variant === v && r.rows === rows).map(pick));
    for (const rows of [Math.round(top / 10), top]) {
      const ratio = best('ours', rows, (r) => r.rowsPerSecond, Math.max) / best('raw', rows, (r) => r.rowsPerSecond, Math.max);
      console.log(`${rows} rows: ours/raw throughput (best of runs) = ${ratio.toFixed(2)}`);
    }
  }
  if (variants.includes('ours')) {
    const peak = (rows: number) => Math.max(...results.filter((r) => r.variant === 'ours' && r.rows === rows).map((r) => r.peakRssMb));
    console.log(`ours: peak RSS ${top} rows / ${Math.round(top / 10)} rows = ${(peak(top) / peak(Math.round(top / 10))).toFixed(2)} (worst runs)`);
  }
}

if (process.argv.includes('--child')) await child(arg('child', 'ours') as Variant, Number(arg('rows', '1000')));
else await parent();
