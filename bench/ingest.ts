// Bench: N simulated widget clients on loopback against PostgreSQL, each sending M messages.
//   npx tsx bench/ingest.ts --database-url postgresql://root@127.0.0.1:5432/ingest_bench
//        [--clients 200] [--messages 20] [--retry-share 0.05] [--pool 10] [--no-sse] [--bot] [--instances 1]
//        [--redis redis://127.0.0.1:6379]   (rate-limit counters in Redis rather than PostgreSQL)
// Each client does what the widget does: POST /session, opens the event stream, then sends its
// messages one after another (each POST waits for the answer), and re-sends a share of them with
// the same client message id (a retry after a lost answer). The server is the widget's real
// router (src/server/public-routes.ts) with the conversation service and the live events bus
// (LISTEN/NOTIFY), in this process; the clients run in a child process so that they do not share
// the server's event loop. --instances N: N server processes on the one database (each its own
// pool of --pool connections); client i posts to instance i mod N and reads its event stream from
// instance i+1 mod N, so every delivery crosses instances through PostgreSQL.
// Prints messages/s, p50/p99 latency, and checks that every message is stored exactly once and
// reached its client's event stream exactly once. The database must be empty (migrated here).
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

interface Options { clients: number; messages: number; retryShare: number; sse: boolean }
interface ClientReport { clientId: string; sent: string[]; latencies: number[]; duplicates: number; streamed: string[]; errors: string[] }
interface LoadResult { startedAt: number; finishedAt: number; clients: ClientReport[]; cpuSeconds: number }

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};

