// The dashboard's numbers, read from the maintained aggregates (prisma/schema/chats.prisma,
// models Dashboard*: counts per chat, channel and 15-minute UTC bucket, kept by the triggers of
// migration 20261202040000; messages counted from their queue, src/dashboard/dashboard-counter.ts),
// never from the period's raw rows: one index range scan per table,
// the same cost for one chat as for all. A day of any IANA zone is a whole number of buckets
// (zone offsets are multiples of 15 minutes), so the numbers are exact in every zone.
//
// Which rows count where (days are calendar days in the chosen time zone):
// - dialogues, their status, transfers, "no operator response" and markers: dialogues whose chat
//   date (created_at) falls in the period, as the dialogue list filtered by the same dates shows;
// - messages and phrases: messages sent in the period (sent_at), whatever day the dialogue began;
// - first response time: dialogues transferred in the period (transferred_at) that an operator
//   answered, bucketed by the day of the transfer; a day without any has no median (null).
// Status is the stored one (active / closed) as of now; "no operator response" is transferred and
// never answered (PRODUCT.md), so it overlaps both statuses.
// Deleted (purged) dialogues and messages stay counted: the aggregates are history.
import type { SqlRunner } from '../db/sql-runner.js';
import { DashboardInputError, validateDashboardQuery, type DashboardQuery } from './dashboard-input.js';
import { countQueuedMessages } from './dashboard-counter.js';

export interface DayDialogues { day: string; active: number; closed: number; transfers: number; noOperatorResponse: number }
export interface DayMessages { day: string; client: number; bot: number; operator: number; system: number }
export interface DayFirstResponse { day: string; answered: number; medianSeconds: number | null; p90Seconds: number | null }
export interface DashboardTotals { dialogues: number; transfers: number; noOperatorResponse: number; messages: number }

export interface DashboardData {
  query: DashboardQuery;
  days: DayDialogues[];
  messagesPerDay: DayMessages[];
  firstResponse: DayFirstResponse[];
  totals: DashboardTotals;
  topMarkers: { name: string; count: number }[];
  topPhrases: { phrase: string; count: number }[];
}

export const TOP_LIMIT = 10;

type QueryRunner = Pick<SqlRunner, 'query'>;

// Parameters shared by every query: $1 first day, $2 last day, $3 time zone, $4 chat id (if any).
// Days are a series with each day's bounds computed once (the zone's midnights, DST included);
// the series is over integers so that the planner knows how many days there are.
const DAYS = `(
  SELECT g.day, g.day AT TIME ZONE $3::text AS starts, (g.day + interval '1 day') AT TIME ZONE $3::text AS ends
  FROM (SELECT ($1::date + i)::timestamp AS day FROM generate_series(0, $2::date - $1::date) AS i) g
) s`;
const PERIOD_START = `($1::date::timestamp AT TIME ZONE $3::text)`;
const PERIOD_END = `(($2::date + 1)::timestamp AT TIME ZONE $3::text)`;
const onDay = (column: string) => `${column} >= s.starts AND ${column} < s.ends`;
const inPeriod = (column: string) => `${column} >= ${PERIOD_START} AND ${column} < ${PERIOD_END}`;
const DAY_TEXT = `to_char(s.day, 'YYYY-MM-DD')`;
const AUTHOR_TYPES = ['client', 'bot', 'operator', 'system'] as const;

interface Scope { params: unknown[]; chat: (alias: string) => string }

function scopeOf(query: DashboardQuery): Scope {
  const params: unknown[] = [query.from, query.to, query.timeZone];
  if (query.chatId === undefined) return { params, chat: () => '' };
  params.push(query.chatId);
  return { params, chat: (alias) => `AND ${alias}.chat_id = $4::int` };
}

/** One row per day: the sums of `columns` of an aggregate table's buckets within the day. */
const perDaySql = (scope: Scope, table: string, columns: [source: string, name: string][]) => `
  SELECT ${DAY_TEXT} AS day, ${columns.map(([, name]) => `a."${name}"`).join(', ')}
  FROM ${DAYS} CROSS JOIN LATERAL (
    SELECT ${columns.map(([source, name]) => `coalesce(sum(b.${source}), 0)::int AS "${name}"`).join(', ')}
    FROM ${table} b
    WHERE ${onDay('b.bucket')} ${scope.chat('b')}
  ) a
  ORDER BY s.day`;

const dialoguesSql = (scope: Scope) => perDaySql(scope, 'dashboard_dialogs', [
  ['active', 'active'], ['closed', 'closed'], ['transfers', 'transfers'], ['no_operator_response', 'noOperatorResponse'],
]);

const messagesSql = (scope: Scope) => perDaySql(scope, 'dashboard_messages', AUTHOR_TYPES.map((type) => [type, type]));

