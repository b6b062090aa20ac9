// `isAccessible` predicates for AdminJS actions: the signed-in user's role (as ChatsUsers maps the
// host's currentAdmin) checked with the role rules of src/domain/roles.ts.
import type { ActionContext } from 'adminjs';
import { canRead, canWorkOnDialogs, isAdmin } from '../domain/roles.js';
import type { ChatsUsers } from '../users/users.js';

export type AccessCheck = (context: ActionContext) => boolean;

export interface AccessRules {
  adminOnly: AccessCheck;
  operatorsAndAdmins: AccessCheck;
  anyUser: AccessCheck;
}

export function accessRules(users: Pick<ChatsUsers, 'current'>): AccessRules {
  const userOf = (context: ActionContext) => users.current(context.currentAdmin);
  return {
    adminOnly: (context) => isAdmin(userOf(context)),
    operatorsAndAdmins: (context) => canWorkOnDialogs(userOf(context)),
    anyUser: (context) => canRead(userOf(context)),
  };
}
