// "Waiting for operator first" on the dialogue list: sorting by status orders the dialogues so that
// the active ones waiting for an operator come first (waitingFirstOrder, next to the rule in
// src/domain/dialog-status.ts). The list button of the same name opens the list sorted that way
// (the column header toggles it too).
import type { Action, ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';

export function waitingFirstAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  const { anyUser } = accessRules(ctx.users);
  return {
    actionType: 'resource',
    icon: 'Clock',
    component: false,
    isAccessible: anyUser,
    handler: async (_request, _response, { h, resource }) => ({
      redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() ?? resource.id(), search: '?sortBy=status&direction=asc' }),
    }),
  };
}
