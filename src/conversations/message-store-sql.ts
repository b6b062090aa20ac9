// The message store as ONE SQL statement: lock the dialogue rows, insert the message(s) with their
// cost, update each dialogue's facts. One round trip and no interactive transaction: the
// conversation hot path spent most of its CPU in Prisma's transaction machinery, not in PostgreSQL.
// One statement may serve several dialogues (the incoming batch, incoming-batch.ts): a statement's
// own cost is about that of storing one message, so a batch of four costs PostgreSQL half as much.
//
// The rules are those of src/domain (the TypeScript stays the reference, used by the demo
// generator; test/conversations/message-store-sql.test.ts checks that both agree):
//   money.ts messageCost     bot and operator messages cost the chat's current price for the
//                            dialogue's channel; client and system messages are free
//   dialog-facts.ts applyMessage
//                            cost = sum, message_count + n, last_message_at = max,
//                            first_operator_reply_at = the first operator message (in the given
//                            order) at or after transferred_at, while it is still null
//   store-message.ts         the first operator who writes becomes the dialogue's operator,
//                            unless one is assigned
// last_message_id (the newest id) is returned as it was under the lock: live streams use it.
// Concurrency: `FOR UPDATE OF d` serializes writers of one dialogue (transfers lock the same row),
// taking a statement's dialogues in id order so that two statements cannot deadlock each other;
// the UPDATE reads the facts from the target row itself, so under READ COMMITTED it adds to the
// newest committed version. A repeated external_id is skipped (ON CONFLICT DO NOTHING) when
// `skipDuplicates`, else the whole statement fails with a unique violation (nothing stored).
// Live events: the statement notifies the other app instances of what it stored (live-bus.ts).
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/sql-runner.js';
import type { AuthorType, ChannelName } from '../domain/money.js';

export interface SqlMessage {
  authorType: AuthorType;
  authorName: string | null;
  operatorId: number | null;
  text: string;
  sentAt: Date;
  externalId: string | null;
  deliveryStatus: 'pending' | null;
}

export interface SqlStoredMessage {
  id: number; authorType: AuthorType; sentAt: Date; isPaid: boolean; cost: string;
  /** The dialogue's newest message id before this one (as locked; null: none or not known). */
  previousId: number | null;
}

/** The dialogue as locked by the statement (before this store's changes), and its chat's version. */
export interface SqlDialog {
  chatId: number;
  channel: ChannelName;
  status: 'active' | 'closed';
  operatorId: number | null;
  transferredAt: Date | null;
  firstOperatorReplyAt: Date | null;
  chatUpdatedAt: Date;
}

export interface SqlStoreResult {
  /** null: no such dialogue. */
  dialog: SqlDialog | null;
  /** The rows inserted, in the given order; fewer than given when duplicates were skipped. */
  stored: SqlStoredMessage[];
}

export interface SqlStoreOptions {
  /** Skip messages whose external_id is stored already instead of failing. */
  skipDuplicates: boolean;
  /** Store nothing into a closed dialogue (the result then has status 'closed'). */
  activeOnly: boolean;
}

const statement = (skipDuplicates: boolean) => `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
    ord int, dialog_id uuid, author_type text, author_name text, operator_id int, text text, sent_at timestamptz,
    external_id text, delivery_status text)
), d AS ( -- in id order: two batches that share dialogues lock them in the same order
  SELECT d.id, d.chat_id, d.channel, d.status, d.operator_id, d.transferred_at, d.first_operator_reply_at,
         d.last_message_id, c.updated_at AS chat_updated_at,
         CASE d.channel WHEN 'web' THEN c.price_web ELSE c.price_facebook END AS price
  FROM dialogs d JOIN chats c ON c.id = d.chat_id
  WHERE d.id IN (SELECT dialog_id FROM input)
  ORDER BY d.id
  FOR UPDATE OF d
), ins AS (
  INSERT INTO messages (dialog_id, author_type, author_name, operator_id, text, sent_at, is_paid, cost,
                        external_id, delivery_status, next_delivery_at)
  SELECT d.id, i.author_type::"AuthorType", i.author_name, i.operator_id, i.text, i.sent_at,
         i.author_type IN ('bot', 'operator'),
         CASE WHEN i.author_type IN ('bot', 'operator') THEN d.price ELSE 0 END,
         i.external_id, i.delivery_status::"DeliveryStatus",
         CASE WHEN i.delivery_status = 'pending' THEN i.sent_at END
  FROM input i JOIN d ON d.id = i.dialog_id
  WHERE d.status = 'active' OR NOT $2::boolean
  ORDER BY i.ord -- ids follow the given order
  ${skipDuplicates ? 'ON CONFLICT (external_id) DO NOTHING' : ''}
  RETURNING id, dialog_id, author_type, operator_id, sent_at, is_paid, cost, external_id
), facts AS ( -- per dialogue: what its new messages add
  SELECT ins.dialog_id, sum(ins.cost) AS cost, count(*) AS n, max(ins.sent_at) AS last_at, max(ins.id) AS last_id,
         (array_agg(ins.sent_at ORDER BY ins.id) FILTER (
           WHERE ins.author_type = 'operator' AND d.transferred_at IS NOT NULL AND ins.sent_at >= d.transferred_at))[1] AS first_reply_at,
         (array_agg(ins.operator_id ORDER BY ins.id) FILTER (
           WHERE ins.author_type = 'operator' AND ins.operator_id IS NOT NULL))[1] AS first_operator_id
  FROM ins JOIN d ON d.id = ins.dialog_id
  GROUP BY ins.dialog_id
), upd AS (
  UPDATE dialogs SET
    cost = dialogs.cost + f.cost,
    message_count = dialogs.message_count + f.n,
    last_message_at = GREATEST(dialogs.last_message_at, f.last_at),
    last_message_id = GREATEST(dialogs.last_message_id, f.last_id),
    first_operator_reply_at = COALESCE(dialogs.first_operator_reply_at, f.first_reply_at),
    operator_id = COALESCE(dialogs.operator_id, f.first_operator_id)
  FROM facts f
  WHERE dialogs.id = f.dialog_id
  RETURNING 1
), announced AS ( -- live-bus.ts: sent at commit, so only stored messages are announced (ids only)
  SELECT count(pg_notify('chats_live', 'm:' || dialog_id || ':' || last_id)) AS n FROM facts
)
SELECT d.id AS "dialogId", d.chat_id AS "chatId", d.channel::text AS channel, d.status::text AS status,
       d.operator_id AS "operatorId", d.transferred_at AS "transferredAt",
       d.first_operator_reply_at AS "firstOperatorReplyAt", d.chat_updated_at AS "chatUpdatedAt",
       d.last_message_id AS "previousId",
       ins.id, ins.author_type::text AS "authorType", ins.sent_at AS "sentAt", ins.is_paid AS "isPaid",
       ins.cost::text AS cost, ins.external_id AS "externalId"
FROM d LEFT JOIN ins ON ins.dialog_id = d.id CROSS JOIN announced
ORDER BY d.id, ins.id`;

