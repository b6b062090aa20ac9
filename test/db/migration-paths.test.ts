// A host creates the chats' tables one of two ways (README "Use in your AdminJS app"):
//   (a) our migrations, with migrate(sql) (or the SQL files of prisma/migrations);
//   (b) the models of chats.prisma copied into its schema and its own `prisma migrate`, i.e. the
//       SQL Prisma derives from those models.
// Both must give the same tables: columns (type, length, precision, nullability, default),
// indexes, keys and foreign keys with their actions. What the migrations add beyond the models
// (the built-in accounts' tables and the trigger that makes an account an operator) is listed
// exactly, so a change on either side shows up here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../src/db/migrate.js';
import type { SqlRunner } from '../../src/db/sql-runner.js';
import { describeEachDatabase } from '../support/databases.js';
import { openEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHATS_PRISMA = fs.readFileSync(path.join(ROOT, 'prisma/schema/chats.prisma'), 'utf8');
const PLUGIN_TABLES = [...CHATS_PRISMA.matchAll(/@@map\("(\w+)"\)/g)].map((m) => m[1]).sort();
const PLUGIN_ENUMS = [...CHATS_PRISMA.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]).sort();

/** The SQL Prisma makes from a host schema folder holding chats.prisma (path b), as `prisma migrate dev` would. */
let prismaSql: string | undefined;
function prismaSqlOfTheModels(): string {
  if (prismaSql !== undefined) return prismaSql;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-path-b-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'prisma/schema/chats.prisma'), path.join(folder, 'chats.prisma'));
    // the text search's trigram index needs pg_trgm: a host declares it (README, path b)
    fs.writeFileSync(path.join(folder, 'host.prisma'), 'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["postgresqlExtensions"]\n}\n\n'
      + 'datasource db {\n  provider   = "postgresql"\n  url        = "postgresql://adapter-only/unused"\n  extensions = [pg_trgm]\n}\n');
    // offline: the repository's prisma.config.ts gives the CLI the WASM schema engine on a PGlite
    const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', folder, '--script'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stdout}\n${result.stderr}`);
    prismaSql = result.stdout;
    return prismaSql;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const list = (names: string[]) => names.map((name) => `'${name}'`).join(', ');

/** What the schema can express about the plugin's tables, in a comparable form. */
async function catalog(sql: SqlRunner) {
  const tables = list(PLUGIN_TABLES);
  return {
    columns: await sql.query(`
      SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale,
             datetime_precision, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN (${tables})
      ORDER BY table_name, column_name`),
    indexes: await sql.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename IN (${tables}) ORDER BY tablename, indexname`),
    constraints: await sql.query(`
      SELECT cl.relname AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = 'public' AND cl.relname IN (${tables}) ORDER BY cl.relname, c.conname`),
    enums: await sql.query(`
      SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname IN (${list(PLUGIN_ENUMS)})
      GROUP BY t.typname ORDER BY t.typname`),
    // triggers: beyond the models, listed exactly in 'differs only by ...' below
  };
}

/** Everything in the schema `public`: tables, enum types, functions and their triggers. */
async function objects(sql: SqlRunner) {
  const names = async (query: string) => (await sql.query<{ name: string }>(query)).map((row) => row.name);
  return {
    tables: await names(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`),
    enums: await names(`SELECT DISTINCT t.typname AS name FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1`),
    // an extension's own functions (pg_trgm's) are not ours
    functions: await names(`SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e') ORDER BY 1`),
    triggers: await names(`SELECT event_object_table || '.' || trigger_name || ' ' || event_manipulation AS name FROM information_schema.triggers WHERE event_object_schema = 'public' ORDER BY 1`),
  };
}

const difference = (a: string[], b: string[]) => a.filter((name) => !b.includes(name));

