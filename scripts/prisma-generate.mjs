// `prisma generate` without Prisma's Rust query engine. We use the Rust-free client
// (engineType = "client") with driver adapters, yet the CLI still tries to download a query
// engine library unless PRISMA_QUERY_ENGINE_LIBRARY names an existing file. The file is never
// loaded by the client engine, so this script points it at itself. Keep this workaround here only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: fileURLToPath(import.meta.url), PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.exit(result.status ?? 1);
}
