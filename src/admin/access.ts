// `isAccessible` predicates for AdminJS actions, built on the role rules in src/auth/roles.ts.
import type { ActionContext } from 'adminjs';
import { canRead, canWorkOnDialogs, isAdmin, type CurrentUser } from '../domain/roles.js';

const userOf = (context: ActionContext): CurrentUser | undefined => context.currentAdmin as CurrentUser | undefined;

export const adminOnly = (context: ActionContext): boolean => isAdmin(userOf(context));
export const operatorsAndAdmins = (context: ActionContext): boolean => canWorkOnDialogs(userOf(context));
export const anyUser = (context: ActionContext): boolean => canRead(userOf(context));
export const nobody = (): boolean => false;
