// The Dialog resource: the dialogue list with its status, marker and text filters, and Show dialog.
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../prisma-resource.js';
import type { ChatsAdminContext } from '../context.js';
import { adminOnly, anyUser } from '../access.js';
import { isStatusFilterValue, statusFilterWhere, STATUS_FILTER_VALUES } from '../../domain/dialog-status.js';

export function dialogResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const resource = new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Dialog', {
    status: (value) => (isStatusFilterValue(value) ? statusFilterWhere(value) : { id: { in: [] } }),
    markers: (value) => (/^\d+$/.test(value) ? { markers: { some: { markerId: Number(value) } } } : { id: { in: [] } }),
    text: (value) => ({ messages: { some: { text: { contains: value, mode: 'insensitive' } } } }),
  });
  return {
    resource,
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['id', 'chatId', 'clientId', 'channel', 'status', 'createdAt', 'cost', 'operatorId'],
      filterProperties: ['status', 'chatId', 'channel', 'operatorId', 'markers', 'createdAt', 'clientId', 'text'],
      showProperties: ['id', 'createdAt', 'cost', 'clientId', 'chatId', 'channel', 'status', 'operatorId', 'transferredAt', 'firstOperatorReplyAt', 'closedAt'],
      properties: {
        id: { isTitle: true, isSortable: false },
        status: {
          availableValues: STATUS_FILTER_VALUES.map((value) => ({ value, label: value })),
        },
        cost: { isSortable: true },
        markers: {
          type: 'reference',
          reference: 'Marker',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        text: { type: 'string', isVisible: { list: false, show: false, edit: false, filter: true } },
        lastMessageAt: { isVisible: false },
        messageCount: { isVisible: { list: false, show: true, edit: false, filter: false } },
      },
      actions: {
        list: { isAccessible: anyUser },
        show: { isAccessible: anyUser },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: adminOnly },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
