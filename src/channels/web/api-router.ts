// The widget's JSON API, called by the chat window (src/widget/assets/chat-*.js) from our origin:
//   POST /widget/api/:publicKey/session  {clientId, create?}                     → the dialogue and its recent messages
//   POST /widget/api/:publicKey/messages {dialogId, clientId, clientMessageId, text} → 201 stored, 200 duplicate
//   POST /widget/api/:publicKey/visits   {dialogId, clientId, url, title?, at?}  → 201
//   GET  /widget/api/:publicKey/events?dialogId&clientId&after                  → SSE (event-stream.ts)
// Every request: unknown key 404, foreign Origin 403, invalid input 400, over the rate 429, and a
// dialogue is only ever reached with the client id that owns it (404 otherwise). Nothing is
// stored before all checks pass.
import express, { type Request, type Response, type Router } from 'express';
import type { ChatsAdminContext } from '../../context.js';
import { recordPageVisit } from '../../conversations/markers.js';
import { ChatDirectory, apiOriginAllowed, ownOrigins, type WidgetChat } from './chat-directory.js';
import { WidgetRateLimiter, DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limit.js';
import { DEFAULT_MAX_MESSAGE_LENGTH, parseMessage, parseSession, parseVisit, type WidgetError } from './validation.js';
import { eventStreamHandler } from './events-route.js';
import { DialogOwners, findOwnedDialog, recentMessages, dialogState } from './dialog-access.js';

export interface WidgetOptions {
  /** Longest client message, in characters. */
  maxMessageLength?: number;
  rateLimits?: RateLimitOptions;
  /** SSE comment line interval that keeps proxies from closing idle streams. */
  heartbeatMs?: number;
  /** Open event streams per dialogue (tabs of one client). */
  maxStreamsPerDialog?: number;
  /** How long a chat looked up by key is reused. */
  chatCacheMs?: number;
}

export interface WidgetServices {
  ctx: ChatsAdminContext;
  chats: ChatDirectory;
  limiter: WidgetRateLimiter;
  owners: DialogOwners;
  maxMessageLength: number;
}

type Handler = (req: Request, res: Response, chat: WidgetChat) => Promise<void>;

export function sendError(res: Response, error: WidgetError, headers: Record<string, string> = {}): void {
  res.status(error.status).set(headers).json({ error: error.error, message: error.message });
}

export function widgetServices(ctx: ChatsAdminContext, options: WidgetOptions): WidgetServices {
  return {
    ctx,
    chats: new ChatDirectory(ctx.prisma, options.chatCacheMs),
    limiter: new WidgetRateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS),
    owners: new DialogOwners(ctx.prisma),
    maxMessageLength: options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH,
  };
}

