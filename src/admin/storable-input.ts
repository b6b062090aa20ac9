// Every action of the plugin's resources refuses text the database cannot store (a NUL, half of
// an emoji: src/domain/storable-text.ts) anywhere in its form fields, query (filters, search) or
// URL parameters, before the action runs: a clear 400 instead of a database error, and nothing
// half-saved. One hook for all actions, so an action added later is covered too.
import type { Action, ActionRequest, ActionResponse, Before, ResourceWithOptions } from 'adminjs';
import { ChatsError } from '../domain/errors.js';
import { findUnstorable } from '../domain/storable-text.js';

const BUILT_IN_ACTIONS = ['new', 'edit', 'show', 'delete', 'list', 'search', 'bulkDelete'];

export const refuseUnstorableText: Before = async (request: ActionRequest) => {
  for (const part of [request.payload, request.query, request.params]) {
    if (findUnstorable(part) !== undefined) {
      throw new ChatsError('invalid', 'unstorable_text', 'The text contains a character that cannot be stored (a NUL character or half of an emoji); remove it and try again.');
    }
  }
  return request;
};

const asList = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/** The resource with the check in front of each action's own before hooks. */
export function withStorableInput(resource: ResourceWithOptions): ResourceWithOptions {
  type Actions = NonNullable<ResourceWithOptions['options']['actions']>;
  const actions = { ...(resource.options.actions ?? {}) } as unknown as Record<string, Partial<Action<ActionResponse>>>;
  for (const name of new Set([...BUILT_IN_ACTIONS, ...Object.keys(actions)])) {
    const action = actions[name] ?? {};
    actions[name] = { ...action, before: [refuseUnstorableText, ...asList<Before>(action.before)] };
  }
  return { ...resource, options: { ...resource.options, actions: actions as unknown as Actions } };
}
