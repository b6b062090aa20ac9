// The configuration of several instances: TRUST_PROXY as Express takes it, and a SECRET that
// production on a shared PostgreSQL must set (a generated one differs per DATA_DIR).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTrustProxy, readConfig } from '../../src/app/config.js';
import { resolveSecret } from '../../src/app/secret.js';

describe('TRUST_PROXY', () => {
  it('takes Express\' trust proxy values, loopback by default', () => {
    expect(parseTrustProxy(undefined)).toBe('loopback');
    expect(parseTrustProxy('')).toBe('loopback');
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, loopback')).toBe('10.0.0.0/8, loopback');
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});

describe('SECRET', () => {
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chats-secret-'));

  it('is required in production on a shared PostgreSQL, and the error says why', () => {
    expect(() => resolveSecret({ production: true, dataDir: dataDir(), databaseUrl: 'postgresql://db/chats' }))
      .toThrow(/SECRET must be set .*DATABASE_URL: every instance on that database must use the same SECRET/);
  });

  it('is generated once per data folder otherwise, so two folders give two secrets', () => {
    const [one, two] = [dataDir(), dataDir()];
    const first = resolveSecret({ production: false, dataDir: one });
    expect(resolveSecret({ production: false, dataDir: one })).toBe(first);
    expect(resolveSecret({ production: false, dataDir: two })).not.toBe(first);
  });
});
