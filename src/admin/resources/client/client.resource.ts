// Clients: the people who talk to a chat (a widget id or a Facebook PSID); a reference and filter
// choice of dialogues, read-only but for "Erase client" (admins, src/privacy/client-erasure.ts).
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import { accessRules } from '../../access.js';
import { cappedTotalList } from '../../capped-total.js';
import { eraseClientAction } from './actions/erase-client.action.js';

export function clientResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { anyUser } = accessRules(ctx.users);
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Client', { cappedCount: true }),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      titleProperty: 'externalId',
      listProperties: ['externalId', 'chat', 'channel', 'createdAt'],
      showProperties: ['id', 'externalId', 'chat', 'channel', 'createdAt'],
      filterProperties: ['externalId', 'chat', 'channel', 'createdAt'],
      properties: { externalId: { isTitle: true }, createdAt: { components: { list: ctx.components.ListText } } },
      actions: {
        list: { isAccessible: anyUser, ...cappedTotalList(ctx.components) },
        // titled with the record's title (components/RecordActionHeader.tsx)
        show: { isAccessible: anyUser, custom: { recordTitle: true } },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
        chatsErase: eraseClientAction(ctx, 'chatsErase', (record) => Number(record.id())),
      },
    },
  };
}
