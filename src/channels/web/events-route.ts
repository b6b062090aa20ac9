// GET /widget/api/:publicKey/events?dialogId&clientId&after — the dialogue's messages as
// Server-Sent Events, resumed losslessly after `after` (or the browser's Last-Event-ID) by
// channels/dialog-event-stream.ts. Here: the input, the ownership check and the caps on open
// streams, per dialogue (a client's tabs) and per address (someone minting client ids); the
// status is sent after the replay.
import type { Request, Response } from 'express';
import { streamDialogEvents } from '../../conversations/event-stream.js';
import type { WidgetChat } from './chat-directory.js';
import { findOwnedDialog, messagesAfter, dialogState } from './dialog-access.js';
import { dialogNotFound, publicMessage, type WidgetOptions, type WidgetServices } from './api-router.js';
import { parseEvents, WidgetError } from './validation.js';
import { StreamSlots, takeSlots } from '../../conversations/stream-slots.js';

const REPLAY_PAGE = 500;
/** Visitors behind one address (an office, a mobile carrier) each hold one stream per open chat. */
export const DEFAULT_MAX_STREAMS_PER_ADDRESS = 30;
/** A client that does not read its stream is dropped (it reconnects and replays what it missed). */
const MAX_BUFFERED_BYTES = 1 << 20;

export function eventStreamHandler(services: WidgetServices, options: WidgetOptions) {
  const { ctx } = services;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const perDialog = new StreamSlots(options.maxStreamsPerDialog ?? 5);
  const perAddress = new StreamSlots(options.maxStreamsPerAddress ?? DEFAULT_MAX_STREAMS_PER_ADDRESS);

  return async (req: Request, res: Response, chat: WidgetChat): Promise<void> => {
    const lastEventId = req.get('last-event-id');
    const input = parseEvents(req.query as Record<string, unknown>, lastEventId === '' ? undefined : lastEventId);
    if (!input.ok) throw input.error;
    const { dialogId, clientId, after } = input.value;
    // checked afresh, not through the owners' cache: an erased client's dialogues change owner
    // (their identifier is replaced), and a stream replays the whole dialogue
    if (!(await findOwnedDialog(ctx.prisma, chat.id, dialogId, clientId))) throw dialogNotFound();
    const release = takeSlots([[perDialog, dialogId], [perAddress, req.ip ?? 'unknown']]);
    if (!release) {
      throw new WidgetError('too_many', 'too_many_streams', 'Too many open streams for this dialogue or from this address.', { details: { retryAfter: 10 } });
    }

    await streamDialogEvents(req, res, {
      hub: ctx.hub,
      lifecycle: ctx.lifecycle,
      dialogId,
      after,
      loadMessagesAfter: (id, afterId, limit) => messagesAfter(ctx.sql, id, clientId, afterId, limit),
      heartbeatMs,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      onClose: release,
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
