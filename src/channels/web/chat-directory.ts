// What the public widget routes know about a chat, looked up by its public key, and the origin
// rules. Chats are cached for a few seconds (bounded): every widget request needs one, and a
// changed list of allowed origins taking effect within seconds is fine.
import type { PrismaClient } from '@prisma/client';
import type { Request } from 'express';
import { normalizeOrigin } from '../../domain/public-urls.js';
import { isStorableText } from '../../domain/storable-text.js';
import { ownOrigins } from '../../http/own-origin.js';
import { SharedLoads } from '../../shared-loads.js';

export interface WidgetChat {
  id: number;
  publicKey: string;
  name: string;
  greeting: string | null;
  allowedOrigins: string[];
}

const MAX_CACHED = 10_000;

export class ChatDirectory {
  private readonly cache = new Map<string, { chat: WidgetChat | null; until: number }>();
  /** Requests that miss at the same moment share one lookup. */
  private readonly loads = new SharedLoads<string, WidgetChat | null>();

  constructor(private readonly prisma: PrismaClient, private readonly ttlMs = 5_000) {}

  async find(publicKey: string): Promise<WidgetChat | null> {
    // keys are generated tokens; anything longer than the column, or unstorable, cannot exist
    if (publicKey.length > 64 || !isStorableText(publicKey)) return null;
    const hit = this.cache.get(publicKey);
    if (hit && hit.until > Date.now()) return hit.chat;
    return this.loads.load(publicKey, () => this.load(publicKey));
  }

  private async load(publicKey: string): Promise<WidgetChat | null> {
    const row = await this.prisma.chat.findUnique({
      where: { publicKey },
      select: { id: true, publicKey: true, name: true, greeting: true, allowedOrigins: true },
    });
    // canonical form, so that comparisons with browser-sent origins are exact string matches
    const chat = row ? { ...row, allowedOrigins: row.allowedOrigins.map((o) => normalizeOrigin(o)).filter((o): o is string => !!o) } : null;
    this.cache.delete(publicKey);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    // unknown keys are cached too: a scanner guessing keys costs one query per key and TTL
    this.cache.set(publicKey, { chat, until: Date.now() + this.ttlMs });
    return chat;
  }
}

/**
 * Whether a browser request may call the widget API. The widget page runs on our own origin, so
 * its fetch and EventSource calls carry our origin (or no Origin header: same-origin GET). A
 * request from any other site's scripts carries that site's origin and is refused: this is what
 * stops a third-party page from opening dialogues or sending messages (which cost money) in a
 * chat through its visitors' browsers. The chat's allowed sites are accepted as well (they may
 * proxy the API). Non-browser clients send no Origin; the rate limits are what bound them.
 */
export function apiOriginAllowed(req: Request, chat: WidgetChat, publicUrl?: string): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false; // "null" (sandboxed frames, file:) and malformed values
  return ownOrigins(req, publicUrl).includes(normalized) || chat.allowedOrigins.includes(normalized);
}

/**
 * Who may embed the widget page: `frame-ancestors` of its Content-Security-Policy. The chat's
 * allowed origins, plus the app itself ('self': previews on our own pages). A chat without
 * allowed origins can be embedded nowhere else; the Frame code dialog tells admins to set them.
 */
export function frameAncestors(chat: WidgetChat): string {
  return ["'self'", ...chat.allowedOrigins].join(' ');
}
