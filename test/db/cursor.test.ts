import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';

describeEachDatabase('SQL cursor', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(() => db.drop());

  it('streams every row once, in batches, with bound parameters', async () => {
    const sizes: number[] = [];
    const seen: number[] = [];
    for await (const rows of db.sql.cursor<{ g: number }>('SELECT g FROM generate_series(1, $1::int) g ORDER BY g', [2500], 1000)) {
      sizes.push(rows.length);
      seen.push(...rows.map((r) => r.g));
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
  });

  it('lets other queries run between batches and cleans up when the reader stops early', async () => {
    for await (const rows of db.sql.cursor<{ g: number }>('SELECT g FROM generate_series(1, 5000) g', [], 100)) {
      expect(rows).toHaveLength(100);
      expect(await db.prisma.chat.count()).toBe(0);
      break;
    }
    const open = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_cursors WHERE name LIKE 'chats_cursor_%'");
    expect(open[0].n).toBe(0);
  });
});
