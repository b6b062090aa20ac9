// `npm run seed -- --dialogs 100000`: fills a database with generated demo data, for benchmarks.
// DATABASE_URL selects a PostgreSQL server; without it the embedded database in DATA_DIR (./data).
import { readConfig } from '../config.js';
import { openDatabase } from '../database.js';
import { migrate } from '../../db/migrate.js';
import { parseSeedArgs, USAGE, UsageError, type SeedArgs } from './seed-args.js';
import { deleteAllChatData, seedDemoData, type SeedProgress } from './seed.js';
import { adminLoginMessage, ensureConfiguredAdmin, type AdminConfig } from '../prepare-database.js';
import type { FirstAdminOutcome } from '../../accounts/first-admin.js';

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(argv: string[]): Promise<number> {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`seed: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    console.log(`Seeding ${db.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
    const { applied } = await migrate(db.sql);
    if (applied.length) console.log(`Migrated: ${applied.join(', ')}`);
    // Before the demo users, as at `npm start`: a seeded database must be administrable too.
    const firstAdmin = await ensureConfiguredAdmin(db.prisma, config);
    if (args.reset) {
      await deleteAllChatData(db);
      console.log('Deleted all chats, dialogues and markers (--reset)');
    }
    const existing = await db.prisma.chat.count();
    if (existing > 0) {
      console.error(`seed: the database already has ${existing} chat(s); run with --reset to replace all chat data`);
      printAdminLogin(firstAdmin, config);
      return 1;
    }
    let lastReport = 0;
    const progress = (p: SeedProgress) => {
      if (p.elapsedMs - lastReport < 2000 && p.dialogs < args.dialogs) return;
      lastReport = p.elapsedMs;
      const seconds = p.elapsedMs / 1000;
      console.log(`  ${fmt(p.dialogs)}/${fmt(args.dialogs)} dialogues, ${fmt(p.messages)} messages, ${seconds.toFixed(1)} s, ${fmt(Math.round(p.rows / seconds))} rows/s`);
    };
    const summary = await seedDemoData(db, { dialogs: args.dialogs, days: args.days, seed: args.seed, now: new Date(), batchSize: 2000, onProgress: progress });
    const seconds = summary.elapsedMs / 1000;
    console.log(`Done: ${fmt(summary.chats)} chats, ${fmt(summary.clients)} clients, ${fmt(summary.dialogs)} dialogues, `
      + `${fmt(summary.messages)} messages, ${fmt(summary.pageVisits)} page visits, ${fmt(summary.dialogMarkers)} markers set; `
      + `${fmt(summary.rows)} rows in ${seconds.toFixed(1)} s (${fmt(Math.round(summary.rows / seconds))} rows/s)`);
    console.log(`Demo accounts: ${summary.logins.join(', ')}`);
    printAdminLogin(firstAdmin, config);
    return 0;
  } finally {
    await db.close();
  }
}

/** The last line: how to log in as an admin (a warning, not a failure: the data is loaded). */
function printAdminLogin(outcome: FirstAdminOutcome, config: AdminConfig): void {
  const login = adminLoginMessage(outcome, config);
  if (login.warning) console.warn(`Warning: ${login.text}`);
  else console.log(login.text);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: Error) => {
  console.error(`seed failed: ${error.message}`);
  process.exitCode = 1;
});
