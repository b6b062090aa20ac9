// The base URL printed into codes an admin copies (frame code, webhook URL): the configured public
// URL when there is one; otherwise the origin the admin's browser reports (the components pass
// `window.location.origin`), and as a last resort the request's Host header.
import type { ActionRequest } from 'adminjs';
import type { ChatsAdminContext } from '../context.js';
import { normalizeBaseUrl, normalizeOrigin } from '../domain/public-urls.js';

export function baseUrlFor(ctx: ChatsAdminContext, request: ActionRequest): string {
  const configured = ctx.publicUrl ? normalizeBaseUrl(ctx.publicUrl) : undefined;
  if (configured) return configured;
  const fromBrowser = typeof request.query?.origin === 'string' ? normalizeOrigin(request.query.origin) : undefined;
  if (fromBrowser) return fromBrowser;
  const host = hostHeader(request);
  return (host && normalizeOrigin(`http://${host}`)) || 'http://localhost';
}

/** @adminjs/express hands actions a copy of the Express request made with object spread, which
 * keeps `rawHeaders` but not Node's lazily computed `headers` getter. */
function hostHeader(request: ActionRequest): string | undefined {
  const { headers, rawHeaders } = request as { headers?: Record<string, unknown>; rawHeaders?: unknown };
  if (typeof headers?.host === 'string') return headers.host;
  if (!Array.isArray(rawHeaders)) return undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (String(rawHeaders[i]).toLowerCase() === 'host') return String(rawHeaders[i + 1]);
  }
  return undefined;
}
