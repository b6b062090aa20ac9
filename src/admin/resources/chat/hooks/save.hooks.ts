// `before` hooks of the chat's New and Edit actions: only the form fields get through (the public
// key, Facebook columns and timestamps are server-managed), values are validated and normalised,
// and a new chat gets its public key. Errors go back per field as an AdminJS ValidationError.
import { flat, ValidationError, type ActionContext, type ActionRequest, type PropertyErrors } from 'adminjs';
import { CHAT_FORM_FIELDS, hasErrors, validateChatInput, type ChatFormMode, type FieldErrors } from '../../../../domain/chat-validation.js';
import { newPublicKey } from '../../../../domain/public-key.js';

/** `detail` (e.g. a regular expression's syntax error) rides along for the bot rules editor. */
export function toPropertyErrors(errors: FieldErrors, details: Record<string, string> = {}): PropertyErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [
    field, { message, type: 'validation', ...(details[field] ? { detail: details[field] } : {}) },
  ]));
}

export function chatSaveHook(mode: ChatFormMode) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post') return request;
    // AdminJS runs `before` hooks ahead of its access check: refuse first, so that users who may
    // not save get "forbidden" rather than validation feedback
    context.action.canInvokeAction(context);
    const submitted = flat.unflatten<Record<string, unknown>, Record<string, unknown>>(request.payload ?? {});
    const input = Object.fromEntries(CHAT_FORM_FIELDS.map((field) => [field, submitted[field]]));
    const { values, errors, details } = validateChatInput(input, mode);
    if (hasErrors(errors)) throw new ValidationError(toPropertyErrors(errors, details));
    const payload: Record<string, unknown> = { ...values };
    if (mode === 'create') payload.publicKey = newPublicKey();
    return { ...request, payload };
  };
}
