// Hidden record action `messagesPage`: one page of a dialogue's messages for the Show dialog
// screen (GET .../records/:id/chatsMessagesPage?after=<cursor>&limit=<n>).
import { ValidationError, type Action, type ActionResponse } from 'adminjs';
import { accessRules } from '../../../access.js';
import type { ChatsAdminContext } from '../../../../context.js';
import { loadMessagesPage } from '../../../../conversations/messages-page.js';
import { chatsErrorAnswer, type AdminResponse } from '../../../error-answer.js';

export function messagesPageAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  const { anyUser } = accessRules(ctx.users);
  return {
    actionType: 'record',
    isVisible: false,
    isAccessible: anyUser,
    component: false,
    handler: async (request, response, context) => {
      const { record, currentAdmin } = context;
      if (!record) throw new ValidationError({}, { message: 'No dialogue given', type: 'noRecord' });
      const query = (request.query ?? {}) as Record<string, string | undefined>;
      try {
        const page = await loadMessagesPage(ctx.prisma, String(record.id()), { after: query.after || undefined, limit: query.limit });
        return { record: record.toJSON(currentAdmin), ...page };
      } catch (error) {
        return { ...chatsErrorAnswer(response as AdminResponse, error), record: record.toJSON(currentAdmin) };
      }
    },
  };
}
