// Delete on a chat row: the confirmation states how many dialogues and messages go with the chat
// (GET), then everything is removed in one transaction (POST). Replaces AdminJS' built-in delete,
// whose confirmation is a fixed text.
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';
import { chatDeletionSummary, deleteChat } from '../../../../chats/delete-chat.js';
import { auditEntry } from '../../../../audit/request-context.js';
import { chatSubject } from '../chat-audit.js';

export function deleteChatAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  const { adminOnly } = accessRules(ctx.users);
  return {
    actionType: 'record',
    icon: 'Trash2',
    variant: 'danger',
    component: ctx.components.DeleteChat,
    isAccessible: adminOnly,
    handler: async (request, _response, { record, resource, currentAdmin, h }) => {
      if (!record) throw new NotFoundError('chat not found', 'delete');
      const chatId = Number(record.id());
      if (request.method === 'get') {
        return { record: record.toJSON(currentAdmin), deletion: await chatDeletionSummary(ctx.prisma, chatId) };
      }
      const removed = await deleteChat(ctx.prisma, chatId, (chat, counts) => auditEntry('chat_deleted', chatSubject(chat), { id: chat.id, ...counts }));
      if (!removed) throw new NotFoundError('chat not found', 'delete');
      return {
        record: record.toJSON(currentAdmin),
        redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() ?? resource.id() }),
        notice: { message: 'chatDeleted', type: 'success', resourceId: 'Chat', options: { name: record.param('name'), ...removed } },
      };
    },
  };
}
