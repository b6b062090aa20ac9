// The widget's JSON API, called by the chat window (src/widget/assets/chat-*.js) from our origin:
//   POST /widget/api/:publicKey/session  {clientId, create?}                     → the dialogue and its recent messages
//   POST /widget/api/:publicKey/messages {dialogId, clientId, clientMessageId, text} → 201 stored, 200 duplicate
//   POST /widget/api/:publicKey/visits   {dialogId, clientId, url, title?, at?}  → 201
//   GET  /widget/api/:publicKey/events?dialogId&clientId&after                  → SSE (event-stream.ts)
// Every request: unknown key 404, foreign Origin 403, invalid input 400, over the rate 429, and a
// dialogue is only ever reached with the client id that owns it (404 otherwise). Nothing is
// stored before all checks pass. Handlers throw their refusals (ChatsErrors: the widget's own and
// the conversation service's); `route` answers them all in one place, with the status of their
// kind (src/http/error-status.ts) and `{ error: <code>, message }`.
import express, { type Request, type Response, type Router } from 'express';
import type { ChatsAdminContext } from '../../context.js';
import { ChatDirectory, apiOriginAllowed, type WidgetChat } from './chat-directory.js';
import { ownOrigins } from '../../http/own-origin.js';
import { WidgetRateLimiter, DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limit.js';
import { DEFAULT_MAX_MESSAGE_LENGTH, parseMessage, parseSession, parseVisit, WidgetError } from './validation.js';
import type { ChatsError } from '../../domain/errors.js';
import { asChatsError, errorHeaders, httpStatusOf } from '../../http/error-status.js';
import { eventStreamHandler } from './events-route.js';
import { DialogOwners, recentMessages, dialogState } from './dialog-access.js';

export interface WidgetOptions {
  /** Longest client message, in characters. */
  maxMessageLength?: number;
  rateLimits?: RateLimitOptions;
  /** SSE comment line interval that keeps proxies from closing idle streams. */
  heartbeatMs?: number;
  /** Open event streams per dialogue (tabs of one client). Default 5. */
  maxStreamsPerDialog?: number;
  /** Open event streams per client address, all dialogues together. Default 30. */
  maxStreamsPerAddress?: number;
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

/** The one answer of a refusal: its kind's status, Retry-After when it has one, code and message. */
export function sendError(res: Response, error: ChatsError): void {
  res.status(httpStatusOf(error)).set(errorHeaders(error)).json({ error: error.code, message: error.message });
}

/** "\ud83d\ude00": the longest JSON form of one character (code point) of a message. */
export const MAX_JSON_BYTES_PER_CHARACTER = 12;

const INTERNAL_ERROR = { error: 'internal_error', message: 'Something went wrong; please retry.' };

export function widgetServices(ctx: ChatsAdminContext, options: WidgetOptions): WidgetServices {
  return {
    ctx,
    chats: new ChatDirectory(ctx.prisma, options.chatCacheMs),
    limiter: new WidgetRateLimiter(ctx.createLimiter, options.rateLimits ?? DEFAULT_RATE_LIMITS),
    owners: new DialogOwners(ctx.prisma),
    maxMessageLength: options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH,
  };
}

export function widgetApiRouter(services: WidgetServices, options: WidgetOptions = {}): Router {
  const { ctx, chats, limiter, owners, maxMessageLength } = services;
  const router = express.Router();
  // room for a message of the longest length written the longest way: every character outside
  // the BMP (an emoji) as a \u-escaped surrogate pair, 12 bytes; plus the ids and field names
  const json = express.json({ limit: maxMessageLength * MAX_JSON_BYTES_PER_CHARACTER + 4096, strict: true, type: () => true });

  /** Chat by key, Origin check, JSON body, rate limit, then the handler; every error is JSON. */
  const route = (handler: Handler, withBody = true) => async (req: Request, res: Response) => {
    try {
      const chat = await chats.find(req.params.publicKey);
      if (!chat) throw new WidgetError('not_found', 'unknown_chat', 'There is no chat with this key.');
      if (!apiOriginAllowed(req, chat, ctx.publicUrl)) throw new WidgetError('forbidden', 'origin_not_allowed', 'Requests from this origin are not allowed.');
      const bodyError = withBody ? await parseBody(req, res) : undefined;
      // invalid requests are charged too, so that a flood of junk is throttled like any other
      const source = withBody ? (req.body as Record<string, unknown> | undefined)?.clientId : req.query.clientId;
      const wait = await limiter.take(chat.id, typeof source === 'string' ? source.slice(0, 64) : null, req.ip ?? 'unknown');
      if (wait) throw new WidgetError('too_many', 'rate_limited', `Too many requests; retry in ${wait} s.`, { details: { retryAfter: wait } });
      if (bodyError) throw bodyError;
      await handler(req, res, chat);
    } catch (error) {
      // a refusal of ours or of the conversation service; an overloaded database (retry shortly)
      const refusal = asChatsError(error);
      if (!refusal) ctx.logger.error({ err: error, path: req.path }, 'widget API request failed');
      if (res.headersSent) res.end();
      else if (refusal) sendError(res, refusal);
      else res.status(500).json(INTERNAL_ERROR);
    }
  };

  // JSON only: a form or text/plain post (what a cross-site <form> can send) is refused outright.
  const parseBody = (req: Request, res: Response) => new Promise<ChatsError | undefined>((resolve, reject) => {
    if (!req.is('application/json')) return resolve(new WidgetError('unsupported', 'unsupported_media_type', 'Send the body as application/json.'));
    json(req, res, (error?: unknown) => {
      if (!error) return resolve(undefined);
      const refusal = asChatsError(error); // too large, not UTF-8, not JSON
      return refusal ? resolve(refusal) : reject(error);
    });
  });

  router.post('/widget/api/:publicKey/session', route(async (req, res, chat) => {
    const input = parseSession(req.body);
    if (!input.ok) throw input.error;
    const { clientId, create } = input.value;
    let dialogId: string | null = null;
    let created = false;
    if (create) {
      ({ dialogId, created } = await ctx.conversations.resume({ chatId: chat.id, channel: 'web', externalId: clientId }));
    } else {
      // a returning visitor's page load: show an active dialogue, but never start one (a new
      // dialogue stores the greeting, a paid message) before the visitor opens the chat
      dialogId = await ctx.conversations.activeDialogOf({ chatId: chat.id, channel: 'web', externalId: clientId });
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
    if (!input.ok) throw input.error;
    const { dialogId, clientId, clientMessageId, text } = input.value;
    if (!(await owners.owns(chat.id, dialogId, clientId))) throw dialogNotFound();
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
    if (!input.ok) throw input.error;
    const { dialogId, clientId, url, title, at } = input.value;
    if (!(await owners.owns(chat.id, dialogId, clientId))) throw dialogNotFound();
    // a closed dialogue is refused (409 dialog_closed): the widget starts a new session
    await ctx.conversations.recordVisit(dialogId, { url, title, at });
    res.status(201).json({ ok: true });
  }));

  router.get('/widget/api/:publicKey/events', route(eventStreamHandler(services, options), false));

  // Anything else under the API: a JSON 404 rather than the host's HTML error page.
  router.use('/widget/api', (_req, res) => sendError(res, new WidgetError('not_found', 'not_found', 'No such widget endpoint.')));
  return router;
}

// The same answer whether the dialogue does not exist or belongs to someone else: a client id
// must not learn which session ids exist.
export const dialogNotFound = (): WidgetError => new WidgetError('not_found', 'dialog_not_found', 'No such dialogue for this client.');

export interface PublicMessage { id: number; authorType: string; authorName: string | null; text: string; sentAt: string; clientMessageId?: string | null }

/** What a widget may see of a message (no operator ids, costs or delivery state). */
export function publicMessage(message: PublicMessage): PublicMessage {
  const { id, authorType, authorName, text, sentAt, clientMessageId } = message;
  return { id, authorType, authorName, text, sentAt, ...(clientMessageId ? { clientMessageId } : {}) };
}
