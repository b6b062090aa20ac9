// Export benchmark on PostgreSQL: seeds (or reuses) N dialogues, then exports the heaviest reports
// and prints rows/s, wall time and peak RSS for each, beside
//   (a) raw exceljs streaming writer, same rows, no database (the ceiling), and
//   (b) the way @adminjs/import-export exports: every record loaded, then written.
//
//   npx tsx bench/export.ts [--dialogs 100000] [--url postgresql://root@127.0.0.1:5432/chats_bench]
//                           [--reports all_sessions,client_phrases,popular_phrases,billing]
//
// Every measurement runs in its own child process on bare node, so RSS peaks never mix. Peak RSS
// is the kernel's high-water mark (VmHWM).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { openDatabase } from '../src/app/database.js';
import { exportReport, sheetColumns } from '../src/reports/export-report.js';
import { getReport } from '../src/reports/registry.js';
import type { ReportOptions, ReportType } from '../src/reports/report-definition.js';
import type { DialogFilter } from '../src/domain/dialog-filter.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);

type Mode = 'ours' | 'raw' | 'load-all';
interface Job { mode: Mode; report: ReportType; withTime: boolean; fraction: number; rows?: number }
interface Result extends Job { rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number; fileMb: number }

async function periodFilter(url: string, fraction: number): Promise<DialogFilter> {
  if (fraction >= 1) return {};
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT min(created_at) AS a, max(created_at) AS b FROM dialogs');
  await client.end();
  const from = new Date(rows[0].b.getTime() - (rows[0].b.getTime() - rows[0].a.getTime()) * fraction);
  return { createdFrom: from };
}

async function child(url: string, job: Job): Promise<Result> {
  const file = join(tmpdir(), `export-bench-${process.pid}.xlsx`);
  const db = await openDatabase({ databaseUrl: url });
  const definition = getReport(job.report);
  const options: ReportOptions = { filter: await periodFilter(url, job.fraction), withTime: job.withTime, timeZone: 'Europe/Moscow', dialogUrlBase: 'https://chats.example.com/admin/resources/Dialog/records' };
  const started = process.hrtime.bigint();
  let rows = 0;
  if (job.mode === 'ours') {
    rows = (await exportReport({ sql: db.sql, definition, options, output: file })).rows;
  } else if (job.mode === 'load-all') {
    // @adminjs/import-export: all records in memory, then one workbook built and written
    const all: Record<string, unknown>[] = [];
    for await (const batch of definition.rows(db.sql, options)) all.push(...batch);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(definition.title);
    sheet.columns = sheetColumns(definition.columns(options)).map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const row of all) sheet.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v && typeof v === 'object' && 'url' in v ? (v as { url: string }).url : v])));
    await book.xlsx.writeFile(file);
    rows = all.length;
  } else {
    // the ceiling: exceljs' streaming writer in a tight loop on rows of the same shape, no database
    const sample: Record<string, unknown>[] = [];
    for await (const batch of definition.rows(db.sql, { ...options, filter: { ...options.filter } })) {
      sample.push(...batch.slice(0, 1000 - sample.length));
      if (sample.length >= 1000) break;
    }
    const total = job.rows ?? 0;
    const writerStarted = process.hrtime.bigint();
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet('Report');
    const columns = sheetColumns(definition.columns(options));
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (let i = 0; i < total; i++) {
      const row = sample[i % sample.length];
      sheet.addRow(columns.map((c) => { const v = row[c.key]; return v && typeof v === 'object' && 'url' in v ? (v as { url: string }).url : v; })).commit();
    }
    sheet.commit();
    await book.commit();
    rows = total;
    const seconds = Number(process.hrtime.bigint() - writerStarted) / 1e9;
    await db.close();
    const fileMb = Math.round(statSync(file).size / 1e5) / 10;
    rmSync(file, { force: true });
    return { ...job, rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), peakRssMb: peakRssMb(), fileMb };
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await db.close();
  const fileMb = Math.round(statSync(file).size / 1e5) / 10;
  rmSync(file, { force: true });
  return { ...job, rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), peakRssMb: peakRssMb(), fileMb };
}

