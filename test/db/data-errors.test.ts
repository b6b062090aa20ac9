// Which failures of a write are permanent (the value can never be stored) and which are not,
// as the drivers and Prisma report them on both databases.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { isDataException, sqlStateOf } from '../../src/db/data-errors.js';

const failure = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
};

describeEachDatabase('data exceptions', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(() => db.drop());

  it('recognises NUL and an overlong value, through the SQL runner and through Prisma', async () => {
    const viaSql = await failure(() => db.sql.query("SELECT convert_from('\\x00'::bytea, 'UTF8') || $1", ['x']));
    expect(sqlStateOf(viaSql)).toMatch(/^22/);
    expect(isDataException(viaSql)).toBe(true);
    const viaPrisma = await failure(() => db.prisma.marker.create({ data: { name: 'nul\u0000name' } }));
    expect(isDataException(viaPrisma)).toBe(true);
    const tooLong = await failure(() => db.prisma.chat.create({ data: { name: 'x'.repeat(5000), publicKey: 'too-long-name' } }));
    expect(isDataException(tooLong)).toBe(true);
  });

  it('does not take other failures for one: a unique violation, a missing table', async () => {
    await db.prisma.marker.create({ data: { name: 'twice' } });
    expect(isDataException(await failure(() => db.prisma.marker.create({ data: { name: 'twice' } })))).toBe(false);
    expect(isDataException(await failure(() => db.sql.query('SELECT * FROM no_such_table')))).toBe(false);
  });
});
