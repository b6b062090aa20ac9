// Loads a generated demo data set into a migrated database: the few setup rows (users, markers,
// chats) through Prisma, the bulk (clients, dialogues, messages, markers set, page visits) through
// the bulk writer. Used by the first start (load-demo.ts) and the benchmark CLI (seed-cli.ts).
import type { Prisma } from '@prisma/client';
import type { Database } from '../database.js';
import { hashPassword } from '../../accounts/password.js';
import { analyzeDemoTables, bumpSequence, nextId, writeBatch } from './bulk-writer.js';
import { countAllQueuedMessages } from '../../dashboard/dashboard-counter.js';
import { DEMO_MARKERS, DEMO_OPERATOR_PASSWORD, DEMO_OPERATORS, DEMO_VIEWER } from './content.js';
import type { ScriptOperator } from './dialogue-script.js';
import { demoChatRows, generateDialogBatches, type DemoOptions } from './generator.js';
import type { DemoBatch } from './rows.js';

/** Messages counted into the dashboard per statement after a bulk load (larger batches, fewer rounds). */
const BULK_COUNT_BATCH = 50_000;

export interface SeedProgress { dialogs: number; messages: number; rows: number; elapsedMs: number }

export interface SeedSummary extends SeedProgress {
  chats: number;
  clients: number;
  dialogMarkers: number;
  pageVisits: number;
  /** Demo logins (never their passwords). */
  logins: string[];
}

export interface SeedOptions extends DemoOptions {
  onProgress?: (progress: SeedProgress) => void;
}

export async function seedDemoData(db: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const operators = await ensureDemoUsers(db);
  const markerIds = await ensureMarkers(db);
  const chatIds: number[] = [];
  let writing: Promise<void> | undefined;
  try {
    for (const row of demoChatRows(options)) {
      const chat = await db.prisma.chat.create({ data: { ...row, botRules: row.botRules as unknown as Prisma.InputJsonValue } });
      chatIds.push(chat.id);
    }
    const summary: SeedSummary = {
      chats: chatIds.length, clients: 0, dialogs: 0, messages: 0, dialogMarkers: 0, pageVisits: 0, rows: 0, elapsedMs: 0,
      logins: [...DEMO_OPERATORS.map((o) => o.email), DEMO_VIEWER.email],
    };
    const firstClientId = await nextId(db.sql, 'clients');
    let inFlight: DemoBatch | undefined;
    const settle = async () => {
      if (!writing || !inFlight) return;
      await writing;
      count(summary, inFlight);
      options.onProgress?.({ dialogs: summary.dialogs, messages: summary.messages, rows: summary.rows, elapsedMs: Date.now() - started });
      inFlight = undefined;
    };
    // Each batch is generated while the previous one is being stored (on PostgreSQL the server
    // works in parallel; PGlite runs in this thread anyway). Batches are written one at a time
    // because later dialogues reuse clients created by earlier batches.
    for (const batch of generateDialogBatches(options, { chatIds, operators, markerIds, firstClientId })) {
      await settle();
      inFlight = batch;
      writing = writeBatch(db.sql, batch);
      writing.catch(() => undefined); // awaited in settle(); this only stops an early "unhandled" crash
      await new Promise((resolve) => setImmediate(resolve)); // lets the driver send the batch now
    }
    await settle();
    // the stored messages into the dashboard now, not at the first dashboard load
    await countAllQueuedMessages(db.sql, BULK_COUNT_BATCH);
    await bumpSequence(db.sql, 'clients');
    await analyzeDemoTables(db.sql);
    summary.elapsedMs = Date.now() - started;
    return summary;
  } catch (error) {
    // Do not leave a half-loaded demo behind: its chats would stop the next start from retrying.
    await writing?.catch(() => undefined);
    if (chatIds.length) await db.sql.query('DELETE FROM "chats" WHERE id = ANY($1::int[])', [chatIds]).catch(() => undefined);
    throw error;
  }
}

/** Operators and the viewer; existing accounts are kept as they are (password included). */
async function ensureDemoUsers(db: Database): Promise<ScriptOperator[]> {
  let operatorHash: Promise<string> | undefined; // one scrypt hash shared by all demo operators
  const operators: ScriptOperator[] = [];
  for (const operator of DEMO_OPERATORS) {
    const user = await db.prisma.adminUser.findUnique({ where: { email: operator.email } }) ?? await db.prisma.adminUser.create({
      data: { email: operator.email, name: operator.name, role: 'operator', passwordHash: await (operatorHash ??= hashPassword(DEMO_OPERATOR_PASSWORD)) },
    });
    operators.push({ id: user.id, name: user.name ?? operator.name, language: operator.language });
  }
  if (!(await db.prisma.adminUser.findUnique({ where: { email: DEMO_VIEWER.email } }))) {
    await db.prisma.adminUser.create({
      data: { email: DEMO_VIEWER.email, name: DEMO_VIEWER.name, role: 'viewer', passwordHash: await hashPassword(DEMO_VIEWER.password) },
    });
  }
  return operators;
}

async function ensureMarkers(db: Database): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const name of DEMO_MARKERS) {
    const marker = await db.prisma.marker.upsert({ where: { name }, update: {}, create: { name } });
    ids[name] = marker.id;
  }
  return ids;
}

/** Deletes every chat (with its clients, dialogues, messages, visits) and every marker. CASCADE
 * also empties any later table that refers to these (users and sessions are not among them). */
export async function deleteAllChatData(db: Database): Promise<void> {
  await db.sql.exec('TRUNCATE "chats", "clients", "dialogs", "messages", "dialog_markers", "page_visits", "markers" RESTART IDENTITY CASCADE');
}

function count(summary: SeedSummary, batch: DemoBatch): void {
  summary.clients += batch.clients.length;
  summary.dialogs += batch.dialogs.length;
  summary.messages += batch.messages.length;
  summary.dialogMarkers += batch.dialogMarkers.length;
  summary.pageVisits += batch.pageVisits.length;
  summary.rows = summary.clients + summary.dialogs + summary.messages + summary.dialogMarkers + summary.pageVisits;
}
