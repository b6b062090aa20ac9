// Sends the bot's and operators' messages of facebook dialogues through the Send API.
// The conversation service stores them with delivery_status 'pending' (and next_delivery_at = the
// time they were written) in the same transaction as the message, and tells us through
// onOutgoing, which wakes this worker at once; a timer covers retries and messages stored by
// other app instances.
//
// Claiming is `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING`, which moves
// next_delivery_at a lease ahead: two instances never send one message at the same time, and a
// message whose sender died is picked up again when the lease runs out (delivery is therefore at
// least once, like Meta's own). Only the oldest pending message of each dialogue is claimable,
// so a client receives a dialogue's messages in order even when one of them is being retried.
//
// Outcome on the message: 'sent'; or a retryable failure (network, 5xx, rate limits) scheduled
// again after backoffMs[attempts - 1], with the error kept in delivery_error meanwhile; or
// 'failed' with the error, for a permanent one (outside the 24 h window, bad token, chat
// disconnected) or when the retries are used up.
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../../db/sql-runner.js';
import type { Conversations } from '../../conversations/conversation-service.js';
import { FacebookConnections } from './connection.js';
import { SecretBoxError } from '../../domain/secret-box.js';
import { sendText, SendApiError } from './send-api.js';
import { silentLogger, type Logger } from '../../logger.js';

export interface FacebookOptions {
  /** Graph API base URL; https://graph.facebook.com by default (tests point it at a fake). */
  graphBaseUrl?: string;
  /** Graph API version; "v21.0" by default. */
  apiVersion?: string;
  /** Waits before the 2nd, 3rd... attempt; the last entry is the last retry. 5 s, 30 s, 2 min, 10 min, 1 h by default. */
  backoffMs?: number[];
  /** Messages claimed (and sent concurrently, one per dialogue) at a time; 10 by default. */
  batchSize?: number;
  /** How often the queue is looked at when nothing woke the worker; 30 s by default. */
  pollMs?: number;
  /** Send API request timeout; 15 s by default. */
  sendTimeoutMs?: number;
  /** How long a claimed message is reserved for its sender; 2 min by default. */
  leaseMs?: number;
  logger?: Logger;
}

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';
export const DEFAULT_API_VERSION = 'v21.0';
const DEFAULT_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000];
const MIN_TIMER_MS = 20;

type Outcome = { ok: true } | { ok: false; retryable: boolean; error: string };

