// The message store as ONE SQL statement: lock the dialogue row, insert the message(s) with their
// cost, update the dialogue's facts. One round trip and no interactive transaction: the
// conversation hot path spent most of its CPU in Prisma's transaction machinery, not in PostgreSQL.
//
// The rules are those of src/domain (the TypeScript stays the reference, used by the demo
// generator; test/dialogs/store-sql.test.ts checks that both agree):
//   money.ts messageCost     bot and operator messages cost the chat's current price for the
//                            dialogue's channel; client and system messages are free
//   dialog-facts.ts applyMessage
//                            cost = sum, message_count + n, last_message_at = max,
//                            first_operator_reply_at = the first operator message (in the given
//                            order) at or after transferred_at, while it is still null
//   store-message.ts         the first operator who writes becomes the dialogue's operator,
//                            unless one is assigned
// last_message_id (the newest id) is returned as it was under the lock: live streams use it.
// Concurrency: `FOR UPDATE OF d` serializes writers of one dialogue (transfers lock the same row);
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
WITH d AS (
  SELECT d.id, d.chat_id, d.channel, d.status, d.operator_id, d.transferred_at, d.first_operator_reply_at,
         d.last_message_id, c.updated_at AS chat_updated_at,
         CASE d.channel WHEN 'web' THEN c.price_web ELSE c.price_facebook END AS price
  FROM dialogs d JOIN chats c ON c.id = d.chat_id
  WHERE d.id = $1::uuid
  FOR UPDATE OF d
), input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(
    ord int, author_type text, author_name text, operator_id int, text text, sent_at timestamptz,
    external_id text, delivery_status text)
), ins AS (
  INSERT INTO messages (dialog_id, author_type, author_name, operator_id, text, sent_at, is_paid, cost,
                        external_id, delivery_status, next_delivery_at)
  SELECT d.id, i.author_type::"AuthorType", i.author_name, i.operator_id, i.text, i.sent_at,
         i.author_type IN ('bot', 'operator'),
         CASE WHEN i.author_type IN ('bot', 'operator') THEN d.price ELSE 0 END,
         i.external_id, i.delivery_status::"DeliveryStatus",
         CASE WHEN i.delivery_status = 'pending' THEN i.sent_at END
  FROM d CROSS JOIN input i
  WHERE d.status = 'active' OR NOT $3::boolean
  ORDER BY i.ord -- ids follow the given order
  ${skipDuplicates ? 'ON CONFLICT (external_id) DO NOTHING' : ''}
  RETURNING id, author_type, operator_id, sent_at, is_paid, cost
), upd AS (
  UPDATE dialogs SET
    cost = dialogs.cost + (SELECT sum(cost) FROM ins),
    message_count = dialogs.message_count + (SELECT count(*) FROM ins),
    last_message_at = GREATEST(dialogs.last_message_at, (SELECT max(sent_at) FROM ins)),
    last_message_id = GREATEST(dialogs.last_message_id, (SELECT max(id) FROM ins)),
    first_operator_reply_at = COALESCE(dialogs.first_operator_reply_at, (
      SELECT sent_at FROM ins
      WHERE author_type = 'operator' AND dialogs.transferred_at IS NOT NULL AND sent_at >= dialogs.transferred_at
      ORDER BY id LIMIT 1)),
    operator_id = COALESCE(dialogs.operator_id, (
      SELECT operator_id FROM ins WHERE author_type = 'operator' AND operator_id IS NOT NULL ORDER BY id LIMIT 1))
  WHERE dialogs.id = (SELECT id FROM d) AND EXISTS (SELECT 1 FROM ins)
  RETURNING 1
), announced AS ( -- live-bus.ts: sent at commit, so only stored messages are announced (ids only)
  SELECT pg_notify('chats_live', 'm:' || (SELECT id FROM d) || ':' || max(id)) FROM ins HAVING count(*) > 0
)
SELECT d.chat_id AS "chatId", d.channel::text AS channel, d.status::text AS status, d.operator_id AS "operatorId",
       d.transferred_at AS "transferredAt", d.first_operator_reply_at AS "firstOperatorReplyAt",
       d.chat_updated_at AS "chatUpdatedAt", d.last_message_id AS "previousId",
       ins.id, ins.author_type::text AS "authorType", ins.sent_at AS "sentAt", ins.is_paid AS "isPaid", ins.cost::text AS cost
FROM d LEFT JOIN ins ON true LEFT JOIN announced ON true
ORDER BY ins.id`;

const STATEMENTS = { skip: statement(true), fail: statement(false) };

/**
 * Runs the store statement for messages of one dialogue (dialogId must be a UUID). Through the
 * SqlRunner when given: Prisma compiles even a raw query per call (≈ 0.4 ms of CPU), the pool does not.
 */
export async function runStoreStatement(prisma: PrismaClient, sql: SqlRunner | undefined, dialogId: string, messages: SqlMessage[], options: SqlStoreOptions): Promise<SqlStoreResult> {
  const input = JSON.stringify(messages.map((m, ord) => ({
    ord, author_type: m.authorType, author_name: m.authorName, operator_id: m.operatorId, text: m.text,
    sent_at: m.sentAt.toISOString(), external_id: m.externalId, delivery_status: m.deliveryStatus,
  })));
  const text = options.skipDuplicates ? STATEMENTS.skip : STATEMENTS.fail;
  const params = [dialogId, input, options.activeOnly];
  const rows = sql ? await sql.query(text, params, options.skipDuplicates ? 'chats_store_skip' : 'chats_store_fail') : await prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
  const first = rows[0];
  if (!first) return { dialog: null, stored: [] };
  const dialog: SqlDialog = {
    chatId: Number(first.chatId),
    channel: first.channel as ChannelName,
    status: first.status as 'active' | 'closed',
    operatorId: first.operatorId === null ? null : Number(first.operatorId),
    transferredAt: toDate(first.transferredAt),
    firstOperatorReplyAt: toDate(first.firstOperatorReplyAt),
    chatUpdatedAt: toDate(first.chatUpdatedAt) as Date,
  };
  let previousId = first.previousId === null || first.previousId === undefined ? null : Number(first.previousId);
  const stored = rows.filter((row) => row.id !== null).map((row) => {
    const message = { id: Number(row.id), authorType: row.authorType as AuthorType, sentAt: toDate(row.sentAt) as Date, isPaid: Boolean(row.isPaid), cost: String(row.cost), previousId };
    previousId = message.id;
    return message;
  });
  return { dialog, stored };
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
