// The database: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set, otherwise an
// embedded PGlite in DATA_DIR (./data). Prisma for the models, and `sql`: plain SQL on the same
// connections, which the chats use for their hot paths and report streams.
// readme:begin
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { sqlRunnerForPGlite, sqlRunnerForPool } from 'adminjs-chats';

export async function openDatabase({ url = process.env.DATABASE_URL, dataDir = 'data' } = {}) {
  if (url) {
    const pool = new pg.Pool({ connectionString: url }); // one pool for Prisma and the chats' SQL
    pool.on('error', (error) => console.warn('PostgreSQL connection lost:', error.message));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const close = async () => { await prisma.$disconnect(); await pool.end(); };
    return { prisma, sql: sqlRunnerForPool(pool), close };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } }); // the chats' text search needs pg_trgm
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const close = async () => { await prisma.$disconnect(); await pglite.close(); };
  return { prisma, sql: sqlRunnerForPGlite(pglite), close };
}
// readme:end
