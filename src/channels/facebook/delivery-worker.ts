// Sends the bot's and operators' messages of facebook dialogues through the Send API.
// The conversation service stores them with delivery_status 'pending' (and next_delivery_at = the
// time they were written) in the same statement as the message, and tells us through
// onOutgoing, which wakes this worker at once; a timer covers retries and messages stored by
// other app instances. The queue and every write of a delivery's state are the conversations'
// (src/conversations/outgoing-queue.ts: leases, one message of a dialogue at a time); this
// worker decides and sends. Its loop is a Worker (src/workers/worker.ts): a round sends until
// nothing is due and asks for the next round when the next retry is due.
//
// Outcome on the message: 'sent'; or a retryable failure (network, 5xx, rate limits) scheduled
// again after backoffMs[attempts - 1], with the error kept in delivery_error meanwhile; or
// 'failed' with the error, for a permanent one (outside the 24 h window, bad token, chat
// disconnected) or when the retries are used up.
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../../db/sql-runner.js';
import type { Conversations } from '../../conversations/conversation-service.js';
import { OutgoingQueue } from '../../conversations/outgoing-queue.js';
import { FacebookConnections } from './connection.js';
import { SecretBoxError } from '../../domain/secret-box.js';
import { sendText, SendApiError } from './send-api.js';
import type { Logger } from '../../logger.js';
import { Worker } from '../../workers/worker.js';
import { CANCELLED_BY_REMOVAL } from '../../domain/content-removal.js';

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

export class FacebookDeliveryWorker extends Worker {
  readonly graphBaseUrl: string;
  readonly apiVersion: string;
  private readonly backoffMs: number[];
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly queue: OutgoingQueue;
  private readonly connections: FacebookConnections;
  private unsubscribe: (() => void) | undefined;

  constructor(
    prisma: PrismaClient,
    sql: SqlRunner,
    private readonly conversations: Conversations,
    secret: string,
    private readonly options: FacebookOptions = {},
  ) {
    super({ intervalMs: options.pollMs ?? 30_000, logger: options.logger, failureMessage: 'Facebook delivery: queue check failed' });
    this.graphBaseUrl = (options.graphBaseUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.batchSize = options.batchSize ?? 10;
    this.pollMs = options.pollMs ?? 30_000;
    this.queue = new OutgoingQueue(prisma, sql, { channel: 'facebook', leaseMs: options.leaseMs ?? 120_000 });
    this.connections = new FacebookConnections(prisma, secret);
  }

  /** Claims and sends one batch; returns how many messages it took. */
  async runOnce(now = new Date()): Promise<number> {
    const claimed = await this.queue.claimDue(now, this.batchSize);
    await Promise.all(claimed.map((id) => this.deliver(id)));
    return claimed.length;
  }

  // every new message is sent the moment it is stored
  protected async starting(): Promise<void> {
    this.unsubscribe = this.conversations.onOutgoing((message) => {
      if (message.channel === 'facebook') this.wake();
    });
  }

  protected async stopping(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Sends batches until none is due; the next round runs when the next message is due. */
  protected async round(): Promise<number> {
    while (this.isRunning && (await this.runOnce()) > 0);
    const dueAt = await this.queue.nextDueAt();
    return dueAt === null ? this.pollMs : Math.min(this.pollMs, Math.max(MIN_TIMER_MS, dueAt - Date.now()));
  }

  private async deliver(id: number): Promise<void> {
    // read after the claim: a message cancelled by an erasure meanwhile is never sent (one whose
    // request has left for the Send API cannot be called back)
    const delivery = await this.queue.delivery(id);
    if (!delivery) return; // deleted with its dialogue, or no longer pending
    if (delivery.cancelled) return this.queue.recordFailed(id, delivery.attempts, CANCELLED_BY_REMOVAL);
    const outcome = await this.send(delivery.chatId, delivery.recipient, delivery.text);
    const attempts = delivery.attempts + 1;
    if (outcome.ok) return this.queue.recordSent(id, attempts);
    const wait = outcome.retryable ? this.backoffMs[attempts - 1] : undefined;
    // the end of this round sets the timer for the earliest due message
    if (wait !== undefined) return this.queue.recordRetry(id, attempts, `attempt ${attempts}: ${outcome.error}`, new Date(Date.now() + wait));
    return this.queue.recordFailed(id, attempts, outcome.retryable ? `gave up after ${attempts} attempts: ${outcome.error}` : outcome.error);
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
