// What a Messenger webhook body holds for us: the client messages to store. Everything else is
// counted and dropped. Shape (https://developers.facebook.com/docs/messenger-platform/webhooks):
//   { object: 'page', entry: [{ id: PAGE_ID, time, messaging: [{ sender: { id: PSID },
//     recipient: { id: PAGE_ID }, timestamp, message: { mid, text, attachments?, quick_reply?, is_echo? } }] }] }
// `entry` and `messaging` may both hold several items (Meta batches).
import { createHash } from 'node:crypto';
import { isStorableText, storableText } from '../../domain/storable-text.js';
//
// Decisions:
// - Echoes (`is_echo`: the page's own messages, including the ones we sent) are dropped.
// - Attachments without text (images, stickers, files, locations), delivery and read receipts,
//   reactions, referrals and opt-ins are dropped: the product stores text messages only.
// - A postback (the person tapped a button, "Get Started" included) is stored as a client message
//   with the button's title as its text: Messenger shows that title in the thread as what the
//   person said, and it is how many conversations start. Its idempotency key is the postback's
//   `mid`, or sender and timestamp for old payloads without one.
// - Items for another page than the chat's (entry id or recipient id) are dropped: "unknown page".
// - Texts and sender ids are made storable (NUL and lone surrogates become U+FFFD, see
//   domain/storable-text.ts); an unstorable mid is hashed like a long one, so it stays a unique key.

export interface IncomingMessage {
  psid: string;
  /** Idempotency key of the message: "fb:<mid>". */
  externalId: string;
  text: string;
  at: Date;
  kind: 'text' | 'postback';
}

export interface IgnoredCounts { echo: number; nonText: number; otherPage: number; malformed: number }

export interface ParsedWebhook {
  /** False when `object` is not "page" (an Instagram or user subscription sent to this URL). */
  isPage: boolean;
  messages: IncomingMessage[];
  ignored: IgnoredCounts;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown): string | null => {
  if (!isObject(value)) return null;
  const id = value.id;
  return typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : null;
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function parseWebhook(body: unknown, pageId: string): ParsedWebhook {
  const ignored: IgnoredCounts = { echo: 0, nonText: 0, otherPage: 0, malformed: 0 };
  const messages: IncomingMessage[] = [];
  if (!isObject(body) || body.object !== 'page') return { isPage: false, messages, ignored };
  for (const entry of list(body.entry)) {
    if (!isObject(entry)) { ignored.malformed++; continue; }
    const items = list(entry.messaging);
    if (String(entry.id ?? '') !== pageId) { ignored.otherPage += Math.max(items.length, 1); continue; }
    for (const item of items) {
      const outcome = readItem(item, pageId);
      if (typeof outcome === 'string') ignored[outcome]++;
      else messages.push(outcome);
    }
  }
  return { isPage: true, messages, ignored };
}

function readItem(item: unknown, pageId: string): IncomingMessage | keyof IgnoredCounts {
  if (!isObject(item)) return 'malformed';
  const message = isObject(item.message) ? item.message : null;
  if (message?.is_echo === true) return 'echo';
  const sender = idOf(item.sender);
  const psid = sender === null ? null : storableText(sender);
  if (idOf(item.recipient) !== pageId) return psid ? 'otherPage' : 'malformed';
  if (!psid) return 'malformed';
  const at = typeof item.timestamp === 'number' && Number.isFinite(item.timestamp) ? new Date(item.timestamp) : new Date();
  if (message) {
    const mid = typeof message.mid === 'string' ? message.mid : null;
    const text = typeof message.text === 'string' ? message.text : '';
    if (!mid) return 'malformed';
    if (!text.trim()) return 'nonText';
    return { psid, externalId: externalId(mid), text: storableText(text), at, kind: 'text' };
  }
  if (isObject(item.postback)) {
    const { title, payload, mid } = item.postback;
    const text = typeof title === 'string' && title.trim() ? title : typeof payload === 'string' ? payload : '';
    if (!text.trim()) return 'nonText';
    const key = typeof mid === 'string' && mid ? mid : `postback:${psid}:${at.getTime()}`;
    return { psid, externalId: externalId(key), text: storableText(text), at, kind: 'postback' };
  }
  // delivery, read, reaction, referral, optin, ...
  return 'nonText';
}

// messages.external_id holds 200 characters; real mids are about 100, a longer one is hashed, and
// so is one that could not be stored (its UTF-16 code units are hashed: distinct mids stay distinct)
function externalId(key: string): string {
  const id = `fb:${key}`;
  if (id.length <= 200 && isStorableText(id)) return id;
  return `fb:sha256:${createHash('sha256').update(isStorableText(key) ? key : Buffer.from(key, 'utf16le')).digest('hex')}`;
}
