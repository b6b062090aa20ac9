// GET /widget/api/:publicKey/events?dialogId&clientId&after — the dialogue's messages as
// Server-Sent Events, resumed losslessly after `after` (or the browser's Last-Event-ID) by
// channels/dialog-event-stream.ts. Here: the input, the ownership check and the per-dialogue cap
// on open streams; the status is sent after the replay.
import type { Request, Response } from 'express';
import { streamDialogEvents } from '../../conversations/event-stream.js';
import type { WidgetChat } from './chat-directory.js';
import { messagesAfter, dialogState } from './dialog-access.js';
import { dialogNotFound, publicMessage, type WidgetOptions, type WidgetServices } from './api-router.js';
import { parseEvents, WidgetError } from './validation.js';

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
    if (!input.ok) throw input.error;
    const { dialogId, clientId, after } = input.value;
    if (!(await services.owners.owns(chat.id, dialogId, clientId))) throw dialogNotFound();
    if ((open.get(dialogId) ?? 0) >= maxStreams) {
      throw new WidgetError('too_many', 'too_many_streams', 'Too many open streams for this dialogue.', { details: { retryAfter: 10 } });
    }
    open.set(dialogId, (open.get(dialogId) ?? 0) + 1);

    await streamDialogEvents(req, res, {
      hub: ctx.hub,
      lifecycle: ctx.lifecycle,
      dialogId,
      after,
      loadMessagesAfter: (id, afterId, limit) => messagesAfter(ctx.sql, id, clientId, afterId, limit),
      heartbeatMs,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      onClose: () => {
        const left = (open.get(dialogId) ?? 1) - 1;
        if (left > 0) open.set(dialogId, left);
        else open.delete(dialogId);
      },
      retryMs: 2000,
      replayPageSize: REPLAY_PAGE,
      messageData: publicMessage,
      statusData: ({ status, waitingForOperator }) => ({ status, waitingForOperator }),
      statusAfterReplay: () => dialogState(ctx.prisma, dialogId),
      logger: ctx.logger,
      errorLabel: 'widget event stream failed',
    });
  };
}