// The same file is the load generator in a child process (a worker thread cannot load .ts here),
// and each server of --instances N.
if (process.env.INGEST_BENCH_SERVER) {
  const { databaseUrl, poolMax } = JSON.parse(process.env.INGEST_BENCH_SERVER) as { databaseUrl: string; poolMax: number };
  const server = await startServer(databaseUrl, poolMax);
  const cpuStart = process.cpuUsage();
  process.send?.({ baseUrl: server.baseUrl });
  process.once('message', () => {
    const cpu = process.cpuUsage(cpuStart);
    // disconnect only once the message is out: a pending IPC message is dropped otherwise
    void server.stop().then(() => process.send?.({ cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.disconnect?.()));
  });
} else if (process.env.INGEST_BENCH_LOAD) {
  const report = await load(JSON.parse(process.env.INGEST_BENCH_LOAD) as { baseUrls: string[] } & Options);
  process.send?.(report, () => process.disconnect?.());
} else {
  await main();
}

async function main(): Promise<void> {
  // imported here, so that the load generator (this file in a child process) stays small
  const { default: pg } = await import('pg');
  const { PrismaClient } = await import('@prisma/client');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { sqlRunnerForPool } = await import('../src/db/sql-runner.js');
  const { migrate } = await import('../src/db/migrate.js');
  const options: Options = {
    clients: Number(arg('clients', '200')),
    messages: Number(arg('messages', '20')),
    retryShare: Number(arg('retry-share', '0.05')),
    sse: !process.argv.includes('--no-sse'),
  };
  const databaseUrl = arg('database-url', process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/ingest_bench');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(arg('pool', '10')) });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql = sqlRunnerForPool(pool);
  await migrate(sql);
  if ((await prisma.message.count()) > 0) throw new Error('the bench database must be empty: create a fresh one');
  const chat = await prisma.chat.create({
    data: {
      name: 'Ingest bench', publicKey: 'pk-ingest-bench', greeting: 'Hello!', priceWeb: '0.0100',
      // --bot: every message also gets a bot answer (a second stored, published message)
      ...(process.argv.includes('--bot') ? { fallbackAnswer: 'Thanks, noted.' } : {}),
    },
  });

  const instances = Number(arg('instances', '1'));
  const poolMax = Number(arg('pool', '10'));
  const servers = instances === 1
    ? [await startServer(databaseUrl, poolMax)]
    : await Promise.all(Array.from({ length: instances }, () => forkServer(databaseUrl, poolMax)));

  console.log(`ingest bench: ${options.clients} clients × ${options.messages} messages, retry share ${options.retryShare}, event streams ${options.sse ? 'on' : 'off'}, ${instances} instance(s), pg pool ${poolMax} each`);
  const cpuStart = process.cpuUsage();
  const result: LoadResult = await new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, INGEST_BENCH_LOAD: JSON.stringify({ baseUrls: servers.map((s) => s.baseUrl), ...options }) } });
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
  });
  const cpuOwn = process.cpuUsage(cpuStart);
  const cpuSeconds = instances === 1 ? [(cpuOwn.user + cpuOwn.system) / 1e6] : await Promise.all(servers.map((s) => s.stop()));
  if (instances === 1) await servers[0].stop();

  const seconds = (result.finishedAt - result.startedAt) / 1000;
  const latencies = result.clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const sent = result.clients.flatMap((c) => c.sent.map((id) => `web:${c.clientId}:${id}`));
  const errors = result.clients.flatMap((c) => c.errors);
  const retries = result.clients.reduce((sum, c) => sum + c.duplicates, 0);

  // Every message sent is stored exactly once: the stored idempotency keys are exactly the sent ones.
  const rows = await sql.query<{ external_id: string; n: string }>(
    `SELECT m.external_id, count(*)::text AS n FROM messages m JOIN dialogs d ON d.id = m.dialog_id
     WHERE d.chat_id = $1 AND m.author_type = 'client' GROUP BY m.external_id`, [chat.id]);
  const stored = new Map(rows.map((r) => [r.external_id, Number(r.n)]));
  const lost = sent.filter((key) => !stored.has(key));
  const doubled = rows.filter((r) => Number(r.n) > 1 || r.external_id === null);
  const unexpected = rows.filter((r) => !sent.includes(r.external_id));
  const streamProblems = options.sse
    ? result.clients.filter((c) => c.streamed.length !== c.sent.length || new Set(c.streamed).size !== c.sent.length || c.sent.some((id) => !c.streamed.includes(id)))
    : [];

  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  console.log(`messages sent: ${sent.length} (+${retries} retried duplicates) in ${seconds.toFixed(2)} s`);
  console.log(`throughput: ${Math.round(sent.length / seconds)} messages/s (${Math.round((sent.length + retries) / seconds)} requests/s)`);
  console.log(`latency per POST: p50 ${pct(50).toFixed(1)} ms, p90 ${pct(90).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms`);
  console.log(`server process CPU: ${cpuSeconds.map((c) => `${Number(c).toFixed(1)} s`).join(' + ')} (user+system); the simulated clients: ${result.cpuSeconds.toFixed(1)} s while sending`);
  console.log(`stored exactly once: ${lost.length === 0 && doubled.length === 0 && unexpected.length === 0 ? 'yes' : 'NO'} ` +
    `(stored ${rows.length}, lost ${lost.length}, duplicated ${doubled.length}, unexpected ${unexpected.length})`);
  if (options.sse) console.log(`event streams: ${streamProblems.length === 0 ? 'every client got each of its messages exactly once' : `${streamProblems.length} clients missed or doubled messages`}`);
  if (errors.length) console.log(`errors: ${errors.length}, e.g. ${errors.slice(0, 3).join(' | ')}`);

  await prisma.$disconnect();
  await pool.end();
  const ok = lost.length === 0 && doubled.length === 0 && unexpected.length === 0 && streamProblems.length === 0 && errors.length === 0;
  process.exit(ok ? 0 : 1);
}

// ------------------------------------------------------------------------------------------------
// A server: the widget's router with the plugin's services and its live events bus.

interface BenchServer { baseUrl: string; stop(): Promise<number> }

async function startServer(databaseUrl: string, poolMax: number): Promise<BenchServer> {
  const { default: express } = await import('express');
  const { default: pg } = await import('pg');
  const { PrismaClient } = await import('@prisma/client');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { sqlRunnerForPool } = await import('../src/db/sql-runner.js');
  const { createChatsAdmin } = await import('../src/plugin.js');
  const { publicRouter } = await import('../src/http/public-router.js');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // --redis URL: the rate-limit counters in Redis instead of PostgreSQL
  const redisUrl = arg('redis', '');
  const redis = redisUrl ? new (await import('ioredis')).Redis(redisUrl, { enableOfflineQueue: false }) : undefined;
  if (redis) await new Promise((resolve) => redis.once('ready', resolve));
  const chats = createChatsAdmin({ prisma, sql: sqlRunnerForPool(pool), secret: 'ingest-bench-secret-0123456789', inactivityCheckMs: false, limits: redis ? { redis } : undefined });
  await chats.start(); // the bus: LISTEN on its own connection
  // Rate limits high (all clients share one loopback address) but charged: the shared counters are part of the cost.
  const unlimited = { burst: 1e9, perSecond: 1e9 };
  // every client streams from the one loopback address: the per-address stream cap would refuse most
  const app = express().use(publicRouter(chats.context, { widget: { rateLimits: { client: unlimited, ip: unlimited }, maxStreamsPerAddress: 1e6 } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  server.keepAliveTimeout = 60_000;
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await chats.stop().catch(() => undefined);
      await prisma.$disconnect();
      await pool.end();
      redis?.disconnect();
      return 0;
    },
  };
}

/** A server in a child process; stop() returns its CPU seconds during the load. */
async function forkServer(databaseUrl: string, poolMax: number): Promise<BenchServer> {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, INGEST_BENCH_SERVER: JSON.stringify({ databaseUrl, poolMax }) } });
  const { baseUrl } = await new Promise<{ baseUrl: string }>((resolve, reject) => { child.once('message', resolve as never); child.once('error', reject); });
  return {
    baseUrl,
    stop: () => new Promise((resolve) => {
      child.once('message', (message) => resolve((message as { cpuSeconds: number }).cpuSeconds));
      child.send('stop');
    }),
  };
}

