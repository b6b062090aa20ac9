// Resources that mostly serve as references and filter choices: clients and markers.
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../prisma-resource.js';
import type { ChatsAdminContext } from '../../context.js';
import { adminOnly, anyUser } from '../access.js';

export function clientResource(ctx: ChatsAdminContext): ResourceWithOptions {
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Client'),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      titleProperty: 'externalId',
      listProperties: ['externalId', 'chat', 'channel', 'createdAt'],
      showProperties: ['id', 'externalId', 'chat', 'channel', 'createdAt'],
      filterProperties: ['externalId', 'chat', 'channel', 'createdAt'],
      properties: { externalId: { isTitle: true }, createdAt: { components: { list: ctx.components.ListText } } },
      actions: {
        list: { isAccessible: anyUser },
        // titled with the record's title (components/RecordActionHeader.tsx)
        show: { isAccessible: anyUser, custom: { recordTitle: true } },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}

export function markerResource(ctx: ChatsAdminContext): ResourceWithOptions {
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
