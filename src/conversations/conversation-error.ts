// What the conversation service refuses, for every channel and the operators: a message text that
// is empty or too long, a dialogue that does not exist or is closed. The codes reach the widget
// script and the admin's translations as they are.
import { ChatsError, type ErrorKind } from '../domain/errors.js';
import { httpStatusOf } from '../http/error-status.js';

export type ConversationErrorCode = 'text_empty' | 'text_too_long' | 'dialog_not_found' | 'dialog_closed';

const KIND: Record<ConversationErrorCode, ErrorKind> = {
  text_empty: 'invalid', text_too_long: 'invalid', dialog_not_found: 'not_found', dialog_closed: 'conflict',
};

export class ConversationError extends ChatsError {
  declare readonly code: ConversationErrorCode;

  constructor(code: ConversationErrorCode, message: string) {
    super(KIND[code], code, message, code === 'text_empty' || code === 'text_too_long' ? { field: 'text' } : {});
    this.name = 'ConversationError';
  }

  /** The HTTP status the transports answer it with (400, 404, 409), from the one table. */
  get status(): number {
    return httpStatusOf(this);
  }
}

/** No dialogue with this id (also what a malformed id gets: it cannot name one). */
export class DialogNotFoundError extends ConversationError {
  constructor(readonly dialogId: string) {
    super('dialog_not_found', `Dialogue ${dialogId} does not exist`);
    this.name = 'DialogNotFoundError';
  }
}
