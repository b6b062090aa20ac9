// GET <rootPath>/chats-live/dialogs/:id/events — a dialogue's new messages and status changes as
// Server-Sent Events, for the dialogue page of the admin (components/DialogShow.tsx). Mounted on
// the admin root path after the AdminJS router, whose session middleware sets req.session; any
// signed-in user who may read dialogues may watch. The stream starts with the current status; each
// message event carries the message id as the SSE id, so EventSource's own reconnect sends
// Last-Event-ID and gets the messages it missed replayed from the database. Open streams are
// capped per user and per address (429 with Retry-After): each holds a connection for hours.
import { Router } from 'express';
import type { ChatsAdminContext } from '../context.js';
import { canRead, canWorkOnDialogs } from '../domain/roles.js';
import { sessionUser } from './session-user.js';
import type { StatusEvent } from '../conversations/live-hub.js';
import { streamDialogEvents } from '../conversations/event-stream.js';
import { ChatsError } from '../domain/errors.js';
import { StreamSlots, takeSlots } from '../conversations/stream-slots.js';

const REPLAY_LIMIT = 500;
/** A watcher that does not read its stream is dropped (it reconnects and replays). */
const MAX_BUFFERED_BYTES = 1 << 20;

export interface AdminLiveOptions {
  heartbeatMs?: number;
  /** Open dialogue streams per signed-in user (one per open dialogue page). Default 10. */
  maxStreamsPerUser?: number;
  /** Open dialogue streams per client address, all users together. Default 30. */
  maxStreamsPerAddress?: number;
}

const tooManyStreams = () => new ChatsError('too_many', 'too_many_streams', 'Too many dialogues are open live; close some dialogue pages and reload.', { details: { retryAfter: 10 } });

/** `mine`: the dialogue's operator is the watching user (the page then offers no "Take"). */
function statusData(event: StatusEvent, myOperatorId: number | null) {
  const operatorId = event.operatorId ?? null;
  return { status: event.status, waitingForOperator: event.waitingForOperator, operatorId, mine: operatorId !== null && operatorId === myOperatorId, reason: event.reason ?? null };
}

export function adminLiveRouter(ctx: ChatsAdminContext, options: AdminLiveOptions = {}): Router {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const perUser = new StreamSlots(options.maxStreamsPerUser ?? 10);
  const perAddress = new StreamSlots(options.maxStreamsPerAddress ?? 30);
  const router = Router();
  router.get('/chats-live/dialogs/:id/events', async (req, res, next) => {
    const user = sessionUser(ctx, req);
    if (!user || !canRead(user)) return next(new ChatsError('unauthenticated', 'loginRequired', 'Log in to follow dialogues'));
    const dialogId = req.params.id;
    let after = Number(req.get('last-event-id') ?? req.query.after ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) after = 0;
    let status: StatusEvent;
    let myOperatorId: number | null = null;
    try {
      status = await ctx.conversations.statusOf(dialogId);
      // someone who may take the dialogue is an operator from here on (their row is created once)
      if (canWorkOnDialogs(user)) myOperatorId = (await ctx.users.operatorOf(user)).id;
      // a page opened afresh has rendered the history itself: from its newest message on, what
      // another instance stores arrives as news and is replayed after it
      if (after === 0) after = (await ctx.prisma.message.findFirst({ where: { dialogId }, orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
    } catch (error) {
      // an unknown dialogue is a ConversationError: adminErrorHandler answers it 404
      return next(error);
    }
    const release = takeSlots([[perUser, user.id], [perAddress, req.ip ?? 'unknown']]);
    if (!release) return next(tooManyStreams());

    await streamDialogEvents(req, res, {
      hub: ctx.hub,
      lifecycle: ctx.lifecycle,
      dialogId,
      after,
      loadMessagesAfter: async (id, afterId, limit) => {
        const rows = await ctx.prisma.message.findMany({
          where: { dialogId: id, id: { gt: afterId } },
          orderBy: { id: 'asc' },
          take: limit,
          select: { id: true, dialogId: true, authorType: true, authorName: true, text: true, sentAt: true, operator: { select: { name: true, email: true } } },
        });
        return rows.map((row) => ({ ...row, authorName: row.authorName ?? row.operator?.name ?? row.operator?.email ?? null, sentAt: row.sentAt.toISOString() }));
      },
      heartbeatMs,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      onClose: release,
      retryMs: 3000,
      replayPageSize: REPLAY_LIMIT,
      replayPages: 1,
      messageData: ({ id, authorType, authorName, text, sentAt }) => ({ id, authorType, authorName, text, sentAt }),
      statusData: (event) => statusData(event, myOperatorId),
      statusBeforeReplay: statusData(status, myOperatorId),
      logger: ctx.logger,
      errorLabel: 'admin live dialogue stream failed',
    });
    return undefined;
  });
  return router;
}
