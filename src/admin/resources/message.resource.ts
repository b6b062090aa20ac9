// The Message resource: a read-only list with filters (dialogue, author type, date, text).
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../prisma-resource.js';
import type { ChatsAdminContext } from '../context.js';
import { anyUser } from '../access.js';

export function messageResource(ctx: ChatsAdminContext): ResourceWithOptions {
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Message'),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      sort: { sortBy: 'sentAt', direction: 'desc' },
      listProperties: ['sentAt', 'dialogId', 'authorType', 'authorName', 'text', 'cost'],
      filterProperties: ['dialogId', 'authorType', 'sentAt', 'text'],
      properties: {
        text: { type: 'textarea' },
        cost: { isSortable: true },
      },
      actions: {
        list: { isAccessible: anyUser },
        show: { isAccessible: anyUser },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
