// Password hashes carry their scrypt parameters; hashes of the first format (Node's defaults)
// still verify and are replaced at the next login.
import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, needsRehash, SCRYPT_PARAMETERS, verifyPassword } from '../../src/accounts/password.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { loginAs, startTestApp } from '../support/http.js';

/** A hash as the first version wrote it: scrypt with Node's defaults, no parameters stored. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 64).toString('base64')}`;
}

describe('password hashes', () => {
  it('store the parameters: OWASP\'s N=2^14, r=8, p=5', async () => {
    expect(SCRYPT_PARAMETERS).toEqual({ N: 16384, r: 8, p: 5 });
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('verify hashes made with other parameters, and say they need a new hash', async () => {
    const older = await hashPassword('correct horse', { N: 1024, r: 8, p: 1 });
    expect(older.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
    const legacy = legacyHash('correct horse');
    expect(await verifyPassword('correct horse', legacy)).toBe(true);
    expect(await verifyPassword('wrong', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('refuse malformed hashes and parameters too costly to compute', async () => {
    const good = await hashPassword('x');
    const [, , , , salt, key] = good.split('$');
    for (const stored of ['', 'bcrypt$x$y', 'scrypt$$', `scrypt$1048576000$8$1$${salt}$${key}`, `scrypt$1000$8$1$${salt}$${key}`, `scrypt$16384$8$1000$${salt}$${key}`]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});

describeEachDatabase('password hash upgrade at login', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(() => db.drop());

  it('logs in with a first-format hash and stores a hash of today\'s parameters', async () => {
    const built = await startTestApp(db);
    await db.prisma.adminUser.create({ data: { email: 'old@example.com', role: 'admin', passwordHash: legacyHash('old-password') } });
    const agent = await loginAs(built.app, 'old@example.com', 'old-password');
    const { passwordHash } = await db.prisma.adminUser.findUniqueOrThrow({ where: { email: 'old@example.com' } });
    expect(passwordHash.startsWith('scrypt$16384$8$5$')).toBe(true);
    expect((await agent.get('/admin/api/resources/Chat/actions/list')).status).toBe(200);
    await loginAs(built.app, 'old@example.com', 'old-password');
  });
});
