// Login cost and brute-force figures on the embedded database: the time of one password hash with
// today's scrypt parameters, a wrong-password login for a known and for an unknown e-mail
// (medians: they must be alike), and a burst of 40 wrong passwords for one account from one
// address (how many are checked, how many refused with 429).
//
//   npx tsx bench/login-throttle.ts [--rounds 15]
import request from 'supertest';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { openDatabase } from '../src/app/database.js';
import { migrate } from '../src/db/migrate.js';
import { buildApp } from '../src/app/build-app.js';
import { hashPassword, SCRYPT_PARAMETERS } from '../src/accounts/password.js';

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 15;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

async function main(): Promise<void> {
  const db = await openDatabase({});
  await migrate(db.sql);
  await db.prisma.adminUser.create({ data: { email: 'admin@example.com', role: 'admin', passwordHash: await hashPassword('password123') } });
  const app = async (loginLimiters?: Parameters<typeof buildApp>[0]['loginLimiters']) =>
    (await buildApp({ prisma: db.prisma, sql: db.sql, secret: 'bench-secret-0123456789', loginLimiters })).app;
  const login = (target: Awaited<ReturnType<typeof app>>, email: string) =>
    request(target).post('/admin/login').type('form').send({ email, password: 'wrong-password' });

  const hashes: number[] = [];
  for (let i = 0; i < rounds; i += 1) hashes.push(await timed(() => hashPassword('correct horse battery')));
  const { N, r, p } = SCRYPT_PARAMETERS;
  console.log(`scrypt N=${N} r=${r} p=${p} (${(128 * N * r) / 2 ** 20} MiB): one hash ${median(hashes).toFixed(1)} ms (median of ${rounds})`);

  const unlimited = () => new RateLimiterMemory({ points: 1e6, duration: 60 });
  const open = await app({ perAccount: unlimited(), perAddress: unlimited() });
  await login(open, 'warm-up@example.com');
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    known.push(await timed(() => login(open, 'admin@example.com')));
    unknown.push(await timed(() => login(open, `nobody-${i}@example.com`)));
  }
  console.log(`wrong-password login: known e-mail ${median(known).toFixed(1)} ms, unknown e-mail ${median(unknown).toFixed(1)} ms (medians of ${rounds})`);

  const guarded = await app();
  const statuses: number[] = [];
  const burst = await timed(async () => {
    for (let i = 0; i < 40; i += 1) statuses.push((await login(guarded, 'admin@example.com')).status);
  });
  const refused = statuses.filter((status) => status === 429).length;
  console.log(`40 wrong passwords for one account: ${40 - refused} checked, ${refused} refused with 429, in ${(burst / 1000).toFixed(2)} s`);
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
