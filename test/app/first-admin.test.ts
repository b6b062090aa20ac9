// An admin always exists after the app's first start, whatever created the database: the demo
// seed (which creates operators and a viewer), the migrations alone, or an earlier start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, PASSWORD, startTestApp } from '../support/http.js';
import { seedDemoData } from '../../src/app/demo/seed.js';
import { adminLoginMessage, prepareDatabase } from '../../src/app/prepare-database.js';
import { openDatabase, type Database } from '../../src/app/database.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ADMIN = { email: 'admin@example.com', password: 'admin123' };
const now = new Date('2026-11-20T12:00:00.000Z');

/** What `npm start` does to the database before serving it (src/app/main.ts), without demo data. */
const startLike = (db: Database, config: { adminEmail?: string; adminPassword?: string } = {}) =>
  prepareDatabase(db, { ...config, demoData: false }, { log: () => undefined });

/** Logs in over HTTP and opens the admin-only user list: only a real admin gets a 200. */
async function canAdminister(db: Database, email: string, password: string): Promise<boolean> {
  const built = await startTestApp(db as TestDatabase);
  const agent = await loginAs(built.app, email, password);
  return (await agent.get('/admin/api/resources/AdminUser/actions/list')).status === 200;
}

const accounts = (db: Database) => db.prisma.adminUser.findMany({ orderBy: { id: 'asc' } });

describeEachDatabase('the first admin', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => { db = await createTestDatabase(kind); });
  afterEach(() => db?.drop());

  it('is created at start on a database filled by the demo seed, and can log in and administer', async () => {
    await seedDemoData(db, { dialogs: 20, days: 3, seed: 1, now });
    expect(await db.prisma.adminUser.count({ where: { role: 'operator' } })).toBeGreaterThan(0);
    const { admin } = await startLike(db);
    expect(adminLoginMessage(admin).text).toBe('Log in as admin@example.com / admin123');
    expect(await canAdminister(db, ADMIN.email, ADMIN.password)).toBe(true);
  });

  it('is created at start on a database made by the migrations alone', async () => {
    await startLike(db);
    expect(await db.prisma.adminUser.findMany({ select: { email: true, role: true } })).toEqual([{ email: ADMIN.email, role: 'admin' }]);
    expect(await canAdminister(db, ADMIN.email, ADMIN.password)).toBe(true);
  });

  it('is not created again when an admin exists, and the existing password keeps working', async () => {
    await createUser(db, 'admin', 'boss@example.com');
    const before = await accounts(db);
    expect((await startLike(db)).admin).toEqual({ status: 'admin-exists', email: 'boss@example.com', password: null });
    expect(await accounts(db)).toEqual(before);
    expect(await canAdminister(db, 'boss@example.com', PASSWORD)).toBe(true);
  });

  it('keeps the password of the configured admin when it differs from ADMIN_PASSWORD, and never prints a wrong one', async () => {
    await createUser(db, 'admin', ADMIN.email);
    const { admin } = await startLike(db);
    expect(adminLoginMessage(admin).text).not.toContain(ADMIN.password);
    expect(await canAdminister(db, ADMIN.email, PASSWORD)).toBe(true);
    await expect(loginAs((await startTestApp(db)).app, ADMIN.email, ADMIN.password)).rejects.toThrow(/login/);
  });

  it('neither promotes nor changes an operator who has the admin e-mail, and says so', async () => {
    await createUser(db, 'operator', ADMIN.email);
    const before = await accounts(db);
    const { admin } = await startLike(db);
    expect(admin).toEqual({ status: 'email-taken', email: ADMIN.email, role: 'operator' });
    expect(adminLoginMessage(admin)).toMatchObject({ warning: true, text: expect.stringContaining('ADMIN_EMAIL admin@example.com belongs to an account with the operator role') });
    expect(await accounts(db)).toEqual(before);
    // another address creates the first admin on the next start
    await startLike(db, { adminEmail: 'Chief@Example.com', adminPassword: 'chief-secret' });
    expect(await canAdminister(db, 'chief@example.com', 'chief-secret')).toBe(true);
  });

  it('never prints a password taken from ADMIN_PASSWORD', async () => {
    const { admin } = await startLike(db, { adminPassword: 'a-secret-from-env' });
    const text = adminLoginMessage(admin, { adminPassword: 'a-secret-from-env' }).text;
    expect(text).toBe('Log in as admin@example.com with the password in ADMIN_PASSWORD');
    expect(await canAdminister(db, ADMIN.email, 'a-secret-from-env')).toBe(true);
  });

  it('is not created with the default password in production', async () => {
    for (const adminPassword of [undefined, ADMIN.password]) {
      await expect(prepareDatabase(db, { adminPassword, production: true, demoData: false }, { log: () => undefined }))
        .rejects.toThrow('With NODE_ENV=production the first admin is not created with the default password: set ADMIN_PASSWORD');
    }
    expect(await db.prisma.adminUser.count()).toBe(0);
    const { admin } = await prepareDatabase(db, { adminPassword: 'a-long-production-password', production: true, demoData: false }, { log: () => undefined });
    expect(admin.status).toBe('created');
  });

  it('is created once when two instances start at the same moment', async () => {
    const outcomes = await Promise.all([startLike(db), startLike(db)]);
    expect(outcomes.map((o) => o.admin.status).sort()).toEqual(['admin-exists', 'created']);
    expect(await db.prisma.adminUser.count()).toBe(1);
  });
});

describe('npm run seed on a fresh embedded database', () => {
  let dataDir: string;
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-seed-')); });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('ends with an admin login that works, also after the app starts on that database', async () => {
    // the defaults: no ADMIN_EMAIL / ADMIN_PASSWORD, the embedded database
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' };
    const seed = spawnSync(process.execPath, ['--import', 'tsx', 'src/app/demo/seed-cli.ts', '--dialogs', '30', '--days', '2'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(seed.stderr).toBe('');
    expect(seed.status).toBe(0);
    const lastLine = seed.stdout.trim().split('\n').pop() ?? '';
    const [, email, password] = /^Log in as (\S+) \/ (\S+)$/.exec(lastLine) ?? [];
    expect({ email, password }).toEqual(ADMIN);

    const db = await openDatabase({ dataDir });
    try {
      await startLike(db);
      expect(await canAdminister(db, email, password)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
