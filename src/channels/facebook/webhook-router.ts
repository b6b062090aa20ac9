// The Messenger webhook of one chat: /webhooks/facebook/<chat public key> (the URL shown on the
// chat's Connect Facebook screen, src/domain/public-urls.ts).
//   GET  verification: hub.mode=subscribe and the chat's verify token → the challenge; else 403.
//   POST events: X-Hub-Signature-256 checked over the raw bytes (missing or malformed 401, wrong
//        403, nothing stored either way), then text messages and postbacks are stored as client
//        messages of the sender's (PSID) facebook dialogue; everything else is acknowledged and
//        dropped (src/facebook/events.ts).
// Unknown chat key, or a chat without a Facebook connection: 404. The routes throw their refusals
// (ChatsErrors); the error handler at the end answers them with their kind's status
// (src/http/error-status.ts) in plain text, and anything else with a logged 500.
//
// Meta delivers at least once: each message is stored under "fb:<mid>" (messages.external_id is
// unique), so a redelivery stores nothing. Storing is a few inserts, so it is awaited before the
// 200: Meta's 20 s timeout is far away, and a failure of the database answers 500 so that Meta
// delivers again. What the database cannot store (NUL, a lone surrogate) is cleaned beforehand
// (webhook-events.ts), so no payload is refused forever.
// Replies to Facebook users are never sent from here: the bot's answers are queued and sent by the
// delivery worker (src/facebook/delivery-worker.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ChatsAdminContext } from '../../context.js';
import { FacebookConnections } from './connection.js';
import { SecretBoxError } from '../../domain/secret-box.js';
import { ChatsError } from '../../domain/errors.js';
import { asChatsError, errorHeaders, httpStatusOf } from '../../http/error-status.js';
import { parseWebhook, type IncomingMessage } from './webhook-events.js';
import { isDataException } from '../../db/data-errors.js';
import { isStorableText } from '../../domain/storable-text.js';

export const FACEBOOK_WEBHOOK_PATH = '/webhooks/facebook/:publicKey';
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
const BODY_LIMIT = '1mb';

const unknownChat = () => new ChatsError('not_found', 'unknown_chat', 'Unknown chat');

