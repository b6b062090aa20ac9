// Markers: labels bot rules set on dialogues; admins may add and rename them.
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import { accessRules } from '../../access.js';

export function markerResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { adminOnly, anyUser } = accessRules(ctx.users);
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Marker'),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      titleProperty: 'name',
      properties: { name: { isTitle: true }, createdAt: { components: { list: ctx.components.ListText } } },
      actions: {
        list: { isAccessible: anyUser },
        // titled with the record's title (components/RecordActionHeader.tsx)
        show: { isAccessible: anyUser, custom: { recordTitle: true } },
        search: { isAccessible: anyUser },
        new: { isAccessible: adminOnly },
        edit: { isAccessible: adminOnly },
        delete: { isAccessible: adminOnly },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
