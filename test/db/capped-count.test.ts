// The capped dialogue count gives min(exact count, cap) whichever way it settles a text search:
// through the matching messages alone (all seen, or enough distinct dialogues) or by the plain
// capped count when the messages seen name too few dialogues.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { countDialoguesUpTo } from '../../src/db/capped-count.js';
import { dialogFilterSql } from '../../src/db/dialog-filter-sql.js';
import type { DialogFilter } from '../../src/domain/dialog-filter.js';

describeEachDatabase('capped dialogue count', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // dialogue 1: 40 messages with "refund"; dialogues 2..9: one each; 10..12: none; 1..6 in chat 1
    await db.sql.exec(`
      INSERT INTO chats (name, public_key, updated_at) VALUES ('a', 'cc-a', now()), ('b', 'cc-b', now());
      INSERT INTO clients (chat_id, channel, external_id) VALUES (1, 'web', 'a'), (2, 'web', 'b');
      INSERT INTO dialogs (id, chat_id, client_id, channel, created_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, CASE WHEN i <= 6 THEN 1 ELSE 2 END, CASE WHEN i <= 6 THEN 1 ELSE 2 END, 'web',
             TIMESTAMPTZ '2026-01-01Z' + i * interval '1 hour'
      FROM generate_series(1, 12) i;
      INSERT INTO messages (dialog_id, author_type, text, sent_at)
      SELECT '00000000-0000-4000-8000-000000000001'::uuid, 'client', 'refund please ' || i, TIMESTAMPTZ '2026-01-01Z' + i * interval '1 second' FROM generate_series(1, 40) i;
      INSERT INTO messages (dialog_id, author_type, text, sent_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'client', 'a REFUND?', TIMESTAMPTZ '2026-01-02Z' FROM generate_series(2, 9) i;
      INSERT INTO markers (name) VALUES ('lead'), ('order');
      INSERT INTO dialog_markers (dialog_id, marker_id) SELECT id, 1 FROM dialogs WHERE created_at < TIMESTAMPTZ '2026-01-01 10:00Z';`);
  });
  afterAll(() => db?.drop());

  const exact = async (filter: DialogFilter) => {
    const { sql, params } = dialogFilterSql(filter);
    return (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM dialogs d WHERE ${sql}`, params))[0].n;
  };

  const filters: DialogFilter[] = [
    { text: 'refund' }, { text: 'refund', chatId: 1 }, { text: 'refund', chatId: 2 }, { text: 'nothing' }, { chatId: 2 }, {},
    { markerId: 1 }, { markerId: 1, chatId: 2 }, { markerId: 2 }, { markerId: 1, text: 'refund' },
  ];
  it.each(filters.flatMap((filter) => [1, 2, 3, 5, 8, 9, 10, 100].map((cap) => [JSON.stringify(filter), cap, filter] as const)))(
    '%s up to %i', async (_name, cap, filter) => {
      expect(await countDialoguesUpTo(db.sql, filter, cap)).toBe(Math.min(await exact(filter), cap));
    });
});
