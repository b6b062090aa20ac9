// Response times in SQL, shared by "Chat sessions with operator metrics" and "Productivity".
// The rules are those of src/domain/response-times.ts (the reference the tests compare with).
//
// How: the client and operator messages of the handled dialogues are read in one order
// (dialogue, time, id) and window functions mark, on each operator message at/after the transfer:
// - ops_before = in-window operator messages before it: 0 means it is the first reply, which
//   answers the wait that began at the transfer (no transfer: no wait, the operator joined unasked);
// - otherwise it answers a wait only if the message just before it is the client's, and that wait
//   began at the latest "client run start": a client message right after an operator message.
// Both windows share the one sort, and the per-dialogue totals that follow are a sorted group-by,
// so nothing is hashed or re-sorted per message. (A first version numbered "segments" and grouped
// by them: its hash aggregates spilled to disk under the default 4 MB work_mem; 100k dialogues,
// server time 4.9 s → 1.2 s.)
// Messages before the transfer take part in the message totals only.
import { dialogFilterSql, type SqlFragment } from '../../db/dialog-filter-sql.js';
import type { DialogFilter } from '../../domain/dialog-filter.js';

/**
 * The filtered dialogues handled by an operator: assigned, or with at least one operator message.
 * Two branches rather than `operator_id IS NOT NULL OR EXISTS (…)`: PostgreSQL 15 costs that OR
 * as one sub-query run per dialogue (2.25M instead of ~30k for 100k dialogues), and such a
 * total cost makes it JIT-compile the whole report with full optimization (+3 s, measured).
 */
export function handledDialogsSql(where: SqlFragment): string {
  const columns = 'd.id, d.chat_id, d.created_at, d.operator_id, d.transferred_at';
  return `
    SELECT ${columns} FROM dialogs d WHERE (${where.sql}) AND d.operator_id IS NOT NULL
    UNION ALL
    SELECT ${columns} FROM dialogs d WHERE (${where.sql}) AND d.operator_id IS NULL
      AND EXISTS (SELECT 1 FROM messages om WHERE om.dialog_id = d.id AND om.author_type = 'operator')`;
}

/**
 * Common table expressions (without the leading WITH), parameters from $firstParam. The result is
 * `timeline`: one row per client or operator message of the filtered dialogues handled by an
 * operator, in (dialog_id, sent_at, id) order, plus one row with a NULL author_type for such a
 * dialogue that has none. Columns:
 * - the dialogue's: dialog_id, chat_id, created_at, assigned_operator_id, transferred_at;
 * - the message's: author_type, sent_at, operator_id (its author, else the dialogue's operator);
 * - is_reply: an operator message at/after the transfer; is_first_reply: the first of those;
 * - response_seconds: set on the operator messages that are responses.
 * A dialogue is left without response when it has a transfer and no is_reply message.
 * The dialogue columns ride along the messages so that callers aggregate per dialogue straight
 * from the sorted stream (a join back to the dialogues misleads the planner's row estimates
 * into costs that trigger JIT compilation, measured +3 s).
 */
export function responseTimesCtes(filter: DialogFilter, firstParam = 1): SqlFragment {
  const where = dialogFilterSql(filter, 'd', firstParam);
  const inWindow = '(d.transferred_at IS NULL OR m.sent_at >= d.transferred_at)';
  return {
    params: where.params,
    sql: `
  handled AS (${handledDialogsSql(where)}
  ),
  marked AS (
    SELECT d.id AS dialog_id, d.chat_id, d.created_at, d.operator_id AS assigned_operator_id, d.transferred_at,
      m.id, m.author_type, m.sent_at, COALESCE(m.operator_id, d.operator_id) AS operator_id,
      m.author_type = 'operator' AND ${inWindow} AS is_reply,
      count(*) FILTER (WHERE m.author_type = 'operator' AND ${inWindow})
        OVER (in_order ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ops_before,
      lag(m.author_type) OVER in_order AS previous_author
    FROM handled d
    LEFT JOIN messages m ON m.dialog_id = d.id AND m.author_type IN ('client', 'operator')
    WINDOW in_order AS (PARTITION BY d.id ORDER BY m.sent_at, m.id)
  ),
  waits AS (
    SELECT k.*,
      max(k.sent_at) FILTER (WHERE k.author_type = 'client' AND k.ops_before > 0 AND k.previous_author = 'operator')
        OVER (PARTITION BY k.dialog_id ORDER BY k.sent_at, k.id ROWS UNBOUNDED PRECEDING) AS client_run_start
    FROM marked k
  ),
  timeline AS (
    SELECT w.dialog_id, w.chat_id, w.created_at, w.assigned_operator_id, w.transferred_at,
      w.author_type, w.sent_at, w.operator_id, w.is_reply,
      w.is_reply AND w.ops_before = 0 AS is_first_reply,
      CASE
        WHEN NOT w.is_reply THEN NULL
        WHEN w.ops_before = 0 THEN EXTRACT(EPOCH FROM w.sent_at - w.transferred_at)::float8
        WHEN w.previous_author = 'client' THEN EXTRACT(EPOCH FROM w.sent_at - w.client_run_start)::float8
      END AS response_seconds
    FROM waits w
  )`,
  };
}

/** Seconds rounded to milliseconds (averages would otherwise carry float noise into the sheet). */
export const roundSeconds = (expression: string) => `round((${expression})::numeric, 3)::float8`;
