// GET /healthz: the process is alive (no database access: a load balancer must not restart every
// instance because the database is down). GET /readyz: this instance should get traffic: the
// database answers within a second, every migration of this version is applied (when they are
// applied by migrate(): _chats_migrations), and it is not draining. Both answer JSON; readiness 503 with Retry-After when not ready.
import { Router } from 'express';
import type { SqlRunner } from '../db/sql-runner.js';
import { listMigrations } from '../db/migrate.js';
import type { Lifecycle } from '../lifecycle.js';

const DATABASE_TIMEOUT_MS = 1_000;

export type Readiness = { ready: true } | { ready: false; reason: 'draining' | 'database_unreachable' | 'migrations_pending' };

export async function checkReadiness(sql: SqlRunner, lifecycle: Lifecycle, expected: string[]): Promise<Readiness> {
  if (lifecycle.draining) return { ready: false, reason: 'draining' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), DATABASE_TIMEOUT_MS); });
  // a host that applies the chats' tables with its own migration tool has no _chats_migrations:
  // then reachable is ready (42P01: no such table)
  const applied = await Promise.race([
    sql.query<{ name: string }>('SELECT name FROM "_chats_migrations"', [], 'chats_readyz').catch((error: { code?: string }) => (error?.code === '42P01' ? 'unmanaged' as const : 'failed' as const)),
    timeout,
  ]).finally(() => clearTimeout(timer));
  if (applied === 'timeout' || applied === 'failed') return { ready: false, reason: 'database_unreachable' };
  if (applied === 'unmanaged') return { ready: true };
  const done = new Set(applied.map((row) => row.name));
  return expected.every((name) => done.has(name)) ? { ready: true } : { ready: false, reason: 'migrations_pending' };
}

export function healthRouter(sql: SqlRunner, lifecycle: Lifecycle): Router {
  const expected = listMigrations();
  const router = Router();
  router.get('/healthz', (_req, res) => { res.set('Cache-Control', 'no-store').json({ status: 'alive' }); });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(sql, lifecycle, expected);
    res.set('Cache-Control', 'no-store');
    if (readiness.ready) res.json({ status: 'ready' });
    else res.status(503).set('Retry-After', '5').json({ status: 'not_ready', reason: readiness.reason });
  });
  return router;
}
