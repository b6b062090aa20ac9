// GET <rootPath>/chats-live/dialogs/:id/events — a dialogue's new messages and status changes as
// Server-Sent Events, for the dialogue page of the admin (components/DialogShow.tsx). Mounted on
// the admin root path after the AdminJS router, whose session middleware sets req.session; any
// signed-in user who may read dialogues may watch. The stream starts with the current status; each
// message event carries the message id as the SSE id, so EventSource's own reconnect sends
// Last-Event-ID and gets the messages it missed replayed from the database.
import { Router, type Request } from 'express';
import type { ChatsAdminContext } from '../admin/context.js';
import { canRead, type CurrentUser } from '../auth/roles.js';
import type { LiveEvent, LiveMessage } from '../channels/live-hub.js';
import { ConversationError } from '../channels/conversation.js';

const REPLAY_LIMIT = 500;
/** A watcher that does not read its stream is dropped (it reconnects and replays). */
const MAX_BUFFERED_BYTES = 1 << 20;

export interface AdminLiveOptions { heartbeatMs?: number }

function currentUser(req: Request): CurrentUser | undefined {
  return (req as Request & { session?: { adminUser?: CurrentUser } }).session?.adminUser;
}

export function adminLiveRouter(ctx: ChatsAdminContext, options: AdminLiveOptions = {}): Router {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const router = Router();
  router.get('/chats-live/dialogs/:id/events', async (req, res, next) => {
    if (!canRead(currentUser(req))) return res.status(401).json({ error: 'Log in to follow dialogues' });
    const dialogId = req.params.id;
    let after = Number(req.get('last-event-id') ?? req.query.after ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) after = 0;
    let status: LiveEvent;
    try {
      status = await ctx.conversations.statusOf(dialogId);
    } catch (error) {
      if (error instanceof ConversationError) return res.status(404).json({ error: 'Not found' });
      return next(error);
    }

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let closed = false;
    let lastSent = after;
    let pending: LiveEvent[] | null = []; // events that arrive during the replay
    const write = (chunk: string) => {
      if (closed) return;
      res.write(chunk);
      if (res.writableLength > MAX_BUFFERED_BYTES) stop();
    };
    const sendMessage = (message: LiveMessage) => {
      if (message.id <= lastSent) return;
      lastSent = message.id;
      const { id, authorType, authorName, text, sentAt } = message;
      write(`id: ${id}\nevent: message\ndata: ${JSON.stringify({ id, authorType, authorName, text, sentAt })}\n\n`);
    };
    const send = (event: LiveEvent) => {
      if (event.type === 'message') sendMessage(event.message);
      else write(`event: status\ndata: ${JSON.stringify({ status: event.status, waitingForOperator: event.waitingForOperator, operatorId: event.operatorId ?? null, reason: event.reason ?? null })}\n\n`);
    };
    const unsubscribe = ctx.hub.subscribe(dialogId, (event) => (pending ? pending.push(event) : send(event)));
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref();
    function stop() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    }
    // the response's close: the connection went away (the request's may fire earlier or not at all)
    res.on('close', stop);

    try {
      write('retry: 3000\n\n');
      send(status);
      if (after > 0) {
        const missed = await ctx.prisma.message.findMany({
          where: { dialogId, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: REPLAY_LIMIT,
          select: { id: true, dialogId: true, authorType: true, authorName: true, text: true, sentAt: true, operator: { select: { name: true, email: true } } },
        });
        for (const row of missed) {
          sendMessage({ ...row, authorName: row.authorName ?? row.operator?.name ?? row.operator?.email ?? null, sentAt: row.sentAt.toISOString() });
        }
      }
      const buffered = pending;
      pending = null;
      buffered.forEach(send);
    } catch (error) {
      console.error('admin live stream error:', error);
      stop();
    }
    return undefined;
  });
  return router;
}
