// How the plugin's AdminJS actions and pages answer a refusal (a ChatsError): the HTTP status of
// its kind (src/http/error-status.ts) and one body that the components read:
//   { error: <English sentence>, code, field?, details?,
//     notice: { type: 'error', message, options: { detail: <English sentence>, ...details } },
//     errors?: { [field]: { message } } }
// The notice's message is the code when the plugin's texts translate it (the browser shows it in
// the user's language), else the English sentence: a bare code must never reach the user.
// Anything else is rethrown: AdminJS hands it to http/admin-errors.ts, which logs it and answers 500.
import type { ChatsError } from '../domain/errors.js';
import { asChatsError, httpStatusOf } from '../http/error-status.js';
import { translations } from './locale/index.js';

export interface AdminErrorAnswer {
  error: string;
  code: string;
  field?: string;
  details?: Record<string, string | number>;
  notice: { message: string; type: 'error'; options: Record<string, string | number> };
  errors?: Record<string, { message: string }>;
}

/** What the handlers get as `response`: Express' in @adminjs/express, maybe nothing in tests. */
export type AdminResponse = { status?: (code: number) => unknown } | undefined;

type Tree = { [key: string]: unknown };

/** Keys of `messages` at the top of the plugin's English texts and in every resource's. */
function translatedMessageKeys(): Set<string> {
  const english = translations.en as Tree;
  const scopes = [english.messages, ...Object.values((english.resources ?? {}) as Record<string, Tree>).map((resource) => resource.messages)];
  return new Set(scopes.flatMap((messages) => (messages && typeof messages === 'object' ? Object.keys(messages) : [])));
}

const TRANSLATED = translatedMessageKeys();

export function noticeMessage(error: ChatsError): string {
  return TRANSLATED.has(error.code) ? error.code : error.message;
}

/** Sets the status of a refusal and returns its body; rethrows anything that is not a refusal. */
export function chatsErrorAnswer(response: AdminResponse, error: unknown): AdminErrorAnswer {
  const refusal = asChatsError(error);
  if (!refusal) throw error;
  response?.status?.(httpStatusOf(refusal));
  const message = noticeMessage(refusal);
  return {
    error: refusal.message,
    code: refusal.code,
    ...(refusal.field !== undefined ? { field: refusal.field } : {}),
    ...(refusal.details !== undefined ? { details: refusal.details } : {}),
    notice: { message, type: 'error', options: { ...refusal.details, detail: refusal.message } },
    ...(refusal.field !== undefined ? { errors: { [refusal.field]: { message } } } : {}),
  };
}
