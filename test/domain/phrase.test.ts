// Phrase normalization: the TypeScript reference on tricky inputs, and the SQL expression the
// "Popular phrases" report uses giving exactly the same results on both databases.
import { normalizePhrase } from '../../src/domain/phrase.js';
import { normalizedPhraseSql } from '../../src/reports/sql/phrase.sql.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';

const CASES: [string, string][] = [
  ['ПРИВЕТ!!!', 'привет'],
  ['  Hello   world  ', 'hello world'],
  ['Thank\tyou\n', 'thank you'],
  ['line one\r\n\r\nline two', 'line one line two'],
  ['no\u00A0break\u3000ideographic\u2003em', 'no break ideographic em'],
  ['Really?!.', 'really'],
  ['wait …', 'wait'],
  ['thanks…', 'thanks'],
  ['你好。', '你好'],
  ['ok 👍', 'ok 👍'],
  ['👍!!', '👍'],
  ['see you :)', 'see you :)'],
  ['¿Qué?', '¿qué'],
  ['"quoted."', '"quoted."'],
  ['a . . .', 'a'],
  ['İSTANBUL', 'istanbul'],
  ['ΌΣΟΣ', 'όσοσ'],
  ['ÄÖÜ Straße', 'äöü straße'],
  ['order #123-45', 'order #123-45'],
  ['?!.', ''],
  ['…', ''],
  [' \t\n ', ''],
  ['', ''],
];

describe('normalizePhrase', () => {
  it.each(CASES)('%j → %j', (input, expected) => {
    expect(normalizePhrase(input)).toBe(expected);
  });
});

describeEachDatabase('normalizedPhraseSql', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(() => db.drop());

  it('gives the same phrase as normalizePhrase for every case', async () => {
    const rows = await db.sql.query<{ i: number; phrase: string }>(
      `SELECT i, ${normalizedPhraseSql('t.text')} AS phrase
       FROM unnest($1::text[]) WITH ORDINALITY AS t(text, i) ORDER BY i`,
      [CASES.map(([input]) => input)],
    );
    expect(rows.map((r) => r.phrase)).toEqual(CASES.map(([, expected]) => expected));
  });
});
