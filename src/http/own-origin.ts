// The app's own origin(s), as the browser sees them: what the admin's pages and the widget window
// are served from. Links printed for users (report links, frame code, webhook URL) and the check
// of where a state-changing request comes from (same-origin-guard.ts) both start here.
import type { Request } from 'express';
import { normalizeBaseUrl, normalizeOrigin } from '../domain/public-urls.js';

/**
 * The host this request was sent to: X-Forwarded-Host when it comes from a proxy the app trusts
 * ("trust proxy", like req.protocol and req.ip), the Host header otherwise. Unlike req.hostname
 * it keeps the port, which is part of the origin.
 */
function requestHost(req: Request): string | undefined {
  const trust = req.app?.get('trust proxy fn') as ((address: string | undefined, hop: number) => boolean) | undefined;
  const forwarded = req.get('x-forwarded-host');
  if (forwarded && trust?.(req.socket?.remoteAddress, 0)) return forwarded.split(',')[0].trim();
  return req.get('host');
}

/** The origin this request was made to ("https://chats.example.com:8443"), or undefined. */
export function requestOrigin(req: Request): string | undefined {
  const host = requestHost(req);
  return host ? normalizeOrigin(`${req.protocol}://${host}`) : undefined;
}

/** The app's own origins: the configured public URL's and the one this request was made to. */
export function ownOrigins(req: Request, publicUrl?: string): string[] {
  const origins: string[] = [];
  const configured = publicUrl ? normalizeBaseUrl(publicUrl) : undefined;
  if (configured) origins.push(new URL(configured).origin);
  const fromRequest = requestOrigin(req);
  if (fromRequest && !origins.includes(fromRequest)) origins.push(fromRequest);
  return origins;
}
