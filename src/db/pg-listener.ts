// LISTEN on one dedicated PostgreSQL connection (not a pooled one: a pooled connection is lent
// out, recycled when idle, and a LISTEN on it would be lost or leak into other queries). The
// connection is made with the pool's own Client class and options, so the library needs no
// driver of its own. It reconnects after any failure with a growing pause (server restart,
// pg_terminate_backend, network) and says so through `onConnected`: notifications sent while it
// was away are lost, so the caller catches up from the database.
import type { Logger } from '../logger.js';

export interface ListenHandlers {
  onNotify(payload: string): void;
  /** After every (re)connection, once LISTEN is in place; `first` on the first one. */
  onConnected(first: boolean): void;
  logger: Logger;
}

/** What the listener uses of a `pg.Client`. */
export interface PgClientLike {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string; processId?: number }) => void): unknown;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
}

export interface PgClientFactory {
  Client: new (options: object) => PgClientLike;
  options: object;
}

/** The application_name of listening connections (ops and tests find them in pg_stat_activity). */
export const LISTENER_APPLICATION_NAME = 'chats_live_listener';

const MIN_PAUSE_MS = 200;
const MAX_PAUSE_MS = 5_000;

/** `fromOwn(pid)`: the notifying backend is one of this process' own connections (skipped). */
export function listenOnDedicatedClient(factory: PgClientFactory, channel: string, handlers: ListenHandlers, fromOwn: (pid: number) => boolean = () => false): () => Promise<void> {
  let stopped = false;
  let current: PgClientLike | null = null;
  let pause = MIN_PAUSE_MS;
  let connectedOnce = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const quoted = `"${channel.replace(/"/g, '""')}"`;

  const retry = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => { retryTimer = undefined; void connect(); }, pause);
    retryTimer.unref();
    pause = Math.min(MAX_PAUSE_MS, pause * 2);
  };

  const connect = async () => {
    const client = new factory.Client({ ...factory.options, application_name: `${LISTENER_APPLICATION_NAME}:${process.pid}`, keepAlive: true });
    current = client;
    let failed = false;
    const lost = (error?: Error) => {
      if (failed || stopped) return;
      failed = true;
      if (current === client) current = null;
      handlers.logger.warn({ err: error }, `live events: the listening connection was lost${error ? ` (${error.message})` : ''}; reconnecting`);
      client.end().catch(() => undefined);
      retry();
    };
    // every failure of this connection comes here: an 'error' without a listener would end the process
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      if (message.processId !== undefined && fromOwn(message.processId)) return;
      handlers.onNotify(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoted}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (stopped) { await client.end().catch(() => undefined); return; }
    pause = MIN_PAUSE_MS;
    const first = !connectedOnce;
    connectedOnce = true;
    if (!first) handlers.logger.info({}, 'live events: listening again');
    handlers.onConnected(first);
  };

  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    const client = current;
    current = null;
    await client?.end().catch(() => undefined);
  };
}
