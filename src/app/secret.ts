// The SECRET signs sessions and encrypts Facebook secrets. Required in production; for local use
// it is generated once into the data directory so sessions and encrypted data survive restarts.
// Several instances on one PostgreSQL need the same SECRET: a generated one is per DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function resolveSecret(options: { secret?: string; production: boolean; dataDir: string; databaseUrl?: string }): string {
  if (options.secret) {
    if (options.secret.length < 16) throw new Error('SECRET must have at least 16 characters');
    return options.secret;
  }
  if (options.production && options.databaseUrl) {
    throw new Error('SECRET must be set when NODE_ENV=production with DATABASE_URL: every instance on that database must use the same SECRET, or they cannot read each other\'s sessions and encrypted Facebook tokens (a secret generated into each DATA_DIR would differ)');
  }
  if (options.production) throw new Error('SECRET must be set when NODE_ENV=production');
  const file = path.join(options.dataDir, 'secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
