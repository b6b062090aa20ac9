// GET /widget/api/:publicKey/events?dialogId&clientId&after — the dialogue's messages as
// Server-Sent Events. Lossless reconnects: the stream subscribes to the live hub first, then
// replays from the database every message with an id above `after` (or the browser's
// Last-Event-ID), then forwards live events, skipping ids already sent. Each message event carries
// its id as the SSE id, so EventSource's own reconnect resumes at the right place.
import type { Request, Response } from 'express';
import type { LiveEvent } from '../channels/live-hub.js';
import type { WidgetChat } from './chats.js';
import { messagesAfter, dialogState } from './dialog-access.js';
import { notFound, publicMessage, sendError, type PublicMessage, type WidgetOptions, type WidgetServices } from './widget-api.js';
import { parseEvents } from './validation.js';

const REPLAY_PAGE = 500;
/** A client that does not read its stream is dropped (it reconnects and replays what it missed). */
const MAX_BUFFERED_BYTES = 1 << 20;

export function eventStreamHandler(services: WidgetServices, options: WidgetOptions) {
  const { ctx } = services;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreams = options.maxStreamsPerDialog ?? 5;
  const open = new Map<string, number>();

  return async (req: Request, res: Response, chat: WidgetChat): Promise<void> => {
    const lastEventId = req.get('last-event-id');
    const input = parseEvents(req.query as Record<string, unknown>, lastEventId === '' ? undefined : lastEventId);
    if (!input.ok) return sendError(res, input.error);
    const { dialogId, clientId, after } = input.value;
    if (!(await services.owners.owns(chat.id, dialogId, clientId))) return sendError(res, notFound);
    if ((open.get(dialogId) ?? 0) >= maxStreams) {
      return sendError(res, { status: 429, error: 'too_many_streams', message: 'Too many open streams for this dialogue.' }, { 'Retry-After': '10' });
    }
    open.set(dialogId, (open.get(dialogId) ?? 0) + 1);

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
    let lastSent = after;
    let pending: LiveEvent[] | null = []; // live events that arrive during the replay
    const write = (chunk: string) => {
      if (closed) return;
      res.write(chunk);
      if (res.writableLength > MAX_BUFFERED_BYTES) stop();
    };
    const sendMessage = (message: PublicMessage) => {
      if (message.id <= lastSent) return;
      lastSent = message.id;
      write(`id: ${message.id}\nevent: message\ndata: ${JSON.stringify(publicMessage(message))}\n\n`);
    };
    const sendEvent = (event: LiveEvent) => {
      if (event.type === 'message') sendMessage(event.message);
      else write(`event: status\ndata: ${JSON.stringify({ status: event.status, waitingForOperator: event.waitingForOperator })}\n\n`);
    };

    const unsubscribe = ctx.hub.subscribe(dialogId, (event) => (pending ? pending.push(event) : sendEvent(event)));
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
    function stop() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      const left = (open.get(dialogId) ?? 1) - 1;
      if (left > 0) open.set(dialogId, left);
      else open.delete(dialogId);
      res.end();
    }
    req.on('close', stop);

    try {
      write('retry: 2000\n\n');
      for (;;) {
        const page = await messagesAfter(ctx.prisma, dialogId, clientId, lastSent, REPLAY_PAGE);
        page.forEach(sendMessage);
        if (page.length < REPLAY_PAGE || closed) break;
      }
      const state = await dialogState(ctx.prisma, dialogId);
      write(`event: status\ndata: ${JSON.stringify(state)}\n\n`);
      const buffered = pending;
      pending = null;
      buffered.forEach(sendEvent);
    } catch (error) {
      console.error('widget event stream error:', error);
      stop();
    }
  };
}
