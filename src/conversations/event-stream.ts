// A dialogue's messages and status changes as Server-Sent Events, with lossless reconnects: the
// stream subscribes to the live hub first, then replays from the database every message with an
// id above `after` (the browser's Last-Event-ID), then flushes the live events that arrived during
// the replay and forwards the rest as they come, skipping message ids already sent. Each message
// event carries its id as the SSE id, so EventSource's own reconnect resumes at the right place.
// Shared by the widget (widget/event-stream.ts) and the operator's dialogue page
// (server/admin-live.ts); each keeps its own checks, limits and error answers.
// Messages stored by another instance arrive as 'news' (live-bus.ts): the stream then replays from
// the last id it sent, so a late or lost notification costs a query, never a message.
import type { Request, Response } from 'express';
import type { LiveEvent, LiveHub, LiveMessage, StatusEvent } from './live-hub.js';
import type { Logger } from '../logger.js';
import type { Lifecycle } from '../lifecycle.js';

/** The `retry:` sent when the instance drains: reconnect soon, the load balancer picks another. */
const DRAIN_RETRY_MS = 500;

/** What a stream replays from the database: at least the message's id, in id order. */
export interface ReplayedMessage { id: number }

export interface DialogEventStreamOptions<M extends ReplayedMessage> {
  hub: LiveHub;
  dialogId: string;
  /** The last message id the client has seen (0: none). */
  after: number;
  /** Messages of the dialogue with an id above `afterId`, in id order, at most `limit`. */
  loadMessagesAfter(dialogId: string, afterId: number, limit: number): Promise<M[]>;
  heartbeatMs: number;
  /** A client that does not read its stream is dropped (it reconnects and replays). */
  maxBufferedBytes: number;
  /** Told once when the stream ends, whatever the reason. */
  onClose?: () => void;
  /** The `retry:` the browser waits before reconnecting. */
  retryMs: number;
  /** Rows a replay query asks for. */
  replayPageSize: number;
  /** Queries a replay makes at the most (default: until a page comes back short). */
  replayPages?: number;
  /** The data of a message event, for a replayed or a live message. */
  messageData(message: M | LiveMessage): unknown;
  /** The data of a status event for a live status change. */
  statusData(event: StatusEvent): unknown;
  /** A status event's data sent before the replay. */
  statusBeforeReplay?: unknown;
  /** Loads a status event's data sent after the replay, before the events buffered meanwhile. */
  statusAfterReplay?: () => Promise<unknown>;
  /** Draining ends the stream with a short retry hint. */
  lifecycle?: Lifecycle;
  /** Where a failed replay is reported (the stream is then closed), and under which name. */
  logger: Logger;
  errorLabel: string;
}

export async function streamDialogEvents<M extends ReplayedMessage>(req: Request, res: Response, options: DialogEventStreamOptions<M>): Promise<void> {
  const { hub, dialogId, maxBufferedBytes, replayPageSize } = options;
  const replayPages = options.replayPages ?? Infinity;

  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx and similar proxies otherwise hold events back in their buffers
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);

  let closed = false;
  let lastSent = options.after;
  let pending: LiveEvent[] | null = []; // live events that arrive during the replay
  const write = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > maxBufferedBytes) stop();
  };
  const writeStatus = (data: unknown) => write(`event: status\ndata: ${JSON.stringify(data)}\n\n`);
  const sendMessage = (message: M | LiveMessage) => {
    if (message.id <= lastSent) return;
    lastSent = message.id;
    write(`id: ${message.id}\nevent: message\ndata: ${JSON.stringify(options.messageData(message))}\n\n`);
  };
  // news (another instance stored messages, or the bus reconnected): replay from the last id
  // sent; one replay at a time, and news during a replay makes it look again
  let replaying = false;
  let newsAgain = false;
  const catchUp = async () => {
    for (let pages = 0; pages < replayPages && !closed; pages++) {
      const page = await options.loadMessagesAfter(dialogId, lastSent, replayPageSize);
      page.forEach(sendMessage);
      if (page.length < replayPageSize) break;
    }
  };
  const onNews = (upTo: number) => {
    if (upTo <= lastSent || closed) return;
    if (replaying) { newsAgain = true; return; }
    replaying = true;
    void (async () => {
      try {
        do { newsAgain = false; await catchUp(); } while (newsAgain && !closed);
      } catch (error) {
        // the stream ends; the browser reconnects and replays from its Last-Event-ID
        options.logger.warn({ err: error, dialogId }, options.errorLabel);
        stop();
      } finally {
        replaying = false;
      }
    })();
  };
  const sendEvent = (event: LiveEvent) => {
    // a message stored here right after one stored by another instance whose news has not come
    // yet: catch up from the database, or that one would be skipped for good
    if (event.type === 'message' && event.message.previousId != null && event.message.previousId > lastSent) onNews(event.message.id);
    else if (event.type === 'message') sendMessage(event.message);
    else if (event.type === 'news') onNews(event.upTo);
    else writeStatus(options.statusData(event));
  };

  const unsubscribe = hub.subscribe(dialogId, (event) => (pending ? pending.push(event) : sendEvent(event)));
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs);
  heartbeat.unref();
  // the instance is stopping: the browser reconnects (to another instance) after a short pause
  const endStream = options.lifecycle?.onDrain(() => { write(`retry: ${DRAIN_RETRY_MS}\n\n`); stop(); }) ?? (() => undefined);
  function stop() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    endStream();
    options.onClose?.();
    res.end();
  }
  // the response's close: the connection went away (the request's may fire earlier or not at all)
  res.on('close', stop);

  try {
    write(`retry: ${options.retryMs}\n\n`);
    if (options.statusBeforeReplay !== undefined) writeStatus(options.statusBeforeReplay);
    replaying = true;
    await catchUp();
    replaying = false;
    if (options.statusAfterReplay) writeStatus(await options.statusAfterReplay());
    const buffered = pending;
    pending = null;
    buffered.forEach(sendEvent);
  } catch (error) {
    options.logger.error({ err: error, dialogId }, options.errorLabel);
    stop();
  }
}
