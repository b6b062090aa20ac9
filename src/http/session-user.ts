// The signed-in user of a request to the admin's own routes (report download, live stream): the
// AdminJS session keeps what `authenticate` returned under `adminUser`, which ChatsUsers maps.
import type { Request } from 'express';
import type { ChatsAdminContext } from '../context.js';
import type { CurrentUser } from '../domain/roles.js';

/** What `authenticate` returned, as the session keeps it. */
export function sessionAdmin(req: Request): unknown {
  return (req as Request & { session?: { adminUser?: unknown } }).session?.adminUser;
}

export function sessionUser(ctx: Pick<ChatsAdminContext, 'users'>, req: Request): CurrentUser | null {
  return ctx.users.current(sessionAdmin(req));
}
