// "View dialogs" on a chat row: the dialogue list filtered to this chat. The query parameter is the
// one the Dialog list reads (FILTER_PARAMS), so the two screens cannot drift apart.
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';
import { FILTER_PARAMS } from '../../../../domain/dialog-filter.js';

export function viewDialogsAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  const { anyUser } = accessRules(ctx.users);
  return {
    actionType: 'record',
    icon: 'MessageSquare',
    component: false,
    isAccessible: anyUser,
    handler: async (_request, _response, { record, currentAdmin, h }) => {
      if (!record) throw new NotFoundError('chat not found', 'chatsViewDialogs');
      const search = `?${new URLSearchParams({ [FILTER_PARAMS.chatId]: String(record.id()) })}`;
      return { record: record.toJSON(currentAdmin), redirectUrl: h.resourceUrl({ resourceId: 'Dialog', search }) };
    },
  };
}
