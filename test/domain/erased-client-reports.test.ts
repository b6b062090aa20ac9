// Which report files can hold an erased client's data: only filters that certainly leave out all
// of the client's dialogues (another chat, channel or client, or dates outside theirs) rule a file out.
import { filterCanIncludeClient, erasedReportReason, type ErasedClient } from '../../src/domain/erased-client-reports.js';

const client: ErasedClient = {
  chatId: 3, clientId: 40, channel: 'web',
  firstDialogAt: new Date('2026-03-01T10:00:00Z'), lastDialogAt: new Date('2026-03-05T18:00:00Z'),
};

describe('filterCanIncludeClient', () => {
  it.each([
    ['no filter (every dialogue)', {}, true],
    ['their chat', { chatId: 3 }, true],
    ['another chat', { chatId: 4 }, false],
    ['their channel', { channel: 'web' as const }, true],
    ['the other channel', { channel: 'facebook' as const }, false],
    ['another client', { clientId: 41 }, false],
    ['a range ending on their first dialogue', { createdTo: new Date('2026-03-01T10:00:00Z') }, true],
    ['a range ending before it', { createdTo: new Date('2026-03-01T09:59:59Z') }, false],
    ['a range starting after their last dialogue', { createdFrom: new Date('2026-03-05T18:00:01Z') }, false],
    ['a range between their dialogues', { createdFrom: new Date('2026-03-02T00:00:00Z'), createdTo: new Date('2026-03-03T00:00:00Z') }, true],
    // a status, operator, marker or text may have matched when the file was made
    ['status, operator, marker and text', { status: 'closed' as const, operatorId: 9, markerId: 2, text: 'nothing like it' }, true],
  ])('%s → %s', (_name, filter, expected) => {
    expect(filterCanIncludeClient(filter, client)).toBe(expected);
  });

  it('is never true for a client without dialogues', () => {
    expect(filterCanIncludeClient({}, { ...client, firstDialogAt: null, lastDialogAt: null })).toBe(false);
  });

  it('dates the reason by the UTC day', () => {
    expect(erasedReportReason(new Date('2026-12-02T23:30:00Z'))).toBe('Removed on 2026-12-02: a client whose data it held was erased');
  });
});
