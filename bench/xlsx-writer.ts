// Bench: raw exceljs streaming writer (tight loop) vs createReportWriter, at N/10 and N rows.
//   npx tsx bench/xlsx-writer.ts --rows 1000000 [--runs 2] [--variants raw,ours,ours-textlinks]
//                                [--hwm 1048576] [--runner node|tsx]
// Each measurement runs in its own child process so RSS peaks never mix. Peak RSS is the kernel's
// high-water mark (VmHWM): a synchronous loop starves any interval-based sampler. Children run on
// bare node from a transpiled copy by default (--runner tsx: under tsx, +~45 MB for its loader).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createReportWriter } from '../src/reports/xlsx/report-writer.js';
import { COLUMNS, sessionRow } from './xlsx-data.js';

// ours-textlinks: the link column as plain text, like the raw baseline (isolates the link cost)
type Variant = 'raw' | 'ours' | 'ours-textlinks';
interface Result { variant: Variant; rows: number; seconds: number; rowsPerSecond: number; rowsPerCpuSecond: number; peakRssMb: number; startRssMb: number; fileMb: number; waits: number }

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

async function ours(rows: number, file: string, textLinks = false): Promise<number> {
  const highWaterMark = Number(arg('hwm', String(1024 * 1024)));
  const columns = textLinks ? COLUMNS.map((c) => (c.type === 'hyperlink' ? { ...c, type: 'string' as const } : c)) : COLUMNS;
  const writer = await createReportWriter({ output: file, columns, timeZone: 'Europe/Moscow', highWaterMark });
  for (let i = 0; i < rows; i++) await writer.addRow(sessionRow(i));
  await writer.finish();
  return writer.waits;
}

async function child(variant: Variant, rows: number): Promise<void> {
  const file = join(tmpdir(), `xlsx-bench-${process.pid}.xlsx`);
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const waits = variant === 'raw' ? await rawExceljs(rows, file) : await ours(rows, file, variant === 'ours-textlinks');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore); // all threads (zlib runs in the pool): steadier than wall time on a busy box
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const fileMb = mb(statSync(file).size);
  rmSync(file, { force: true });
  const result: Result = { variant, rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), rowsPerCpuSecond: Math.round(rows / cpuSeconds), peakRssMb: Math.round(vmHwmMb()), startRssMb: Math.round(startRssMb), fileMb, waits };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function parent(): Promise<void> {
  const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  const runner = arg('runner', 'node');
  const script = runner === 'tsx' ? ['--import', 'tsx', fileURLToPath(import.meta.url)]
    : [(await import('./transpile.js')).transpileForNode(repoRoot, 'bench/xlsx-writer.ts')];
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
        console.log(`${variant.padEnd(14)} ${String(rows).padStart(8)} rows  run ${run}: ${String(result.rowsPerSecond).padStart(7)} rows/s (${String(result.rowsPerCpuSecond).padStart(6)} per CPU s)  ${result.seconds.toFixed(2).padStart(6)} s  peak RSS ${result.peakRssMb} MB (start ${result.startRssMb})  file ${result.fileMb} MB${variant !== 'raw' ? `  waits ${result.waits}` : ''}`);
      }
    }
  }
  // runs interleave the variants, so run i of each saw roughly the same machine load
  const sizes = [Math.round(top / 10), top];
  const of = (v: Variant, rows: number) => results.filter((r) => r.variant === v && r.rows === rows);
  for (const variant of variants.filter((v) => v !== 'raw')) {
    for (const rows of sizes) {
      if (variants.includes('raw')) {
        const ratios = (pick: (r: Result) => number) => of(variant, rows).map((r, i) => (pick(r) / pick(of('raw', rows)[i])).toFixed(2)).join(', ');
        console.log(`${variant} ${rows} rows: / raw per run: wall ${ratios((r) => r.rowsPerSecond)}; CPU ${ratios((r) => r.rowsPerCpuSecond)}`);
      }
    }
    const peaks = sizes.map((rows) => Math.max(...of(variant, rows).map((r) => r.peakRssMb)));
    console.log(`${variant}: worst peak RSS ${sizes[1]} rows / ${sizes[0]} rows = ${peaks[1]} / ${peaks[0]} = ${(peaks[1] / peaks[0]).toFixed(2)}`);
  }
}

if (process.argv.includes('--child')) await child(arg('child', 'ours') as Variant, Number(arg('rows', '1000')));
else await parent();