export class FacebookDeliveryWorker {
  readonly graphBaseUrl: string;
  readonly apiVersion: string;
  private readonly backoffMs: number[];
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly connections: FacebookConnections;
  private running = false;
  private loop: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: SqlRunner,
    private readonly conversations: Conversations,
    secret: string,
    private readonly options: FacebookOptions = {},
  ) {
    this.graphBaseUrl = (options.graphBaseUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.batchSize = options.batchSize ?? 10;
    this.pollMs = options.pollMs ?? 30_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.connections = new FacebookConnections(prisma, secret);
  }

  /** Begins sending: what is pending now, and every new message the moment it is stored. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.conversations.onOutgoing((message) => {
      if (message.channel === 'facebook') this.wake();
    });
    this.wake();
  }

  /** Stops taking messages and waits for the sends in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.loop;
  }

  /** Looks at the queue now. */
  wake(): void {
    if (!this.running) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.loop = this.drain().finally(() => {
      this.loop = null;
      // a wake that came while the last query ran must not be lost
      if (this.again) this.wake();
    });
  }

  /** Claims and sends one batch; returns how many messages it took. */
  async runOnce(now = new Date()): Promise<number> {
    const claimed = await this.claim(now);
    await Promise.all(claimed.map((id) => this.deliver(id)));
    return claimed.length;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        while (this.running && (await this.runOnce()) > 0);
      } while (this.running && this.again);
      if (this.running) this.schedule(await this.nextDue());
    } catch (error) {
      (this.options.logger ?? silentLogger).error({ err: error }, 'Facebook delivery: queue check failed');
      if (this.running) this.schedule(Date.now() + this.pollMs);
    }
  }

  private schedule(dueAt: number | null): void {
    const delay = dueAt === null ? this.pollMs : Math.min(this.pollMs, Math.max(MIN_TIMER_MS, dueAt - Date.now()));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  // The oldest pending message of each facebook dialogue, due now; the clock is the app's (as for
  // next_delivery_at written by the conversation service), not the database server's.
  private static readonly FIRST_PENDING = `
    FROM messages m JOIN dialogs d ON d.id = m.dialog_id
    WHERE m.delivery_status = 'pending' AND d.channel = 'facebook'
      AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.dialog_id = m.dialog_id AND e.delivery_status = 'pending' AND e.id < m.id)`;

  private async claim(now: Date): Promise<number[]> {
    const rows = await this.sql.query<{ id: number | string }>(
      `UPDATE messages SET next_delivery_at = $2::timestamptz
       WHERE delivery_status = 'pending' AND id IN (
         SELECT m.id ${FacebookDeliveryWorker.FIRST_PENDING}
           AND (m.next_delivery_at IS NULL OR m.next_delivery_at <= $1::timestamptz)
         ORDER BY m.next_delivery_at NULLS FIRST, m.id
         LIMIT $3
         FOR UPDATE OF m SKIP LOCKED)
       RETURNING id`,
      [now.toISOString(), new Date(now.getTime() + this.leaseMs).toISOString(), this.batchSize],
    );
    return rows.map((row) => Number(row.id));
  }

  private async nextDue(): Promise<number | null> {
    const [row] = await this.sql.query<{ due: Date | string | null }>(
      `SELECT min(COALESCE(m.next_delivery_at, to_timestamp(0))) AS due ${FacebookDeliveryWorker.FIRST_PENDING}`,
    );
    return row?.due ? new Date(row.due).getTime() : null;
  }

  private async deliver(id: number): Promise<void> {
    const message = await this.prisma.message.findUnique({
      where: { id },
      select: { text: true, deliveryAttempts: true, dialog: { select: { chatId: true, client: { select: { externalId: true } } } } },
    });
    if (!message) return; // deleted with its dialogue meanwhile
    const outcome = await this.send(message.dialog.chatId, message.dialog.client.externalId, message.text);
    const attempts = message.deliveryAttempts + 1;
    const where = { id, deliveryStatus: 'pending' as const };
    if (outcome.ok) {
      await this.prisma.message.updateMany({ where, data: { deliveryStatus: 'sent', deliveryAttempts: attempts, deliveryError: null, nextDeliveryAt: null } });
      return;
    }
    const wait = outcome.retryable ? this.backoffMs[attempts - 1] : undefined;
    if (wait !== undefined) {
      await this.prisma.message.updateMany({
        where, data: { deliveryAttempts: attempts, deliveryError: `attempt ${attempts}: ${outcome.error}`, nextDeliveryAt: new Date(Date.now() + wait) },
      });
      return; // the end of this round sets the timer for the earliest due message
    }
    const error = outcome.retryable ? `gave up after ${attempts} attempts: ${outcome.error}` : outcome.error;
    await this.prisma.message.updateMany({ where, data: { deliveryStatus: 'failed', deliveryAttempts: attempts, deliveryError: error, nextDeliveryAt: null } });
  }

  private async send(chatId: number, psid: string, text: string): Promise<Outcome> {
    try {
      const credentials = await this.connections.credentials(chatId);
      if (!credentials) return { ok: false, retryable: false, error: 'The chat is not connected to a Facebook page' };
      await sendText({
        graphBaseUrl: this.graphBaseUrl,
        apiVersion: this.apiVersion,
        pageId: credentials.pageId,
        pageToken: credentials.pageAccessToken,
        appSecret: credentials.appSecret,
        recipientPsid: psid,
        text,
        timeoutMs: this.options.sendTimeoutMs,
      });
      return { ok: true };
    } catch (error) {
      if (error instanceof SendApiError) return { ok: false, retryable: error.retryable, error: error.message };
      if (error instanceof SecretBoxError) return { ok: false, retryable: false, error: 'The stored page token cannot be decrypted (SECRET changed?); connect the page again' };
      // our own database hiccup: worth another try
      return { ok: false, retryable: true, error: (error as Error).message };
    }
  }
}
