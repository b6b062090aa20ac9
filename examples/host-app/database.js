// The database: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set, otherwise an
// embedded PGlite in DATA_DIR (./data). Prisma for the models, and `sql`, plain SQL on the same
// connection(s), which the chats use for their hot paths and report streams.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { sqlRunnerForPGlite, sqlRunnerForPool } from 'adminjs-chats';

export async function openDatabase({ url = process.env.DATABASE_URL, dataDir = process.env.DATA_DIR ?? 'data' } = {}) {
  if (url) {
    const pool = new pg.Pool({ connectionString: url });
    pool.on('error', (error) => console.warn('PostgreSQL connection lost:', error.message));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return { kind: 'postgresql', prisma, sql: sqlRunnerForPool(pool), close: async () => { await prisma.$disconnect(); await pool.end(); } };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(path.join(dataDir, 'pglite'));
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return { kind: 'pglite', prisma, sql: sqlRunnerForPGlite(pglite), close: async () => { await prisma.$disconnect(); await pglite.close(); } };
}