// ------------------------------------------------------------------------------------------------
// The load generator (child process).

async function load(options: { baseUrls: string[] } & Options): Promise<LoadResult> {
  const apiOf = (index: number) => `${options.baseUrls[index % options.baseUrls.length]}/widget/api/pk-ingest-bench`;
  // plain node:http with kept-alive connections: fetch costs the generator several times more CPU
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients + 10 });
  const post = (api: string, path: string, body: unknown) => new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(`${api}${path}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(payload);
  });

  // Sessions and streams first (not timed): the clients are all "on the page" when sending starts.
  const clients = await Promise.all(Array.from({ length: options.clients }, async (_, index) => {
    const clientId = `bench-${index.toString().padStart(5, '0')}-${Math.random().toString(36).slice(2, 10)}`;
    const api = apiOf(index);
    // like the widget, retry a session the server could not start in time (all 200 start at once)
    let session = await post(api, '/session', { clientId });
    for (let attempt = 1; session.status >= 500 && attempt < 5; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      session = await post(api, '/session', { clientId });
    }
    if (session.status >= 300) throw new Error(`session ${session.status} ${JSON.stringify(session.body)}`);
    const dialogId = session.body.dialogId as string;
    const report: ClientReport = { clientId, sent: [], latencies: [], duplicates: 0, streamed: [], errors: [] };
    // with several instances the stream is on the next one: what is stored here reaches it through PostgreSQL
    const stream = options.sse ? await openStream(`${apiOf(index + 1)}/events?dialogId=${dialogId}&clientId=${clientId}`, report) : null;
    return { clientId, api, dialogId, report, stream };
  }));

  const startedAt = performance.now();
  const cpuStart = process.cpuUsage();
  await Promise.all(clients.map(async ({ clientId, api, dialogId, report }) => {
    for (let i = 0; i < options.messages; i += 1) {
      const clientMessageId = `m${i}`;
      const body = { dialogId, clientId, clientMessageId, text: `Message ${i} from ${clientId}` };
      const began = performance.now();
      const first = await post(api, '/messages', body).catch((error: Error) => ({ status: 0, body: { error: error.message } }));
      report.latencies.push(performance.now() - began);
      if (first.status !== 201) report.errors.push(`${first.status} ${JSON.stringify(first.body)}`);
      else report.sent.push(clientMessageId);
      if (Math.random() < options.retryShare) {
        const again = await post(api, '/messages', body);
        report.duplicates += 1;
        if (again.status !== 200 || again.body.duplicate !== true) report.errors.push(`retry: ${again.status} ${JSON.stringify(again.body)}`);
      }
    }
  }));
  const finishedAt = performance.now();

  // Streams: wait until each has delivered this client's messages (or give up after 10 s).
  const deadline = Date.now() + 10_000;
  while (options.sse && Date.now() < deadline && clients.some((c) => c.report.streamed.length < c.report.sent.length)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const client of clients) client.stream?.destroy();
  agent.destroy();
  const cpu = process.cpuUsage(cpuStart);
  return { startedAt, finishedAt, clients: clients.map((c) => c.report), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Reads an event stream; records the client message ids of the client's own messages. */
function openStream(url: string, report: ClientReport): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: message')) continue;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { authorType: string; clientMessageId?: string };
          if (data.authorType === 'client' && data.clientMessageId) report.streamed.push(data.clientMessageId);
        }
      });
      res.on('error', () => undefined); // destroyed at the end
      resolve(req);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
  });
}
