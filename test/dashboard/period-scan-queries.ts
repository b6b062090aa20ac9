// The dashboard's numbers as the code before issue 10 computed them: aggregate queries over the
// raw rows of the period (dialogues by created_at, messages by sent_at, ...). Kept here as the
// reference the maintained aggregates (src/dashboard/dashboard-queries.ts) must equal
// (dashboard-equivalence.test.ts); it is too slow for the product at a million dialogues.
import type { SqlRunner } from '../../src/db/sql-runner.js';
import { noOperatorResponseSql } from '../../src/domain/dialog-status.js';
import { normalizedPhraseSql } from '../../src/reports/sql/phrase.sql.js';
import { validateDashboardQuery, type DashboardQuery } from '../../src/dashboard/dashboard-input.js';
import type { DashboardData, DashboardTotals, DayDialogues, DayFirstResponse, DayMessages } from '../../src/dashboard/dashboard-queries.js';
import { TOP_LIMIT } from '../../src/dashboard/dashboard-queries.js';

type QueryRunner = Pick<SqlRunner, 'query'>;

// Parameters shared by every query: $1 first day, $2 last day, $3 time zone, $4 chat id (if any).
// Days are a series with each day's bounds computed once (the zone's midnights, DST included):
// rows are matched to a day by a range condition on an indexed column, never by converting every
// row's time stamp, and a day without rows still gets its zeros. The series is over integers so
// that the planner knows how many days there are (a timestamp series is always guessed at 1000).
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

interface Scope { params: unknown[]; allChats: boolean; dialogChat: (alias: string) => string; messageChat: (alias: string) => string }

function scopeOf(query: DashboardQuery): Scope {
  const params: unknown[] = [query.from, query.to, query.timeZone];
  if (query.chatId === undefined) return { params, allChats: true, dialogChat: () => '', messageChat: () => '' };
  params.push(query.chatId);
  return {
    params,
    allChats: false,
    dialogChat: (alias) => `AND ${alias}.chat_id = $4::int`,
    // A message sent in the period belongs to a dialogue of the chat begun before the period ended.
    messageChat: (alias) => `AND ${alias}.dialog_id IN (SELECT cd.id FROM dialogs cd WHERE cd.chat_id = $4::int AND cd.created_at < ${PERIOD_END})`,
  };
}

const dialoguesSql = (scope: Scope) => `
  SELECT ${DAY_TEXT} AS day, a.active, a.closed, a.transfers, a.no_response AS "noOperatorResponse"
  FROM ${DAYS} CROSS JOIN LATERAL (
    SELECT (count(*) FILTER (WHERE d.status = 'active'))::int AS active,
      (count(*) FILTER (WHERE d.status = 'closed'))::int AS closed,
      (count(*) FILTER (WHERE d.transferred_at IS NOT NULL))::int AS transfers,
      (count(*) FILTER (WHERE ${noOperatorResponseSql('d')}))::int AS no_response
    FROM dialogs d
    WHERE ${onDay('d.created_at')} ${scope.dialogChat('d')}
  ) a
  ORDER BY s.day`;

// All chats: one count per author type and day, each an index-only range scan of messages
// (author_type, sent_at) that never reads the table. One chat: the messages carry no chat id, so
// each day's messages are read once (sent_at index) and kept if their dialogue is the chat's.
const messagesSql = (scope: Scope) => (scope.allChats ? `
  SELECT ${DAY_TEXT} AS day,
    ${AUTHOR_TYPES.map((type) => `(SELECT count(*)::int FROM messages m WHERE m.author_type = '${type}' AND ${onDay('m.sent_at')}) AS ${type}`).join(',\n    ')}
  FROM ${DAYS}
  ORDER BY s.day` : `
  SELECT ${DAY_TEXT} AS day, ${AUTHOR_TYPES.map((type) => `a.${type}`).join(', ')}
  FROM ${DAYS} CROSS JOIN LATERAL (
    SELECT ${AUTHOR_TYPES.map((type) => `(count(*) FILTER (WHERE m.author_type = '${type}'))::int AS ${type}`).join(',\n      ')}
    FROM messages m
    WHERE ${onDay('m.sent_at')} ${scope.messageChat('m')}
  ) a
  ORDER BY s.day`);

// Seconds rounded to 0.1 s: percentile_cont interpolates in float8, and the last digits of
// 120 + 0.8 × 180 are noise nobody wants to see (or test against).
const RESPONSE_SECONDS = 'extract(epoch FROM d.first_operator_reply_at - d.transferred_at)';
const firstResponseSql = (scope: Scope) => `
  SELECT ${DAY_TEXT} AS day, a.answered,
    round(a.median::numeric, 1)::float8 AS "medianSeconds", round(a.p90::numeric, 1)::float8 AS "p90Seconds"
  FROM ${DAYS} CROSS JOIN LATERAL (
    SELECT count(*)::int AS answered,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RESPONSE_SECONDS}) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${RESPONSE_SECONDS}) AS p90
    FROM dialogs d
    WHERE ${onDay('d.transferred_at')} AND d.first_operator_reply_at IS NOT NULL ${scope.dialogChat('d')}
  ) a
  ORDER BY s.day`;

// Ties in code point order, the same on every database whatever its collation.
const topMarkersSql = (scope: Scope) => `
  SELECT mk.name, t.n AS count
  FROM (
    SELECT dm.marker_id, count(*)::int AS n
    FROM dialog_markers dm JOIN dialogs d ON d.id = dm.dialog_id
    WHERE ${inPeriod('d.created_at')} ${scope.dialogChat('d')}
    GROUP BY dm.marker_id
  ) t JOIN markers mk ON mk.id = t.marker_id
  ORDER BY t.n DESC, mk.name COLLATE "C"
  LIMIT ${TOP_LIMIT}`;

// Client messages grouped by exact text first, so only the distinct texts are normalized (the
// trick of the "Popular phrases" report, src/reports/definitions/popular-phrases.ts).
// MATERIALIZED: otherwise the planner pushes "phrase <> ''" down into the scan, which then
// normalizes every message instead of every distinct text (measured 0.7 s → 0.3 s).
const topPhrasesSql = (scope: Scope) => `
  WITH texts AS MATERIALIZED (
    SELECT m.text, count(*) AS n
    FROM messages m
    WHERE m.author_type = 'client' AND ${inPeriod('m.sent_at')} ${scope.messageChat('m')}
    GROUP BY m.text
  )
  SELECT p.phrase, sum(p.n)::int AS count
  FROM (SELECT ${normalizedPhraseSql('t.text')} AS phrase, t.n FROM texts t) p
  WHERE p.phrase <> ''
  GROUP BY p.phrase
  ORDER BY count DESC, p.phrase COLLATE "C"
  LIMIT ${TOP_LIMIT}`;

const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);

/** All the dashboard's numbers for a period (both ends included) and optionally one chat. */
export async function loadDashboardFromPeriodScan(sql: QueryRunner, input: DashboardQuery): Promise<DashboardData> {
  const query = validateDashboardQuery(input);
  const scope = scopeOf(query);
  const run = <T>(text: string) => sql.query<T>(text, scope.params);
  {
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
  }
}
