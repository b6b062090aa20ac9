// The Chat resource: list with search by name, new, edit, delete, and the chat row actions.
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../prisma-resource.js';
import type { ChatsAdminContext } from '../context.js';
import { adminOnly, anyUser } from '../access.js';

export function chatResource(ctx: ChatsAdminContext): ResourceWithOptions {
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Chat'),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      titleProperty: 'name',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['id', 'name', 'allowedOrigins', 'priceWeb', 'priceFacebook', 'currency', 'fbPageName', 'createdAt'],
      filterProperties: ['name', 'createdAt'],
      editProperties: ['name', 'allowedOrigins', 'priceWeb', 'priceFacebook', 'currency', 'greeting', 'fallbackAnswer', 'inactivityTimeoutMinutes'],
      showProperties: ['id', 'name', 'publicKey', 'allowedOrigins', 'priceWeb', 'priceFacebook', 'currency', 'greeting', 'fallbackAnswer', 'inactivityTimeoutMinutes', 'fbPageName', 'fbPageId', 'fbConnectedAt', 'createdAt', 'updatedAt'],
      properties: {
        id: { isVisible: { list: true, show: true, edit: false, filter: false } },
        name: { isTitle: true, isRequired: true },
        publicKey: { isVisible: { list: false, show: true, edit: false, filter: false } },
        greeting: { type: 'textarea' },
        fallbackAnswer: { type: 'textarea' },
        botRules: { isVisible: false },
        fbPageTokenEnc: { isVisible: false },
        fbAppSecretEnc: { isVisible: false },
        fbVerifyToken: { isVisible: false },
      },
      actions: {
        list: { isAccessible: anyUser },
        show: { isAccessible: anyUser },
        search: { isAccessible: anyUser },
        new: { isAccessible: adminOnly },
        edit: { isAccessible: adminOnly },
        delete: { isAccessible: adminOnly },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