describeEachDatabase('the two ways of creating the chats tables', (kind) => {
  let ours: EmptyDatabase;
  let prismas: EmptyDatabase;

  beforeAll(async () => {
    const prismaSql = prismaSqlOfTheModels();
    [ours, prismas] = await Promise.all([openEmptyDatabase(kind), openEmptyDatabase(kind)]);
    await migrate(ours.sql);
    await prismas.sql.exec(prismaSql);
  }, 120_000);
  afterAll(async () => {
    await ours?.close();
    await prismas?.close();
  });

  it('gives the same plugin tables: columns, indexes, keys and foreign keys', async () => {
    expect(PLUGIN_TABLES).toEqual([
      'audit_log', 'chat_operators', 'chats', 'clients', 'dashboard_dialogs', 'dashboard_first_responses', 'dashboard_markers', 'dashboard_messages',
      'dashboard_phrases', 'dashboard_phrases_daily', 'dialog_markers', 'dialogs', 'markers', 'messages', 'page_visits', 'report_file_chunks', 'report_jobs',
    ]);
    const [a, b] = await Promise.all([catalog(ours.sql), catalog(prismas.sql)]);
    expect(a.columns.length).toBeGreaterThan(80);
    expect(a.indexes.length).toBeGreaterThan(25);
    expect(a.constraints.filter((c) => c.contype === 'f')).toHaveLength(18);
    expect(a.enums).toHaveLength(PLUGIN_ENUMS.length);
    expect(b).toEqual(a);
  });

  it('differs only by the built-in accounts and the dashboard triggers, which the models leave out', async () => {
    const [a, b] = await Promise.all([objects(ours.sql), objects(prismas.sql)]);
    expect(difference(b.tables, a.tables)).toEqual([]);
    // chats_rate_limits: the shared limiters' counters (chats.start() creates it on a host's own migrations: ensureRateLimitTable)
    // dashboard_message_queue: stored messages not yet counted into the dashboard (migration 20261202070000, like its triggers)
    expect(difference(a.tables, b.tables)).toEqual(['_chats_migrations', 'admin_users', 'chats_rate_limits', 'dashboard_message_queue', 'sessions']);
    expect(difference(a.enums, b.enums)).toEqual(['AdminRole']);
    expect(difference(b.enums, a.enums)).toEqual([]);
    expect(a.functions).toEqual([
      'chats_account_operator', 'chats_account_operator_rename', 'chats_account_session_version',
      // the audit log refuses changes (migration 20261202050000)
      'chats_audit_log_append_only',
      // the dashboard's aggregates (migration 20261202040000; README, path b)
      'chats_dashboard_bucket', 'chats_dashboard_count_queued', 'chats_dashboard_dialog_changed', 'chats_dashboard_dialogs_inserted',
      'chats_dashboard_markers_changed', 'chats_dashboard_messages_inserted', 'chats_dashboard_phrase', 'chats_dashboard_slot',
      // removing dialogues' content: retention and erasure (migration 20261202051000)
      'chats_remove_dialog_content',
      // a retention batch (migration 20261202052000)
      'chats_retention_batch',
      // the lists' text search count
      'chats_text_match_dialogs',
    ]);
    expect(b.functions).toEqual([]);
    expect(a.triggers).toEqual([
      'admin_users.admin_users_operator_insert INSERT', 'admin_users.admin_users_operator_update UPDATE', 'admin_users.admin_users_session_version UPDATE',
      'audit_log.audit_log_append_only DELETE', 'audit_log.audit_log_append_only UPDATE', // (information_schema leaves out the TRUNCATE one)
      'dialog_markers.dialog_markers_dashboard_delete DELETE', 'dialog_markers.dialog_markers_dashboard_insert INSERT',
      'dialogs.dialogs_dashboard_insert INSERT', 'dialogs.dialogs_dashboard_update UPDATE', 'messages.messages_dashboard_insert INSERT',
    ]);
    expect(b.triggers).toEqual([]);
  });

  it('refuses our migrations on a database whose chats tables Prisma made, and leaves those tables as they were', async () => {
    // a host that switches from (b) to (a) would fail at the first CREATE TABLE: say so plainly
    await expect(migrate(prismas.sql)).rejects.toThrow(/Migration 20261125000000_init failed: .*already exists/);
    expect(await catalog(prismas.sql)).toEqual(await catalog(ours.sql));
  });
});
