// Admin users (admins only). The password is a write-only virtual field, hashed before saving.
import type { ActionRequest, ResourceWithOptions } from 'adminjs';
import { ValidationError } from 'adminjs';
import { ChatsPrismaResource } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import { accessRules } from '../../access.js';
import { hashPassword } from '../../../accounts/password.js';
import { endOutdatedSessions, keepAnAdmin } from './hooks/account-changes.hooks.js';
import { adminUserAudit } from './admin-user-audit.js';

const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function preparePassword(request: ActionRequest, isNew: boolean): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request;
  const { password, ...rest } = request.payload as Record<string, string>;
  const errors: Record<string, { message: string }> = {};
  if (rest.email !== undefined) {
    rest.email = String(rest.email).trim().toLowerCase();
    if (!EMAIL.test(rest.email)) errors.email = { message: 'Enter a valid email address' };
  }
  if (isNew && !password) errors.password = { message: 'A password is required' };
  if (password && password.length < MIN_PASSWORD_LENGTH) {
    errors.password = { message: `The password must have at least ${MIN_PASSWORD_LENGTH} characters` };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const payload: Record<string, unknown> = { ...rest };
  delete payload.passwordHash;
  if (password) payload.passwordHash = await hashPassword(password);
  return { ...request, payload };
}

export function adminUserResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { adminOnly } = accessRules(ctx.users);
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'AdminUser', { serverOnly: ['passwordHash', 'sessionVersion'], audit: adminUserAudit }),
    options: {
      navigation: { name: 'administration', icon: 'Users' },
      titleProperty: 'email',
      listProperties: ['email', 'name', 'role', 'createdAt'],
      filterProperties: ['email', 'name', 'role'],
      editProperties: ['email', 'name', 'role', 'password'],
      showProperties: ['email', 'name', 'role', 'createdAt'],
      properties: {
        email: { isTitle: true, isRequired: true },
        // "—" on the show page for a user without a name
        name: { components: { list: ctx.components.ListText, show: ctx.components.ShowOrDash } },
        createdAt: { components: { list: ctx.components.ListText } },
        passwordHash: { isVisible: false },
        sessionVersion: { isVisible: false },
        password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
      },
      actions: {
        list: { isAccessible: adminOnly },
        // titled with the user's email (components/RecordActionHeader.tsx)
        show: { isAccessible: adminOnly, custom: { recordTitle: true } },
        // nothing refers to accounts: only admins look them up
        search: { isAccessible: adminOnly },
        new: { isAccessible: adminOnly, before: (request: ActionRequest) => preparePassword(request, true) },
        edit: {
          isAccessible: adminOnly,
          before: [(request: ActionRequest) => preparePassword(request, false), keepAnAdmin(ctx.prisma, 'edit')],
          after: endOutdatedSessions(ctx.prisma, ctx.accounts, 'edit'),
        },
        delete: { isAccessible: adminOnly, before: keepAnAdmin(ctx.prisma, 'delete'), after: endOutdatedSessions(ctx.prisma, ctx.accounts, 'delete') },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
