// The queue of bot and operator messages that a channel API still has to deliver (Facebook's Send
// API): the conversation service stores them with delivery_status 'pending' and next_delivery_at
// = the time they were written; a sender claims the due ones, sends them, and records the outcome
// here. Every write to a message's delivery state is one of these statements.
//
// Claiming locks the due rows (`FOR UPDATE SKIP LOCKED`) and moves their next_delivery_at a lease
// ahead: two instances never send one message at the same time, and a
// message whose sender died is picked up again when the lease runs out (delivery is therefore at
// least once). Only the oldest pending message of each dialogue is claimable, so a client
// receives a dialogue's messages in order even when one of them is being retried.
// The clock is the app's (as for next_delivery_at written by the conversation service), not the
// database server's.
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/sql-runner.js';
import type { ChannelName } from '../domain/money.js';
import { isRemovedIdentifier } from '../domain/content-removal.js';

export interface OutgoingQueueOptions {
  channel: ChannelName;
  /** How long a claimed message is reserved for its sender. */
  leaseMs: number;
}

/** A claimed message, with what a sender needs to deliver it. */
export interface OutgoingDelivery {
  id: number;
  text: string;
  chatId: number;
  /** The client's id on the channel (Facebook: the PSID). */
  recipient: string;
  /** Attempts made before this one. */
  attempts: number;
  /** Not to be sent: the client's data was removed (see delivery). */
  cancelled?: true;
}

const CHANNELS: readonly ChannelName[] = ['web', 'facebook'];

export class OutgoingQueue {
  // the oldest pending message of each dialogue of the channel
  private readonly firstPending: string;

  constructor(private readonly prisma: PrismaClient, private readonly sql: SqlRunner, private readonly options: OutgoingQueueOptions) {
    if (!CHANNELS.includes(options.channel)) throw new Error(`unknown channel "${String(options.channel)}"`);
    this.firstPending = `
    FROM messages m JOIN dialogs d ON d.id = m.dialog_id
    WHERE m.delivery_status = 'pending' AND d.channel = '${options.channel}'
      AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.dialog_id = m.dialog_id AND e.delivery_status = 'pending' AND e.id < m.id)`;
  }

  /** Claims up to `limit` messages due at `now`; returns their ids. */
  async claimDue(now: Date, limit: number): Promise<number[]> {
    // The due rows are picked once, in a MATERIALIZED CTE: as `WHERE id IN (SELECT … LIMIT n)`,
    // PostgreSQL may run the sub-select again per row and claim (and send at once) more than n.
    const rows = await this.sql.query<{ id: number | string }>(
      `WITH due AS MATERIALIZED (
         SELECT m.id ${this.firstPending}
           AND (m.next_delivery_at IS NULL OR m.next_delivery_at <= $1::timestamptz)
         ORDER BY m.next_delivery_at NULLS FIRST, m.id
         LIMIT $3
         FOR UPDATE OF m SKIP LOCKED)
       UPDATE messages SET next_delivery_at = $2::timestamptz
       FROM due WHERE messages.id = due.id AND messages.delivery_status = 'pending'
       RETURNING messages.id`,
      [now.toISOString(), new Date(now.getTime() + this.options.leaseMs).toISOString(), limit],
    );
    return rows.map((row) => Number(row.id));
  }

  /** When the next claimable message is due (ms since the epoch), or null when none is pending. */
  async nextDueAt(): Promise<number | null> {
    const [row] = await this.sql.query<{ due: Date | string | null }>(
      `SELECT min(COALESCE(m.next_delivery_at, to_timestamp(0))) AS due ${this.firstPending}`,
    );
    return row?.due ? new Date(row.due).getTime() : null;
  }

  /**
   * A claimed message to send; null when it is no longer to be sent: deleted with its dialogue, or
   * no longer pending (delivered elsewhere, or cancelled by the removal of the client's data while
   * it was claimed). `cancelled`: pending, but its dialogue's content or the client's identifier
   * is gone (stored in the instant of a removal): the sender marks it failed and sends nothing.
   */
  async delivery(id: number): Promise<OutgoingDelivery | null> {
    const message = await this.prisma.message.findUnique({
      where: { id },
      select: {
        text: true, deliveryAttempts: true, deliveryStatus: true,
        dialog: { select: { chatId: true, contentRemovedAt: true, client: { select: { externalId: true } } } },
      },
    });
    if (!message || message.deliveryStatus !== 'pending') return null;
    const recipient = message.dialog.client.externalId;
    const cancelled = message.dialog.contentRemovedAt !== null || isRemovedIdentifier(recipient);
    return { id, text: message.text, chatId: message.dialog.chatId, recipient, attempts: message.deliveryAttempts, ...(cancelled ? { cancelled } : {}) };
  }

  async recordSent(id: number, attempts: number): Promise<void> {
    await this.update(id, { deliveryStatus: 'sent', deliveryAttempts: attempts, deliveryError: null, nextDeliveryAt: null });
  }

  /** Failed for now: tried again at `retryAt`, with the error kept meanwhile. */
  async recordRetry(id: number, attempts: number, error: string, retryAt: Date): Promise<void> {
    await this.update(id, { deliveryAttempts: attempts, deliveryError: error, nextDeliveryAt: retryAt });
  }

  /** Failed for good. */
  async recordFailed(id: number, attempts: number, error: string): Promise<void> {
    await this.update(id, { deliveryStatus: 'failed', deliveryAttempts: attempts, deliveryError: error, nextDeliveryAt: null });
  }

  // only while pending: a message delivered by another instance meanwhile keeps its outcome
  private async update(id: number, data: { deliveryStatus?: 'sent' | 'failed'; deliveryAttempts: number; deliveryError: string | null; nextDeliveryAt: Date | null }): Promise<void> {
    await this.prisma.message.updateMany({ where: { id, deliveryStatus: 'pending' }, data });
  }
}
