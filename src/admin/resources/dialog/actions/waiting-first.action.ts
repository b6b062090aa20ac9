// "Waiting for operator first" on the dialogue list: sorting by status orders the dialogues so that
// the active ones waiting for an operator (transferred, no operator reply yet) come first, the
// longest waiting at the top; then the other active ones, then the closed ones. The list button
// of the same name opens the list sorted that way (the column header toggles it too).
import type { Action, ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';

type Direction = 'asc' | 'desc';
const flip = (direction: Direction): Direction => (direction === 'asc' ? 'desc' : 'asc');

/** Prisma orderBy for sortBy=status; 'desc' reverses it. Enum order: active before closed. */
export function waitingFirstOrder(direction: Direction = 'asc'): Record<string, unknown>[] {
  const nullsFirst = direction === 'asc' ? 'first' : 'last';
  return [
    { status: direction },
    // no operator reply yet (waiting, or bot only) before answered ones
    { firstOperatorReplyAt: { sort: direction, nulls: nullsFirst } },
    // among those, transferred ones (waiting) before bot-only ones, oldest transfer first
    { transferredAt: { sort: direction, nulls: nullsFirst === 'first' ? 'last' : 'first' } },
    { createdAt: flip(direction) },
    { id: flip(direction) },
  ];
}

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
