// Prisma CLI configuration. Prisma's Rust engines cannot be downloaded here, so the CLI uses the
// WASM schema engine through a driver adapter: an in-memory PGlite, enough for `migrate diff` and
// `migrate dev` when authoring migrations. Applying migrations at run time is done by
// src/db/migrate.ts (it also works on a PostgreSQL server, which this CLI path does not).
import { defineConfig } from 'prisma/config';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export default defineConfig({
  schema: 'prisma/schema',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPGlite(new PGlite()) as never, // adapter typed against older utils
});
