// "Frame code" on a chat row: the HTML to paste into a website, built by src/domain/frame-code.ts.
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';
import { buildFrameCode } from '../../../../domain/frame-code.js';
import { baseUrlFor } from '../../../base-url.js';

export function frameCodeAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  const { anyUser } = accessRules(ctx.users);
  return {
    actionType: 'record',
    icon: 'Code',
    component: ctx.components.FrameCode,
    isAccessible: anyUser,
    hideActionHeader: true,
    handler: async (request, _response, { record, currentAdmin }) => {
      if (!record) throw new NotFoundError('chat not found', 'chatsFrameCode');
      const frameCode = buildFrameCode({
        baseUrl: baseUrlFor(ctx, request),
        publicKey: String(record.param('publicKey')),
        chatName: String(record.param('name')),
      });
      return { record: record.toJSON(currentAdmin), frameCode };
    },
  };
}
