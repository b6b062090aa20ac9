// Operators: the people dialogues, messages and reports refer to (src/users/users.ts records them
// on first use). Read-only here: who they are and what they may do is the host's user management.
// Everyone may search them: the dialogue list's Operator filter picks from them.
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import { accessRules } from '../../access.js';

export function operatorResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { adminOnly, anyUser } = accessRules(ctx.users);
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Operator'),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      titleProperty: 'name',
      listProperties: ['name', 'email', 'createdAt'],
      showProperties: ['name', 'email', 'userKey', 'createdAt', 'updatedAt'],
      filterProperties: ['name', 'email'],
      properties: {
        name: { isTitle: true, components: { list: ctx.components.ListText, show: ctx.components.ShowOrDash } },
        email: { components: { list: ctx.components.ListText, show: ctx.components.ShowOrDash } },
        createdAt: { components: { list: ctx.components.ListText } },
      },
      actions: {
        list: { isAccessible: adminOnly },
        show: { isAccessible: adminOnly, custom: { recordTitle: true } },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
