// A small hand-made data set for the dashboard, with explicit times (all in UTC, "Z").
// Moscow is UTC+3 all year: 22:30Z is 01:30 the next day there.
//
// dialogue  chat  created (UTC)        status  transferred        first operator reply    markers
// D1        1     2026-03-01 10:00     closed  10:01              10:02    (60 s)         lead, order
// D2        1     2026-03-01 12:00     active  12:00              12:02    (120 s)        lead
// D3        2     2026-03-01 15:00     closed  15:00              15:05    (300 s)        complaint
// D4        1     2026-03-01 22:30     active  22:31              —  no operator response lead
// D5        2     2026-03-02 09:00     closed  09:00              09:10    (600 s)
// D6        1     2026-03-02 11:00     closed  —                  —                       order
// D7        1     2026-02-28 20:00     closed  —                  —                       lead   (before the period)
// D8        2     2026-03-03 21:30     active  —                  —                       complaint (03-04 in Moscow)
// D9        2     2026-03-02 20:50     active  2026-03-02 21:10   21:10:45 (45 s)          (transfer on 03-03 in Moscow)
import type { SqlRunner } from '../../src/db/sql-runner.js';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const DIALOGS: [number, number, string, 'active' | 'closed', string | null, string | null][] = [
  [1, 1, '2026-03-01T10:00:00Z', 'closed', '2026-03-01T10:01:00Z', '2026-03-01T10:02:00Z'],
  [2, 1, '2026-03-01T12:00:00Z', 'active', '2026-03-01T12:00:00Z', '2026-03-01T12:02:00Z'],
  [3, 2, '2026-03-01T15:00:00Z', 'closed', '2026-03-01T15:00:00Z', '2026-03-01T15:05:00Z'],
  [4, 1, '2026-03-01T22:30:00Z', 'active', '2026-03-01T22:31:00Z', null],
  [5, 2, '2026-03-02T09:00:00Z', 'closed', '2026-03-02T09:00:00Z', '2026-03-02T09:10:00Z'],
  [6, 1, '2026-03-02T11:00:00Z', 'closed', null, null],
  [7, 1, '2026-02-28T20:00:00Z', 'closed', null, null],
  [8, 2, '2026-03-03T21:30:00Z', 'active', null, null],
  [9, 2, '2026-03-02T20:50:00Z', 'active', '2026-03-02T21:10:00Z', '2026-03-02T21:10:45Z'],
];

const MESSAGES: [number, 'client' | 'bot' | 'operator' | 'system', string, string][] = [
  [1, 'client', '2026-03-01T10:00:00Z', 'Hello!'],
  [1, 'bot', '2026-03-01T10:00:05Z', 'Hi, how can I help?'],
  [1, 'client', '2026-03-01T10:00:30Z', '  Where is my   ORDER? '],
  [1, 'system', '2026-03-01T10:01:00Z', 'Transferred to an operator'],
  [1, 'operator', '2026-03-01T10:02:00Z', 'Let me check.'],
  [1, 'client', '2026-03-01T10:03:00Z', 'thank you'],
  [2, 'client', '2026-03-01T12:00:00Z', 'where is my order'],
  [2, 'operator', '2026-03-01T12:02:00Z', 'Checking'],
  [2, 'client', '2026-03-01T12:03:00Z', 'Thank you!!'],
  [3, 'client', '2026-03-01T15:00:00Z', 'Where is my order?!'],
  [3, 'operator', '2026-03-01T15:05:00Z', 'Hello'],
  [4, 'client', '2026-03-01T22:30:00Z', 'hello'],
  [4, 'system', '2026-03-01T22:31:00Z', 'Transferred to an operator'],
  [4, 'client', '2026-03-01T22:40:00Z', 'Anyone there?'],
  [5, 'client', '2026-03-02T09:00:00Z', 'Price?'],
  [5, 'bot', '2026-03-02T09:00:02Z', 'Our prices are on the site'],
  [5, 'operator', '2026-03-02T09:10:00Z', 'Hi'],
  [6, 'client', '2026-03-02T11:00:00Z', 'price'],
  [6, 'bot', '2026-03-02T11:00:01Z', 'Our prices are on the site'],
  [7, 'client', '2026-02-28T20:00:00Z', 'hello'],
  // a dialogue begun before the period, with a message inside it
  [7, 'client', '2026-03-01T08:00:00Z', 'hello'],
  [8, 'client', '2026-03-03T21:30:00Z', 'thank you.'],
  // nothing left after normalization: a client message, but no phrase
  [9, 'client', '2026-03-02T20:50:00Z', '?!'],
  [9, 'system', '2026-03-02T21:10:00Z', 'Transferred to an operator'],
  [9, 'operator', '2026-03-02T21:10:45Z', 'Yes?'],
];

const MARKERS: [number, string][] = [[1, 'lead'], [2, 'order'], [3, 'complaint']];
const DIALOG_MARKERS: [number, number][] = [[1, 1], [1, 2], [2, 1], [3, 3], [4, 1], [6, 2], [7, 1], [8, 3]];

export async function loadDashboardFixture(sql: Pick<SqlRunner, 'query'>): Promise<void> {
  await sql.query(`INSERT INTO chats (id, name, public_key, updated_at) VALUES
    (1, 'Alpha shop', 'pk-alpha', now()), (2, 'Beta bank', 'pk-beta', now())`);
  await sql.query(`INSERT INTO clients (id, chat_id, channel, external_id) VALUES (1, 1, 'web', 'c1'), (2, 2, 'web', 'c2')`);
  for (const [n, chat, created, status, transferred, replied] of DIALOGS) {
    await sql.query(
      `INSERT INTO dialogs (id, chat_id, client_id, channel, status, transferred_at, first_operator_reply_at, created_at)
       VALUES ($1, $2, $2, 'web', $3::"DialogStatus", $4, $5, $6)`,
      [id(n), chat, status, transferred, replied, created],
    );
  }
  for (const [n, author, sent, text] of MESSAGES) {
    await sql.query(`INSERT INTO messages (dialog_id, author_type, text, sent_at) VALUES ($1, $2::"AuthorType", $3, $4)`, [id(n), author, text, sent]);
  }
  for (const [markerId, name] of MARKERS) await sql.query('INSERT INTO markers (id, name) VALUES ($1, $2)', [markerId, name]);
  for (const [n, markerId] of DIALOG_MARKERS) {
    await sql.query('INSERT INTO dialog_markers (dialog_id, marker_id) VALUES ($1, $2)', [id(n), markerId]);
  }
}
