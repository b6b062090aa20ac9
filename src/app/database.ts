// The standalone app's database: the embedded PGlite in a data directory, or a PostgreSQL server.
// Both go through Prisma driver adapters (Prisma's Rust engines are not used). Hosts open their
// own database and hand the plugin a Prisma client and a SqlRunner.
import path from 'node:path';
import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { sqlRunnerForPGlite, sqlRunnerForPool, type SqlRunner } from '../db/sql-runner.js';
import type { Logger } from '../logger.js';
import { lockDataDir } from './data-dir-lock.js';

export interface Database {
  prisma: PrismaClient;
  sql: SqlRunner;
  kind: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Embedded database folder; ignored with databaseUrl. Undefined = in memory (tests). */
  dataDir?: string;
  logger?: Logger;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.logger) : openPGlite(options.dataDir);
}

const CLOSE_TIMEOUT_MS = 5_000;

async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); timer.unref(); }),
  ]);
  clearTimeout(timer);
}

async function openPostgres(connectionString: string, logger?: Logger): Promise<Database> {
  // a server that does not answer (down, failing over) fails a checkout after 5 s instead of hanging
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the
  // pool replaces it and the next query reports any lasting problem.
  pool.on('error', (error) => logger?.warn({ err: error }, `PostgreSQL connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgresql',
    sql: sqlRunnerForPool(pool),
    close: async () => {
      await prisma.$disconnect();
      // pool.end() waits for every borrowed connection; a request still streaming must not keep
      // shutdown waiting forever (the server ends those connections itself when the process exits)
      await settleWithin(pool.end(), CLOSE_TIMEOUT_MS);
    },
  };
}

/** pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils; the
 * runtime contract is the same, only the declared types differ. */
export function pgliteAdapter(pglite: PGlite): ConstructorParameters<typeof PrismaClient>[0] extends infer O
  ? O extends { adapter?: infer A } ? NonNullable<A> : never : never {
  return new PrismaPGlite(pglite) as never;
}

async function openPGlite(dataDir?: string): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    // pg_trgm: the text search's trigram index (our migrations create the extension)
    const pglite = new PGlite({ ...(dataDir ? { dataDir: path.join(dataDir, 'pglite') } : {}), extensions: { pg_trgm } });
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
    return {
      prisma,
      kind: 'pglite',
      sql: sqlRunnerForPGlite(pglite),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
