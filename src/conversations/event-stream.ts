// A dialogue's messages and status changes as Server-Sent Events, with lossless reconnects: the
// stream subscribes to the live hub first, then replays from the database every message with an
// id above `after` (the browser's Last-Event-ID), then flushes the live events that arrived during
// the replay and forwards the rest as they come, skipping message ids already sent. Each message
// event carries its id as the SSE id, so EventSource's own reconnect resumes at the right place.
// Shared by the widget (widget/event-stream.ts) and the operator's dialogue page
// (server/admin-live.ts); each keeps its own checks, limits and error answers.
import type { Request, Response } from 'express';
import type { LiveEvent, LiveHub, LiveMessage, StatusEvent } from './live-hub.js';
import type { Logger } from '../logger.js';

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
  const sendEvent = (event: LiveEvent) => {
    if (event.type === 'message') sendMessage(event.message);
    else writeStatus(options.statusData(event));
  };

  const unsubscribe = hub.subscribe(dialogId, (event) => (pending ? pending.push(event) : sendEvent(event)));
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs);
  heartbeat.unref();
  function stop() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    options.onClose?.();
    res.end();
  }
  // the response's close: the connection went away (the request's may fire earlier or not at all)
  res.on('close', stop);

  try {
    write(`retry: ${options.retryMs}\n\n`);
    if (options.statusBeforeReplay !== undefined) writeStatus(options.statusBeforeReplay);
    for (let pages = 0; pages < replayPages && !closed; pages++) {
      const page = await options.loadMessagesAfter(dialogId, lastSent, replayPageSize);
      page.forEach(sendMessage);
      if (page.length < replayPageSize) break;
    }
    if (options.statusAfterReplay) writeStatus(await options.statusAfterReplay());
    const buffered = pending;
    pending = null;
    buffered.forEach(sendEvent);
  } catch (error) {
    options.logger.error({ err: error, dialogId }, options.errorLabel);
    stop();
  }
}
