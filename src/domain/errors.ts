// The one error type for refusals: what a user or a client program asked for cannot be done, and
// why. `kind` says what went wrong in words every transport understands (each maps it to its own
// status once: src/http/error-status.ts); `code` is a stable name for the exact case, which the
// browser translates or the widget script acts on; `message` is a complete English sentence.
// Anything thrown that is not a ChatsError is a fault of ours: logged, and answered with a generic
// message.
export const ERROR_KINDS = [
  'invalid', // the input is malformed or breaks a rule
  'unauthenticated', // nobody is signed in, or a request is not signed
  'forbidden', // signed in (or identified), but not allowed
  'not_found', // no such thing, or not for this caller
  'conflict', // not in this state (a closed dialogue, a report not ready yet)
  'too_large', // the request body is over the limit
  'unsupported', // a media type or encoding we do not take
  'too_many', // over a rate or count limit; retry later
  'unavailable', // the server is busy; retry shortly
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ChatsErrorOptions {
  /** The input field at fault, when there is one (forms show the message next to it). */
  field?: string;
  /** Values for the translated message ("days", "max"), or `retryAfter` seconds for too_many/unavailable. */
  details?: Record<string, string | number>;
  cause?: unknown;
}

export class ChatsError extends Error {
  readonly field?: string;
  readonly details?: Record<string, string | number>;

  constructor(readonly kind: ErrorKind, readonly code: string, message: string, options: ChatsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChatsError';
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
  }
}

export const isChatsError = (error: unknown): error is ChatsError => error instanceof ChatsError;