// Seconds rounded to 0.1 s: percentile_cont interpolates in float8, and the last digits of
// 120 + 0.8 × 180 are noise nobody wants to see (or test against).
const firstResponseSql = (scope: Scope) => `
  SELECT ${DAY_TEXT} AS day, a.answered,
    round(a.median::numeric, 1)::float8 AS "medianSeconds", round(a.p90::numeric, 1)::float8 AS "p90Seconds"
  FROM ${DAYS} CROSS JOIN LATERAL (
    SELECT count(*)::int AS answered,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.response_seconds) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY r.response_seconds) AS p90
    FROM dashboard_first_responses r
    WHERE ${onDay('r.transferred_at')} ${scope.chat('r')}
  ) a
  ORDER BY s.day`;

// Ties in code point order, the same on every database whatever its collation.
const topMarkersSql = (scope: Scope) => `
  SELECT mk.name, t.n AS count
  FROM (
    SELECT b.marker_id, sum(b.dialogs)::int AS n
    FROM dashboard_markers b
    WHERE ${inPeriod('b.bucket')} ${scope.chat('b')}
    GROUP BY b.marker_id
    HAVING sum(b.dialogs) > 0
  ) t JOIN markers mk ON mk.id = t.marker_id
  ORDER BY t.n DESC, mk.name COLLATE "C"
  LIMIT ${TOP_LIMIT}`;

// Phrases are normalized when stored (src/domain/phrase.ts, in SQL chats_dashboard_phrase). The
// period's whole UTC days come from the daily table, its two ends (before the first UTC midnight,
// after the last) from the 15-minute buckets: a sixth of the rows. `e.head` ends the first part,
// `e.tail` starts the last; for a period within two UTC midnights they meet and no day is read.
const PERIOD_EDGES = `(
  SELECT x.head, GREATEST(x.head, date_trunc('day', ${PERIOD_END} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS tail
  FROM (SELECT LEAST(date_trunc('day', (${PERIOD_START} - interval '1 millisecond') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day', ${PERIOD_END}) AS head) x
) e`;
const topPhrasesSql = (scope: Scope) => `
  SELECT p.phrase, sum(p.n)::int AS count
  FROM ${PERIOD_EDGES} CROSS JOIN LATERAL (
    SELECT b.phrase, b.messages AS n FROM dashboard_phrases_daily b
    WHERE b.day >= (e.head AT TIME ZONE 'UTC')::date AND b.day < (e.tail AT TIME ZONE 'UTC')::date ${scope.chat('b')}
    UNION ALL
    SELECT b.phrase, b.messages FROM dashboard_phrases b
    WHERE b.bucket >= ${PERIOD_START} AND b.bucket < e.head ${scope.chat('b')}
    UNION ALL
    SELECT b.phrase, b.messages FROM dashboard_phrases b
    WHERE b.bucket >= e.tail AND b.bucket < ${PERIOD_END} ${scope.chat('b')}
  ) p
  GROUP BY p.phrase
  HAVING sum(p.n) > 0 -- a phrase counted out by a removal of content (src/privacy/) is gone
  ORDER BY count DESC, p.phrase COLLATE "C"
  LIMIT ${TOP_LIMIT}`;

const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);

/** PostgreSQL knows fewer zone names than Intl in rare cases: its refusal is a bad input too. */
function asInputError(error: unknown, timeZone: string): unknown {
  const text = String((error as Error)?.message ?? error);
  return /time zone .* not recognized/i.test(text)
    ? new DashboardInputError('invalidTimeZone', `Unknown time zone "${timeZone}"`, { value: timeZone })
    : error;
}

/** All the dashboard's numbers for a period (both ends included) and optionally one chat. */
export async function loadDashboard(sql: QueryRunner, input: DashboardQuery): Promise<DashboardData> {
  const query = validateDashboardQuery(input);
  const scope = scopeOf(query);
  const run = <T>(text: string) => sql.query<T>(text, scope.params);
  // messages stored since the counter's last round: counted now, so that the figures are current
  await countQueuedMessages(sql, null);
  try {
    // Independent queries: on a PostgreSQL pool they run side by side.
    const [days, messagesPerDay, firstResponse, topMarkers, topPhrases] = await Promise.all([
      run<DayDialogues>(dialoguesSql(scope)),
      run<DayMessages>(messagesSql(scope)),
      run<DayFirstResponse>(firstResponseSql(scope)),
      run<{ name: string; count: number }>(topMarkersSql(scope)),
      run<{ phrase: string; count: number }>(topPhrasesSql(scope)),
    ]);
    const totals: DashboardTotals = {
      dialogues: sum(days, (d) => d.active + d.closed),
      transfers: sum(days, (d) => d.transfers),
      noOperatorResponse: sum(days, (d) => d.noOperatorResponse),
      messages: sum(messagesPerDay, (m) => m.client + m.bot + m.operator + m.system),
    };
    return { query, days, messagesPerDay, firstResponse, totals, topMarkers, topPhrases };
  } catch (error) {
    throw asInputError(error, query.timeZone);
  }
}
