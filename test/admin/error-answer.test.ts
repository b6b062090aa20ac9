// The answer of every plugin action and page to a refusal: the table's status and one body.
import { ChatsError } from '../../src/domain/errors.js';
import { chatsErrorAnswer } from '../../src/admin/error-answer.js';

function respond() {
  const response = { code: 0, status(code: number) { response.code = code; return response; } };
  return response;
}

describe('admin answers to refusals', () => {
  it('sets the status of the kind and names a translated code in the notice, the field too', () => {
    const response = respond();
    const answer = chatsErrorAnswer(response, new ChatsError('invalid', 'text_empty', 'The message text is empty', { field: 'text' }));
    expect(response.code).toBe(400);
    expect(answer).toEqual({
      error: 'The message text is empty', code: 'text_empty', field: 'text',
      notice: { message: 'text_empty', type: 'error', options: { detail: 'The message text is empty' } },
      errors: { text: { message: 'text_empty' } },
    });
  });

  it('puts the English sentence in the notice when no text translates the code', () => {
    const response = respond();
    const answer = chatsErrorAnswer(response, new ChatsError('conflict', 'no_such_translation', 'This cannot be done now', { details: { days: 3 } }));
    expect(response.code).toBe(409);
    expect(answer.notice).toEqual({ message: 'This cannot be done now', type: 'error', options: { days: 3, detail: 'This cannot be done now' } });
    expect(answer.errors).toBeUndefined();
  });

  it('rethrows what is not a refusal, and answers a busy database 503', () => {
    const fault = new TypeError('record.params is undefined') // a bug, not the database going away (that is a 503);
    expect(() => chatsErrorAnswer(respond(), fault)).toThrow(fault);
    const response = respond();
    expect(chatsErrorAnswer(response, Object.assign(new Error('pool'), { code: 'P2024' })).code).toBe('busy');
    expect(response.code).toBe(503);
  });
});
