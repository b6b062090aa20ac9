// List, text search and dashboard benchmark: whole HTTP time of the AdminJS list API and the
// dashboard on loopback (the real app, logged in as the admin), median of 5 after a warm-up pass.
//
//   npx tsx bench/list.ts [--url postgresql://root@127.0.0.1:5432/chats_list_bench] [--dialogs 1000000] [--days 365]
//   npx tsx bench/list.ts --pglite        # the demo database (3,000 dialogues, 90 days) in memory
//   [--json out.json]                     # also write the figures; bench/list-today{,-pglite}.json hold
//                                         # the figures of the code before issue 10, measured with this script
//
// With --url the database is reused when it holds dialogues, else seeded with `npm run seed`'s
// generator (1M dialogues: several minutes). Prints a Markdown table: row, before, now, target.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../src/app/database.js';
import { ROOT, arg, openBenchDatabase, serveSignedIn } from './bench-database.js';

const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Row { key: string; label: string; target: number; url: string }

async function scenario(db: Database): Promise<Row[]> {
  const [chat] = await db.sql.query<{ id: number }>(`SELECT chat_id AS id FROM dialogs GROUP BY chat_id ORDER BY count(*) DESC LIMIT 1`);
  const [marker] = await db.sql.query<{ id: number }>(`SELECT marker_id AS id FROM dialog_markers GROUP BY marker_id ORDER BY count(*) DESC LIMIT 1`);
  const dialogs = '/admin/api/resources/Dialog/actions/list';
  const messages = '/admin/api/resources/Message/actions/list';
  const dashboard = '/admin/api/dashboard';
  return [
    { key: 'dialogs', label: 'Dialog list, no filter', target: 50, url: `${dialogs}?page=1` },
    { key: 'dialogs-status', label: 'Dialog list, status closed', target: 50, url: `${dialogs}?page=1&filters.status=closed` },
    { key: 'dialogs-cost', label: 'Dialog list, sort by cost', target: 50, url: `${dialogs}?page=1&sortBy=cost&direction=desc` },
    { key: 'dialogs-chat', label: 'Dialog list, one chat', target: 50, url: `${dialogs}?page=1&filters.chat=${chat.id}` },
    { key: 'dialogs-channel', label: 'Dialog list, channel facebook', target: 50, url: `${dialogs}?page=1&filters.channel=facebook` },
    { key: 'dialogs-deep', label: 'Dialog list, page 500', target: 50, url: `${dialogs}?page=500` },
    { key: 'dialogs-marker', label: 'Dialog list, marker filter', target: 50, url: `${dialogs}?page=1&filters.markers=${marker.id}` },
    { key: 'dialogs-text', label: 'Dialog list, text search "refund"', target: 150, url: `${dialogs}?page=1&filters.text=refund` },
    { key: 'messages', label: 'Message list, no filter', target: 50, url: `${messages}?page=1` },
    { key: 'messages-author', label: 'Message list, author type operator', target: 50, url: `${messages}?page=1&filters.authorType=operator` },
    { key: 'messages-text', label: 'Message list, text search "refund"', target: 150, url: `${messages}?page=1&filters.text=refund` },
    { key: 'dashboard-30', label: 'Dashboard, 30 days, all chats', target: 300, url: `${dashboard}?from=${day(-29)}&to=${day(0)}&tz=UTC` },
    { key: 'dashboard-30-chat', label: 'Dashboard, 30 days, one chat', target: 300, url: `${dashboard}?from=${day(-29)}&to=${day(0)}&tz=UTC&chat=${chat.id}` },
    { key: 'dashboard-90', label: 'Dashboard, 90 days, all chats', target: 300, url: `${dashboard}?from=${day(-89)}&to=${day(0)}&tz=Asia/Kolkata` },
    { key: 'dashboard-90-chat', label: 'Dashboard, 90 days, one chat', target: 300, url: `${dashboard}?from=${day(-89)}&to=${day(0)}&tz=Asia/Kolkata&chat=${chat.id}` },
  ];
}


async function main(): Promise<void> {
  const { db, where } = await openBenchDatabase('postgresql://root@127.0.0.1:5432/chats_list_bench');
  const { base, cookie, close } = await serveSignedIn(db);
  const beforeFile = path.join(ROOT, process.argv.includes('--pglite') ? 'bench/list-today-pglite.json' : 'bench/list-today.json');
  const before = fs.existsSync(beforeFile) ? JSON.parse(fs.readFileSync(beforeFile, 'utf8')) as Record<string, number> : {};
  const figures: Record<string, number> = {};
  const [{ dialogs, messages }] = await db.sql.query<{ dialogs: number; messages: number }>(
    `SELECT (SELECT reltuples FROM pg_class WHERE relname = 'dialogs')::bigint::int AS dialogs, (SELECT reltuples FROM pg_class WHERE relname = 'messages')::bigint::int AS messages`);
  console.log(`\n${where}: ≈ ${dialogs.toLocaleString('en-US')} dialogues, ≈ ${messages.toLocaleString('en-US')} messages; whole HTTP time, median of ${RUNS} after a warm-up pass\n`);
  console.log('| screen / query | before | now | target |\n| --- | ---: | ---: | ---: |');
  const rows = await scenario(db);
  const timed = async (url: string) => {
    const started = performance.now();
    const response = await fetch(base + url, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200 || body.includes('"error"')) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
    return performance.now() - started;
  };
  for (const row of rows) await timed(row.url); // one pass to warm up code paths and caches
  for (const row of rows) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await timed(row.url));
    figures[row.key] = Math.round(median(times));
    const was = before[row.key] === undefined ? '–' : `${before[row.key].toLocaleString('en-US')} ms`;
    console.log(`| ${row.label} | ${was} | ${figures[row.key].toLocaleString('en-US')} ms | ≤ ${row.target} ms |`);
  }
  const out = arg('json', '');
  if (out) fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  close();
  await db.close();
}

await main();
process.exit(0);
