// The base URL printed into what users copy or open later (frame code, webhook URL, the report's
// dialogue links): the configured public URL when there is one, otherwise the origin the request
// was sent to (Host, or a trusted proxy's X-Forwarded-*). Never a value the requester passes as
// a parameter: an operator could otherwise plant another host in links that admins open.
import type { ActionRequest } from 'adminjs';
import type { Request } from 'express';
import type { ChatsAdminContext } from '../context.js';
import { normalizeBaseUrl } from '../domain/public-urls.js';
import { requestOrigin } from '../http/own-origin.js';

export function baseUrlFor(ctx: ChatsAdminContext, request: ActionRequest): string {
  const configured = ctx.publicUrl ? normalizeBaseUrl(ctx.publicUrl) : undefined;
  if (configured) return configured;
  const incoming = expressRequest(request);
  return (incoming && requestOrigin(incoming)) || 'http://localhost';
}

/** @adminjs/express hands actions a shallow copy of the Express request, which loses its getters
 * (protocol, headers); its `res.req` is the Express request itself. */
function expressRequest(request: ActionRequest): Request | undefined {
  const original = (request as { res?: { req?: Request } }).res?.req;
  return original && typeof original.get === 'function' ? original : undefined;
}