async function ensureSeeded(url: string, dialogs: number): Promise<void> {
  const server = new URL(url);
  const name = server.pathname.slice(1);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: url });
  const { migrate } = await import('../src/db/migrate.js');
  await migrate(db.sql);
  const have = Number((await db.sql.query<{ n: string }>('SELECT count(*) AS n FROM dialogs'))[0].n);
  if (have < dialogs) {
    const { seedDemoData, deleteAllChatData } = await import('../src/app/demo/seed.js');
    if (have > 0) await deleteAllChatData(db);
    console.log(`seeding ${dialogs} dialogues into ${name}…`);
    const summary = await seedDemoData(db, { dialogs, days: 90, seed: 1, now: new Date() });
    console.log(`seeded ${summary.dialogs} dialogues, ${summary.messages} messages in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  }
  const counts = (await db.sql.query<{ d: string; m: string; c: string }>(
    "SELECT (SELECT count(*) FROM dialogs) AS d, (SELECT count(*) FROM messages) AS m, (SELECT count(*) FROM messages WHERE author_type = 'client') AS c"))[0];
  console.log(`database: ${counts.d} dialogues, ${counts.m} messages (${counts.c} from clients)`);
  await db.close();
}

function run(script: string, url: string, job: Job): Result | null {
  const out = spawnSync(process.execPath, [script, '--child', JSON.stringify(job), '--url', url], { encoding: 'utf8', maxBuffer: 1 << 22 });
  if (out.status === 0) return JSON.parse(out.stdout.trim().split('\n').pop()!) as Result;
  // the load-everything approach runs out of memory on big reports: that is a result too
  const reason = /heap out of memory/i.test(out.stderr) ? 'out of memory (V8 heap limit)' : out.stderr.trim().split('\n').slice(-3).join(' ');
  console.log(`${job.mode.padEnd(9)} ${job.report.padEnd(42)} failed: ${reason}`);
  return null;
}

function print(result: Result | null): void {
  if (!result) return;
  const label = `${result.report}${result.withTime ? ' +time' : ''}${result.fraction < 1 ? ` (${Math.round(result.fraction * 100)}% of the period)` : ''}`;
  console.log(`${result.mode.padEnd(9)} ${label.padEnd(42)} ${String(result.rows).padStart(8)} rows ${result.seconds.toFixed(2).padStart(7)} s ${String(result.rowsPerSecond).padStart(7)} rows/s  peak RSS ${String(result.peakRssMb).padStart(4)} MB  file ${result.fileMb} MB`);
}

async function parent(): Promise<void> {
  const url = arg('url', 'postgresql://root@127.0.0.1:5432/chats_bench');
  await ensureSeeded(url, Number(arg('dialogs', '100000')));
  const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  const script = (await import('./transpile.js')).transpileForNode(repoRoot, 'bench/export.ts');
  const only = arg('reports', 'all_sessions,client_phrases,popular_phrases,billing').split(',');
  const heavy = ([['all_sessions', true], ['client_phrases', true], ['popular_phrases', false], ['billing', false]] as [ReportType, boolean][])
    .filter(([report]) => only.includes(report));
  for (const [report, withTime] of heavy) {
    const ours = run(script, url, { mode: 'ours', report, withTime, fraction: 1 });
    print(ours);
    if (ours && ours.rows >= 1000) {
      print(run(script, url, { mode: 'raw', report, withTime, fraction: 1, rows: ours.rows }));
      print(run(script, url, { mode: 'load-all', report, withTime, fraction: 1 }));
    }
  }
  // flat memory: the same report on a tenth of the period, then on all of it
  for (const fraction of [0.1, 1]) print(run(script, url, { mode: 'ours', report: 'client_phrases', withTime: true, fraction }));
}

if (process.argv.includes('--child')) {
  child(arg('url', ''), JSON.parse(arg('child', '{}')) as Job)
    .then((result) => { process.stdout.write(`${JSON.stringify(result)}\n`); process.exit(0); })
    .catch((error) => { console.error(error); process.exit(1); });
} else {
  parent().catch((error) => { console.error(error); process.exit(1); });
}
