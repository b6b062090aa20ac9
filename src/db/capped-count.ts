// Counting the rows of a list up to a cap, in SQL (src/admin/capped-total.ts says why a cap).
// COUNT over a LIMITed subquery with no ORDER BY: Prisma's count with `take` orders by id, which
// turns a cheap count into a walk of the primary key; here the planner reads the rows through
// whatever index suits the filter and stops at the cap.
import type { SqlRunner } from './sql-runner.js';
import type { SqlFragment } from './dialog-filter-sql.js';
import { dialogFilterSql } from './dialog-filter-sql.js';
import { escapeLike } from './like-pattern.js';
import type { DialogFilter } from '../domain/dialog-filter.js';

type QueryRunner = Pick<SqlRunner, 'query'>;

/** Rows of `from` (a table and alias) meeting `where`, counted up to `cap`. */
export async function countUpTo(sql: QueryRunner, from: string, where: SqlFragment, cap: number): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where.sql} LIMIT ${Math.trunc(cap)}) c`, where.params);
  return row.n;
}

// A text search is settled through the matching messages first (trigram index): PROBE_FACTOR × cap
// of them name enough distinct dialogues for a common word, or all of them for a rare one.
const PROBE_FACTOR = 5;

/** Dialogues meeting `filter`, counted up to `cap` (the same dialogues as dialogFilterSql). */
export async function countDialoguesUpTo(sql: QueryRunner, filter: DialogFilter, cap: number): Promise<number> {
  if (filter.text === undefined) {
    if (filter.markerId === undefined) return countUpTo(sql, 'dialogs d', dialogFilterSql(filter), cap);
    // from the marker's rows (one per dialogue), each dialogue checked by its key: a LATERAL with
    // LIMIT keeps the planner from a merge join that walks the whole primary key
    const { markerId, ...others } = filter;
    const rest = dialogFilterSql(others, 'd', 2);
    return countUpTo(sql, `dialog_markers dm CROSS JOIN LATERAL (SELECT 1 FROM dialogs d WHERE d.id = dm.dialog_id AND ${rest.sql} LIMIT 1) x`,
      { sql: 'dm.marker_id = $1', params: [markerId, ...rest.params] }, cap);
  }
  const { text, ...rest } = filter;
  const others = dialogFilterSql(rest, 'd', 3);
  const probe = cap * PROBE_FACTOR;
  const [row] = await sql.query<{ messages: number; dialogues: number }>(`
    WITH probe AS MATERIALIZED (SELECT dialog_id FROM chats_text_match_dialogs($1, $2::int) AS dialog_id)
    SELECT (SELECT count(*) FROM probe)::int AS messages,
           (SELECT count(*) FROM dialogs d WHERE d.id IN (SELECT dialog_id FROM probe) AND ${others.sql})::int AS dialogues`,
  [`%${escapeLike(text)}%`, probe, ...others.params]);
  if (row.messages < probe) return Math.min(row.dialogues, cap); // every matching message was seen: exact
  if (row.dialogues >= cap) return cap; // at least this many
  return countUpTo(sql, 'dialogs d', dialogFilterSql(filter), cap);
}
