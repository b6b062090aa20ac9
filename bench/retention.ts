// Retention benchmark: does the Dialog list wait on a purge? Whole HTTP time of the AdminJS list
// API on loopback (the real app, logged in as the admin), idle and while the retention worker
// purges, and the purge's rate. The purge is real: the database loses content (seed it again, or
// use a copy, to measure again).
//
//   npx tsx bench/retention.ts --url postgresql://root@127.0.0.1:5432/chats_retention_bench [--dialogs 1000000] [--days 365]
//   npx tsx bench/retention.ts --pglite            # the demo database (3,000 dialogues, 90 days) in memory
//   [--retention-days 90] [--batch-size 10 on PGlite, 25 on PostgreSQL] [--pause-ms 10] [--seconds 30] [--requests 40]
//
// With --url the database is reused when it holds dialogues, else seeded with `npm run seed`'s
// generator. Every chat gets the period; the worker runs for --seconds (or until done) while the
// list is requested one request after another. Prints median and max of each, the batches'
// duration (median, max) and the purge rate.
import { arg, openBenchDatabase, serveSignedIn } from './bench-database.js';
import type { SqlRunner } from '../src/db/sql-runner.js';
import { RETENTION_DEFAULTS, RetentionWorker } from '../src/privacy/retention-worker.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))] ?? NaN;
const over = (values: number[], limit: number) => values.filter((v) => v > limit).length;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');


/** The same runner, timing the retention batches. */
function timingBatches(sql: SqlRunner, batches: number[]): SqlRunner {
  return {
    ...sql,
    kind: sql.kind,
    pool: sql.pool,
    query: async (text, params, name) => {
      if (name !== 'chats_retention_batch') return sql.query(text, params, name);
      const started = performance.now();
      try {
        return await sql.query(text, params, name);
      } finally {
        batches.push(performance.now() - started);
      }
    },
  } as SqlRunner;
}

async function main(): Promise<void> {
  const { db, where } = await openBenchDatabase('postgresql://root@127.0.0.1:5432/chats_retention_bench');
  const { base, cookie, close } = await serveSignedIn(db, { retention: { intervalMs: false } });
  const [chat] = await db.sql.query<{ id: number }>('SELECT chat_id AS id FROM dialogs GROUP BY chat_id ORDER BY count(*) DESC LIMIT 1');
  const urls = [
    '/admin/api/resources/Dialog/actions/list?page=1',
    `/admin/api/resources/Dialog/actions/list?page=1&filters.chat=${chat.id}`,
  ];
  const timed = async (url: string) => {
    const started = performance.now();
    const response = await fetch(base + url, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200 || body.includes('"error"')) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
    return performance.now() - started;
  };
  const requests = Number(arg('requests', '40'));
  for (const url of urls) await timed(url); // warm-up

  const idle: number[] = [];
  for (let i = 0; i < requests; i++) idle.push(await timed(urls[i % urls.length]));

  const days = Number(arg('retention-days', process.argv.includes('--pglite') ? '45' : '90'));
  const batchSize = Number(arg('batch-size', String(RETENTION_DEFAULTS.batchSize[db.sql.kind])));
  const pauseMs = Number(arg('pause-ms', '10'));
  const seconds = Number(arg('seconds', '30'));
  const [{ dialogs }] = await db.sql.query<{ dialogs: number }>(`SELECT (SELECT reltuples FROM pg_class WHERE relname = 'dialogs')::bigint::int AS dialogs`);
  const [{ due }] = await db.sql.query<{ due: number }>(
    `SELECT count(*)::int AS due FROM dialogs WHERE status = 'closed' AND content_removed_at IS NULL AND coalesce(last_message_at, created_at) < now() - make_interval(days => $1::int)`, [days]);
  await db.sql.query('UPDATE chats SET retention_days = $1', [days]);

  const batches: number[] = [];
  const worker = new RetentionWorker(timingBatches(db.sql, batches), { batchSize, pauseMs, intervalMs: 24 * 3600_000 });
  const started = performance.now();
  const run = worker.tick();
  let done = false;
  void run.then(() => { done = true; });
  const stopAt = setTimeout(() => { void worker.stop(); }, seconds * 1000);
  // tick() without start(): stop() ends the run after the batch in flight
  const during: number[] = [];
  while (!done) during.push(await timed(urls[during.length % urls.length]));
  await run;
  clearTimeout(stopAt);
  const elapsed = (performance.now() - started) / 1000;
  const removed = worker.lastResults.reduce((sum, r) => sum + r.removed.dialogs, 0);
  const messages = worker.lastResults.reduce((sum, r) => sum + r.removed.messages, 0);

  console.log(`\n${where}: ≈ ${fmt(dialogs)} dialogues, ${fmt(due)} due at ${days} days; batch ${batchSize}, pause ${pauseMs} ms\n`);
  console.log('| | requests | median | p99 | max | over 100 ms |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  const line = (label: string, values: number[]) => console.log(`| ${label} | ${values.length} | ${ms(median(values))} | ${ms(p99(values))} | ${ms(max(values))} | ${over(values, 100)} |`);
  line('Dialog list, idle', idle);
  line('Dialog list, during the purge', during);
  line('retention batch (one transaction)', batches);
  console.log(`\nPurge: ${fmt(removed)} dialogues (${fmt(messages)} messages) in ${elapsed.toFixed(1)} s = ${fmt(removed / elapsed)} dialogues/s${done && removed < due ? ' (stopped)' : ''}`);
  console.log(`The list waited on the purge at most ≈ ${ms(Math.max(0, max(during) - median(idle)))} (max during − idle median)`);
  close();
  await db.close();
}

await main();
process.exit(0);
