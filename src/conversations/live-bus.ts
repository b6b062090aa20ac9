// Live events between app instances on one database, through PostgreSQL LISTEN/NOTIFY (PGlite's
// listen in the embedded mode, same code). Each instance listens on one dedicated connection.
//   message  the store statement itself notifies `m:<dialogId>:<newest id>` (message-store-sql.ts),
//            so only committed messages are announced and a notification carries ids only; a
//            watcher here gets a 'news' event and its stream replays from the last id it sent.
//   status   a status change published in one instance is relayed as JSON of its fields, with the
//            sender's origin so that the sender does not deliver it twice.
// A notification lost while the listening connection was away is made up for on reconnection:
// every watched dialogue gets news "up to the newest" (streams replay) and its current status.
import { randomBytes } from 'node:crypto';
import type { SqlRunner } from '../db/sql-runner.js';
import type { Logger } from '../logger.js';
import type { BackgroundWorker } from '../workers/worker.js';
import type { LiveHub, StatusEvent } from './live-hub.js';

/** The NOTIFY channel; the store statement names it too. */
export const LIVE_CHANNEL = 'chats_live';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes and more. */
const MAX_PAYLOAD_BYTES = 7_900;
const START_WAIT_MS = 5_000;

interface StatusPayload { o: string; d: string; s: StatusEvent['status']; w: boolean; op: number | null; r?: StatusEvent['reason'] }

export interface LiveBusOptions {
  logger: Logger;
  /** A dialogue's current status (sent to its watchers after a reconnection). */
  statusOf(dialogId: string): Promise<StatusEvent>;
}

export class LiveBus implements BackgroundWorker {
  private readonly origin = randomBytes(6).toString('hex');
  private unlisten: (() => Promise<void>) | null = null;
  /** Resolves when the bus listens for the first time (tests and start-up wait for it). */
  private connected: Promise<void> = Promise.resolve();

  constructor(private readonly hub: LiveHub, private readonly sql: SqlRunner, private readonly options: LiveBusOptions) {}

  async start(): Promise<void> {
    if (this.unlisten) return;
    let firstConnection: () => void = () => undefined;
    this.connected = new Promise((resolve) => { firstConnection = resolve; });
    this.unlisten = await this.sql.listen(LIVE_CHANNEL, {
      logger: this.options.logger,
      onNotify: (payload) => this.received(payload),
      onConnected: (first) => {
        if (first) firstConnection();
        else this.catchUp();
      },
    });
    this.hub.relayStatusTo((event) => this.announce(event));
    // the database may be down at start: the listener keeps trying, start-up goes on after a while
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.connected, new Promise<void>((resolve) => { timer = setTimeout(resolve, START_WAIT_MS); timer.unref(); })]);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.hub.relayStatusTo(null);
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  async tick(): Promise<void> {}

  wake(): void {}

  private announce(event: StatusEvent): void {
    const payload: StatusPayload = { o: this.origin, d: event.dialogId, s: event.status, w: event.waitingForOperator, op: event.operatorId ?? null, ...(event.reason ? { r: event.reason } : {}) };
    const text = `s:${JSON.stringify(payload)}`;
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) return;
    this.sql.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, text], 'chats_live_notify').catch((error: Error) => {
      // the status reaches this instance's watchers anyway; the others' get it on their next event
      this.options.logger.warn({ err: error, dialogId: event.dialogId }, 'live events: a status change could not be sent to the other instances');
    });
  }

  private received(payload: string): void {
    try {
      if (payload.startsWith('m:')) {
        const [, dialogId, upTo] = payload.split(':');
        if (this.hub.watchers(dialogId) > 0) this.hub.deliver(dialogId, { type: 'news', dialogId, upTo: Number(upTo) });
      } else if (payload.startsWith('s:')) {
        const status = JSON.parse(payload.slice(2)) as StatusPayload;
        if (status.o === this.origin || this.hub.watchers(status.d) === 0) return;
        this.hub.deliver(status.d, { type: 'status', dialogId: status.d, status: status.s, waitingForOperator: status.w, operatorId: status.op, ...(status.r ? { reason: status.r } : {}) });
      }
    } catch (error) {
      this.options.logger.warn({ err: error, payload: payload.slice(0, 200) }, 'live events: an unreadable notification was ignored');
    }
  }

  // after a reconnection: whatever was announced meanwhile is in the database
  private catchUp(): void {
    for (const dialogId of this.hub.watched()) {
      this.hub.deliver(dialogId, { type: 'news', dialogId, upTo: Number.MAX_SAFE_INTEGER });
      this.options.statusOf(dialogId).then(
        (status) => this.hub.deliver(dialogId, status),
        (error: Error) => this.options.logger.warn({ err: error, dialogId }, 'live events: the status of a watched dialogue could not be reloaded'),
      );
    }
  }
}
