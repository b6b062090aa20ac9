// One retention run (README "Personal data" › "Retention"): for each chat with a period, the
// content of its closed dialogues whose last message is older is removed (src/domain/content-removal.ts
// says what goes and what stays) in small batches, each one statement (chats_retention_batch of
// migration 20261202052000), so each its own short transaction: on PGlite the one connection is
// free for other queries between batches, on PostgreSQL the locked dialogues are few and brief.
// Active dialogues are left until the inactivity closer has closed them.
import type { SqlRunner } from '../db/sql-runner.js';
import { auditInsert } from '../audit/audit-log.js';
import { addRemoved, NOTHING_REMOVED, type ContentRemoved } from '../domain/content-removal.js';
import { retentionCutoff } from '../domain/retention.js';
import { asRemoved, type RemovedRow } from './content-removal.js';

export interface RetentionRunOptions {
  /** Dialogues per batch (per transaction). */
  batchSize: number;
  /** A pause between batches, so that queued queries (a list on PGlite) go first. */
  pauseMs: number;
  now?: () => Date;
  /** Checked between batches: true ends the run early (the worker is stopping). */
  shouldStop?: () => boolean;
}

export interface ChatRetention { chatId: number; name: string; days: number }

export interface ChatRetentionResult extends ChatRetention { removed: ContentRemoved; batches: number }

const BATCH_SQL = 'SELECT dialogs, messages, page_visits, markers, clients FROM chats_retention_batch($1::int, $2::timestamptz, $3::int)';

// Overlapping runs (instances sharing a chat's work) are one run: a run that started before the
// recorded one ended adds its count to it, so the chat page shows what they removed together.
const RECORD_RUN_SQL = `UPDATE chats SET
    retention_last_removed = CASE WHEN retention_last_run_at >= $3::timestamptz THEN coalesce(retention_last_removed, 0) + $4::int ELSE $4::int END,
    retention_last_run_at = $2::timestamptz
  WHERE id = $1::int`;

const pause = (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms); });

/** The chats that have a retention period. */
export async function chatsWithRetention(sql: Pick<SqlRunner, 'query'>): Promise<ChatRetention[]> {
  const rows = await sql.query<{ id: number; name: string; retention_days: number }>(
    'SELECT id, name, retention_days FROM chats WHERE retention_days IS NOT NULL ORDER BY id');
  return rows.map((row) => ({ chatId: Number(row.id), name: row.name, days: Number(row.retention_days) }));
}

/** Applies one chat's period, then records the run on the chat (and in the audit log when it removed anything). */
export async function applyChatRetention(sql: Pick<SqlRunner, 'query'>, chat: ChatRetention, options: RetentionRunOptions): Promise<ChatRetentionResult> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const cutoff = retentionCutoff(startedAt, chat.days);
  let removed = NOTHING_REMOVED;
  let batches = 0;
  try {
    for (;;) {
      const [row] = await sql.query<RemovedRow>(BATCH_SQL, [chat.chatId, cutoff.toISOString(), options.batchSize], 'chats_retention_batch');
      batches += 1;
      removed = addRemoved(removed, asRemoved(row));
      // fewer than asked: nothing more is due, or another instance's batches hold the rest
      if (row.dialogs < options.batchSize || options.shouldStop?.()) break;
      await pause(options.pauseMs);
    }
    await recordRun(sql, chat, { startedAt, endedAt: now(), removed });
  } catch (error) {
    throw new RetentionRunError(chat, removed, error);
  }
  return { ...chat, removed, batches };
}

/** A chat's run failed; the batches before the failure are committed (and counted here), its record and audit entry are not. */
export class RetentionRunError extends Error {
  constructor(readonly chat: ChatRetention, readonly removed: ContentRemoved, cause: unknown) {
    super(`retention of chat ${chat.chatId} failed after removing the content of ${removed.dialogs} dialogue(s)`, { cause });
    this.name = 'RetentionRunError';
  }
}

// The chat's last run and its audit entry are one statement: both are written or neither.
async function recordRun(sql: Pick<SqlRunner, 'query'>, chat: ChatRetention, run: { startedAt: Date; endedAt: Date; removed: ContentRemoved }): Promise<void> {
  const params = [chat.chatId, run.endedAt.toISOString(), run.startedAt.toISOString(), run.removed.dialogs];
  if (run.removed.dialogs === 0) {
    await sql.query(RECORD_RUN_SQL, params);
    return;
  }
  const audit = auditInsert({
    action: 'retention_run',
    actor: null,
    address: null,
    subject: `Chat ${chat.chatId} · ${chat.name}`,
    details: { chatId: chat.chatId, periodDays: chat.days, ...run.removed },
  }, params.length + 1);
  await sql.query(`WITH run AS (${RECORD_RUN_SQL}) ${audit.sql}`, [...params, ...audit.params]);
}

/** Applies every chat's period, one chat after another; a chat that fails goes to `onFailure` and the others still run. */
export async function applyRetention(
  sql: Pick<SqlRunner, 'query'>, options: RetentionRunOptions, onFailure: (error: RetentionRunError) => void,
): Promise<ChatRetentionResult[]> {
  const results: ChatRetentionResult[] = [];
  for (const chat of await chatsWithRetention(sql)) {
    if (options.shouldStop?.()) break;
    try {
      results.push(await applyChatRetention(sql, chat, options));
    } catch (error) {
      if (!(error instanceof RetentionRunError)) throw error;
      onFailure(error);
    }
  }
  return results;
}