export function widgetApiRouter(services: WidgetServices, options: WidgetOptions = {}): Router {
  const { ctx, chats, limiter, owners, maxMessageLength } = services;
  const router = express.Router();
  // room for a message of the longest length in 4-byte characters, JSON escaping and the ids
  const json = express.json({ limit: maxMessageLength * 8 + 4096, strict: true, type: () => true });

  /** Chat by key, Origin check, JSON body, rate limit, then the handler; every error is JSON. */
  const route = (handler: Handler, withBody = true) => async (req: Request, res: Response) => {
    try {
      const chat = await chats.find(req.params.publicKey);
      if (!chat) return sendError(res, { status: 404, error: 'unknown_chat', message: 'There is no chat with this key.' });
      if (!apiOriginAllowed(req, chat, ctx.publicUrl)) {
        return sendError(res, { status: 403, error: 'origin_not_allowed', message: 'Requests from this origin are not allowed.' });
      }
      const bodyError = withBody ? await parseBody(req, res) : undefined;
      // invalid requests are charged too, so that a flood of junk is throttled like any other
      const source = withBody ? (req.body as Record<string, unknown> | undefined)?.clientId : req.query.clientId;
      const wait = limiter.take(chat.id, typeof source === 'string' ? source.slice(0, 64) : null, req.ip ?? 'unknown');
      if (wait) return sendError(res, { status: 429, error: 'rate_limited', message: `Too many requests; retry in ${wait} s.` }, { 'Retry-After': String(wait) });
      if (bodyError) return sendError(res, bodyError);
      await handler(req, res, chat);
    } catch (error) {
      const known = conversationError(error) ?? overloaded(error);
      if (res.headersSent) res.end();
      else if (known) sendError(res, known, known.status === 503 ? { 'Retry-After': '1' } : {});
      else sendError(res, { status: 500, error: 'internal_error', message: 'Something went wrong; please retry.' });
      if (!known) ctx.logger.error({ err: error, path: req.path }, 'widget API request failed');
    }
  };

  // JSON only: a form or text/plain post (what a cross-site <form> can send) is refused outright.
  const parseBody = (req: Request, res: Response) => new Promise<WidgetError | undefined>((resolve) => {
    if (!req.is('application/json')) return resolve({ status: 415, error: 'unsupported_media_type', message: 'Send the body as application/json.' });
    json(req, res, (error?: unknown) => {
      const type = (error as { type?: string } | undefined)?.type;
      if (!error) resolve(undefined);
      else if (type === 'entity.too.large') resolve({ status: 413, error: 'body_too_large', message: 'The request body is too large.' });
      else if (type === 'encoding.unsupported' || type === 'charset.unsupported') resolve({ status: 415, error: 'unsupported_encoding', message: 'Send the body as UTF-8 JSON.' });
      else resolve({ status: 400, error: 'malformed_json', message: 'The request body is not valid JSON.' });
    });
  });

  router.post('/widget/api/:publicKey/session', route(async (req, res, chat) => {
    const input = parseSession(req.body);
    if (!input.ok) return sendError(res, input.error);
    const { clientId, create } = input.value;
    let dialogId: string | null = null;
    let created = false;
    if (create) {
      ({ dialogId, created } = await ctx.conversations.resume({ chatId: chat.id, channel: 'web', externalId: clientId }));
    } else {
      // a returning visitor's page load: show an active dialogue, but never start one (a new
      // dialogue stores the greeting, a paid message) before the visitor opens the chat
      const active = await ctx.prisma.dialog.findFirst({
        where: { chatId: chat.id, channel: 'web', status: 'active', client: { externalId: clientId } },
        orderBy: { createdAt: 'desc' },
        select: { id: true },
      });
      dialogId = active?.id ?? null;
    }
    if (!dialogId) {
      res.json({ dialogId: null });
      return;
    }
    const [state, messages] = await Promise.all([dialogState(ctx.prisma, dialogId), recentMessages(ctx.prisma, dialogId, clientId)]);
    res.status(created ? 201 : 200).json({ dialogId, created, ...state, messages });
  }));

  router.post('/widget/api/:publicKey/messages', route(async (req, res, chat) => {
    const input = parseMessage(req.body, maxMessageLength);
    if (!input.ok) return sendError(res, input.error);
    const { dialogId, clientId, clientMessageId, text } = input.value;
    if (!(await owners.owns(chat.id, dialogId, clientId))) return sendError(res, notFound);
    // The conversation service stores the key once (unique index): a retry, even after the
    // dialogue closed, answers 200 with the stored message; a closed dialogue otherwise is 409.
    const externalId = `web:${clientId}:${clientMessageId}`;
    const result = await ctx.conversations.clientMessage({ dialogId, text, externalId, clientMessageId });
    res.status(result.duplicate ? 200 : 201).json({
      duplicate: result.duplicate,
      message: { ...publicMessage(result.message), clientMessageId },
      replies: result.replies.map(publicMessage),
    });
  }));

  router.post('/widget/api/:publicKey/visits', route(async (req, res, chat) => {
    const input = parseVisit(req.body, [...new Set([...chat.allowedOrigins, ...ownOrigins(req, ctx.publicUrl)])]);
    if (!input.ok) return sendError(res, input.error);
    const { dialogId, clientId, url, title, at } = input.value;
    const dialog = await findOwnedDialog(ctx.prisma, chat.id, dialogId, clientId);
    if (!dialog) return sendError(res, notFound);
    if (dialog.status === 'closed') return sendError(res, { status: 409, error: 'dialog_closed', message: 'This dialogue is closed; start a new session.' });
    await recordPageVisit(ctx.prisma, dialogId, { url, title, at });
    res.status(201).json({ ok: true });
  }));

  router.get('/widget/api/:publicKey/events', route(eventStreamHandler(services, options), false));

  // Anything else under the API: a JSON 404 rather than the host's HTML error page.
  router.use('/widget/api', (_req, res) => sendError(res, { status: 404, error: 'not_found', message: 'No such widget endpoint.' }));
  return router;
}

/** The conversation service's refusals (ConversationError: 400/404/409 with a code) as answers. */
function conversationError(error: unknown): WidgetError | null {
  const { name, status, code, message } = (error ?? {}) as { name?: string; status?: unknown; code?: unknown; message?: string };
  if (name !== 'ConversationError' || typeof status !== 'number' || typeof code !== 'string') return null;
  return { status, error: code, message: message ?? code };
}

/**
 * No database connection or transaction could be had in time (Prisma P2024/P2028): the server is
 * overloaded, not broken. 503 tells the widget to retry shortly (it does, with the same ids).
 */
function overloaded(error: unknown): WidgetError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'P2024' && code !== 'P2028') return null;
  return { status: 503, error: 'busy', message: 'The server is busy; retry in a moment.' };
}

// The same answer whether the dialogue does not exist or belongs to someone else: a client id
// must not learn which session ids exist.
export const notFound: WidgetError = { status: 404, error: 'dialog_not_found', message: 'No such dialogue for this client.' };

export interface PublicMessage { id: number; authorType: string; authorName: string | null; text: string; sentAt: string; clientMessageId?: string | null }

/** What a widget may see of a message (no operator ids, costs or delivery state). */
export function publicMessage(message: PublicMessage): PublicMessage {
  const { id, authorType, authorName, text, sentAt, clientMessageId } = message;
  return { id, authorType, authorName, text, sentAt, ...(clientMessageId ? { clientMessageId } : {}) };
}
