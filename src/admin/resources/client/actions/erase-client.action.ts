// "Erase client" (admins only), a record action of the Client resource and, for the dialogue's
// client, of the Dialog resource. GET answers what will go (components/EraseClient.tsx shows it as
// the confirmation, with what stays); POST erases (src/privacy/client-erasure.ts) and answers a
// notice with what was removed, redirecting to the client. Refusals (no such client, the audit
// log unavailable: 503) are answered with their status and message (src/admin/error-answer.ts).
import { NotFoundError, type Action, type ActionResponse, type RecordActionResponse } from 'adminjs';
import type { BaseRecord } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';
import { ClientErasure } from '../../../../privacy/client-erasure.js';
import { chatsErrorAnswer, type AdminResponse } from '../../../error-answer.js';
import { currentAuditSource } from '../../../../audit/request-context.js';

export type ErasureActionName = 'chatsErase' | 'chatsEraseClient';

/** `clientIdOf`: the client of the record (the record itself, or a dialogue's client). */
export function eraseClientAction(ctx: ChatsAdminContext, name: ErasureActionName, clientIdOf: (record: BaseRecord) => number): Partial<Action<ActionResponse>> {
  const { adminOnly } = accessRules(ctx.users);
  const erasure = () => new ClientErasure({ prisma: ctx.prisma, sql: ctx.sql, audit: ctx.audit, conversations: ctx.conversations, reportFiles: ctx.reports.files });
  return {
    name,
    actionType: 'record',
    icon: 'UserX',
    variant: 'danger',
    component: ctx.components.EraseClient,
    isAccessible: adminOnly,
    handler: async (request, response, { record, currentAdmin, h }): Promise<RecordActionResponse> => {
      if (!record) throw new NotFoundError('record not found', name);
      const clientId = clientIdOf(record);
      const json = record.toJSON(currentAdmin);
      try {
        if (request.method !== 'post') {
          return { record: json, erasure: { clientId, counts: await erasure().previewErasure(clientId) } };
        }
        const { actor, address } = currentAuditSource();
        const removed = await erasure().eraseClient(clientId, actor, address);
        return {
          record: json,
          redirectUrl: h.recordActionUrl({ resourceId: 'Client', recordId: String(clientId), actionName: 'show' }),
          notice: { message: 'clientErased', type: 'success', options: { ...removed } },
          removed,
        };
      } catch (error) {
        return { ...chatsErrorAnswer(response as AdminResponse, error), record: json };
      }
    },
  };
}
