// What changing or deleting a built-in account does besides the row: the last admin can be
// neither demoted nor deleted, and the account's other sessions end when its role or password
// changes (the session_version trigger raised the version) or when it is deleted. The session of
// the admin making the change lives on with the new version when they changed their own account.
import { ValidationError, type ActionContext, type ActionRequest, type ActionResponse } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { isRole, LAST_ADMIN_MESSAGE, leavesNoAdmin } from '../../../../domain/roles.js';
import type { AccountSessions } from '../../../../accounts/account-sessions.js';

const recordId = (context: ActionContext): number => Number(context.record?.id());

/** Before edit and delete: refuses to leave no admin. */
export const keepAnAdmin = (prisma: PrismaClient, action: 'edit' | 'delete') => async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
  const from = context.record?.params.role;
  if (!isRole(from) || (action === 'edit' && request.method !== 'post')) return request;
  const wanted = (request.payload as Record<string, unknown> | undefined)?.role;
  const to = action === 'delete' ? null : isRole(wanted) ? wanted : from;
  if (from !== 'admin' || to === 'admin') return request;
  if (leavesNoAdmin(from, to, await prisma.adminUser.count({ where: { role: 'admin' } }))) {
    throw new ValidationError(action === 'edit' ? { role: { message: LAST_ADMIN_MESSAGE } } : {}, { message: LAST_ADMIN_MESSAGE, type: 'lastAdmin' });
  }
  return request;
};

/** After edit and delete: ends the sessions made before the change. */
export const endOutdatedSessions = (prisma: PrismaClient, accounts: AccountSessions | undefined, action: 'edit' | 'delete') =>
  async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const id = recordId(context);
    if (!accounts || !Number.isInteger(id) || response.notice?.type === 'error') return response;
    if (action === 'delete') {
      await accounts.endSessionsOf(id);
      return response;
    }
    accounts.forget(id);
    const row = await prisma.adminUser.findUnique({ where: { id }, select: { sessionVersion: true } });
    if (!row) return response;
    const self = context.currentAdmin as { id?: unknown; sessionVersion?: number } | undefined;
    // the admin's own session is the one making the change: it stays, with the new version
    if (self && Number(self.id) === id) self.sessionVersion = row.sessionVersion;
    await prisma.session.deleteMany({
      where: { data: { path: ['adminUser', 'id'], equals: id }, NOT: { data: { path: ['adminUser', 'sessionVersion'], equals: row.sessionVersion } } },
    });
    return response;
  };