const STATEMENTS = { skip: statement(true), fail: statement(false) };

/** Messages to store into one dialogue (dialogId must be a UUID). */
export interface SqlStoreRequest { dialogId: string; messages: SqlMessage[] }

/**
 * Runs the store statement for one or more requests (several dialogues at once: the incoming
 * batch, incoming-batch.ts); one result per request, in the given order. Through the SqlRunner
 * when given: Prisma compiles even a raw query per call (≈ 0.4 ms of CPU), the pool does not.
 * Requests that share a dialogue must give their messages external ids (that is how a stored row
 * is told apart); the rows of a dialogue are handed out in request order.
 */
export async function runStoreStatement(prisma: PrismaClient, sql: SqlRunner | undefined, requests: SqlStoreRequest[], options: SqlStoreOptions): Promise<SqlStoreResult[]> {
  const input = JSON.stringify(requests.flatMap(({ dialogId, messages }) => messages.map((m) => ({
    dialog_id: dialogId, author_type: m.authorType, author_name: m.authorName, operator_id: m.operatorId, text: m.text,
    sent_at: m.sentAt.toISOString(), external_id: m.externalId, delivery_status: m.deliveryStatus,
  }))).map((row, ord) => ({ ord, ...row })));
  const text = options.skipDuplicates ? STATEMENTS.skip : STATEMENTS.fail;
  const params = [input, options.activeOnly];
  const rows = sql ? await sql.query(text, params, options.skipDuplicates ? 'chats_store_skip' : 'chats_store_fail') : await prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
  return distribute(requests, rows);
}

interface StoredRow extends SqlStoredMessage { externalId: string | null; claimed: boolean }

/** Hands each request its dialogue (as locked) and the rows stored for its messages. */
function distribute(requests: SqlStoreRequest[], rows: Record<string, unknown>[]): SqlStoreResult[] {
  const dialogs = new Map<string, SqlDialog>();
  const storedOf = new Map<string, StoredRow[]>(); // per dialogue, in id order
  for (const row of rows) {
    const dialogId = String(row.dialogId);
    let stored = storedOf.get(dialogId);
    if (!stored) {
      dialogs.set(dialogId, dialogOf(row));
      stored = [];
      storedOf.set(dialogId, stored);
    }
    if (row.id === null) continue;
    const previousId = stored.length > 0 ? stored[stored.length - 1].id : row.previousId === null || row.previousId === undefined ? null : Number(row.previousId);
    stored.push({
      id: Number(row.id), authorType: row.authorType as AuthorType, sentAt: toDate(row.sentAt) as Date, isPaid: Boolean(row.isPaid),
      cost: String(row.cost), previousId, externalId: (row.externalId as string | null) ?? null, claimed: false,
    });
  }
  const byKey = requests.length > 1;
  return requests.map(({ dialogId, messages }) => {
    const dialog = dialogs.get(dialogId.toLowerCase()) ?? null;
    const rowsOfDialog = storedOf.get(dialogId.toLowerCase()) ?? [];
    // one request: all its dialogue's rows; several: each message's row by its external id
    const mine = byKey
      ? messages.map((m) => rowsOfDialog.find((row) => !row.claimed && row.externalId === m.externalId)).filter((row): row is StoredRow => row !== undefined)
      : rowsOfDialog;
    return { dialog, stored: mine.map((row) => { row.claimed = true; const { externalId: _e, claimed: _c, ...message } = row; return message; }) };
  });
}

function dialogOf(row: Record<string, unknown>): SqlDialog {
  return {
    chatId: Number(row.chatId),
    channel: row.channel as ChannelName,
    status: row.status as 'active' | 'closed',
    operatorId: row.operatorId === null ? null : Number(row.operatorId),
    transferredAt: toDate(row.transferredAt),
    firstOperatorReplyAt: toDate(row.firstOperatorReplyAt),
    chatUpdatedAt: toDate(row.chatUpdatedAt) as Date,
  };
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
