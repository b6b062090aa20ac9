import { PGlite } from '@electric-sql/pglite';
const db = new PGlite();
await db.waitReady;
await db.exec(`create table t (id int, u uuid, s text, d timestamptz, n numeric(14,4), b bool, o int)`);
const r = await db.query(`insert into t select * from unnest($1::int[], $2::uuid[], $3::text[], $4::timestamptz[], $5::numeric[], $6::bool[], $7::int[]) returning *`,
 [[1,2],['6f1c0b9e-3c1a-4b7e-9f1a-1a2b3c4d5e6f','6f1c0b9e-3c1a-4b7e-9f1a-1a2b3c4d5e60'],['a"b\\c,{}', 'Поддержка\nx'],[new Date('2026-01-01T00:00:00.123Z'), '2026-01-02T00:00:00.000Z'],['0.0200','1.5'],[true,false],[null,3]]);
console.log(r.rows);