export function facebookWebhookRouter(ctx: ChatsAdminContext): Router {
  const router = express.Router();
  const connections = new FacebookConnections(ctx.prisma, ctx.secret);

  const connectedChat = async (publicKey: string) => {
    if (!isStorableText(publicKey)) return null; // no stored key holds NUL or half an emoji
    const chat = await ctx.prisma.chat.findUnique({ where: { publicKey }, select: { id: true, fbConnectedAt: true, fbVerifyToken: true } });
    return chat?.fbConnectedAt && chat.fbVerifyToken ? { id: chat.id, verifyToken: chat.fbVerifyToken } : null;
  };

  router.get(FACEBOOK_WEBHOOK_PATH, async (req, res, next) => {
    try {
      const chat = await connectedChat(req.params.publicKey);
      if (!chat) throw unknownChat();
      const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = req.query;
      if (mode !== 'subscribe' || typeof token !== 'string' || !sameText(token, chat.verifyToken) || typeof challenge !== 'string') {
        throw new ChatsError('forbidden', 'verification_failed', 'Verification failed');
      }
      text(res, 200, challenge);
    } catch (error) {
      next(error);
    }
  });

  // Unknown chats and unsigned requests are turned away before their body is read.
  const precheck = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const chat = await connectedChat(req.params.publicKey);
      if (!chat) throw unknownChat();
      if (!SIGNATURE.test(req.get('x-hub-signature-256')?.trim() ?? '')) {
        throw new ChatsError('unauthenticated', 'signature_missing', 'Missing or malformed X-Hub-Signature-256');
      }
      res.locals.facebookChatId = chat.id;
      next();
    } catch (error) {
      next(error);
    }
  };

  // The signature covers the exact bytes Meta sent (re-serialised JSON differs: Meta escapes
  // non-ASCII characters and slashes), so the body is read raw, whatever its Content-Type.
  router.post(FACEBOOK_WEBHOOK_PATH, precheck, express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res, next) => {
    try {
      const chatId = res.locals.facebookChatId as number;
      if (!Buffer.isBuffer(req.body) && (req as Request & { _body?: boolean })._body) {
        // a host's body parser ran first: the raw bytes are gone and no signature can be checked
        ctx.logger.error({ chatId }, 'Facebook webhook: the request body was parsed before this router; mount the public router before any body parser');
        return text(res, 500, 'Webhook misconfigured');
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = SIGNATURE.exec(req.get('x-hub-signature-256')?.trim() ?? '') as RegExpExecArray;
      const credentials = await connections.credentials(chatId);
      if (!credentials) throw unknownChat();
      const expected = createHmac('sha256', credentials.appSecret).update(raw).digest();
      if (!timingSafeEqual(expected, Buffer.from(signature[1], 'hex'))) throw new ChatsError('forbidden', 'signature_mismatch', 'Signature mismatch');

      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ChatsError('invalid', 'malformed_json', 'Malformed JSON');
      }
      const { messages } = parseWebhook(body, credentials.pageId);
      await storeAll(chatId, messages);
      text(res, 200, 'EVENT_RECEIVED');
    } catch (error) {
      next(error);
    }
  });

  // One after another, in the order Meta sent them: batches are small, and concurrent stores of
  // one payload would only race each other (dialogue starts, new markers) for nothing. A message
  // the database can never take (its texts are cleaned first, so this is a last resort) is logged
  // and skipped: failing the batch would have Meta redeliver it, and fail, forever.
  async function storeAll(chatId: number, messages: IncomingMessage[]): Promise<void> {
    for (const message of messages) {
      try {
        await storeOne(chatId, message);
      } catch (error) {
        if (!isDataException(error)) throw error; // the database is away: 500, Meta delivers again
        ctx.logger.warn({ err: error, chatId, externalId: message.externalId }, 'Facebook webhook: a message could not be stored and was skipped');
      }
    }
  }

  // receive() checks "fb:<mid>" before resuming the dialogue (a redelivery after the dialogue
  // closed opens nothing), serialises a client's dialogue start, and takes a concurrent
  // redelivery's unique-key violation as a duplicate.
  async function storeOne(chatId: number, message: IncomingMessage): Promise<void> {
    await ctx.conversations.receive(
      { chatId, channel: 'facebook', externalId: message.psid },
      { text: fitText(message.text, ctx.conversations.maxTextLength), externalId: message.externalId, at: message.at },
    );
  }

  router.use(FACEBOOK_WEBHOOK_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    // ours, and body-parser's own: too large (413), aborted or bad encoding (400/415)
    const refusal = asChatsError(error);
    if (refusal) {
      res.set(errorHeaders(refusal));
      return text(res, httpStatusOf(refusal), refusal.message);
    }
    if (error instanceof SecretBoxError) {
      ctx.logger.error({}, 'Facebook webhook: the stored app secret does not decrypt (was SECRET changed?); connect the page again');
    } else {
      ctx.logger.error({ err: error }, 'Facebook webhook request failed');
    }
    text(res, 500, 'Internal error');
  });

  return router;
}

function text(res: Response, status: number, body: string): void {
  res.status(status).set('X-Content-Type-Options', 'nosniff').type('text/plain').send(body);
}

/** Constant-time comparison of two strings (of any lengths: digests are compared, not the texts). */
function sameText(a: string, b: string): boolean {
  const digest = (value: string) => createHmac('sha256', 'compare').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A longer text than the conversation service accepts is cut (rather than refused forever by 500s). */
function fitText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max - 1);
  // never leave half of a surrogate pair (an emoji) at the end
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
