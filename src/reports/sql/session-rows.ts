// One row per dialogue of the filtered list, with its counts, markers and transcript: the shared
// body of "All chat sessions" and "All chat sessions with markers" (the latter keeps only marked
// dialogues and shows the markers first).
//
// One streamed query: per-dialogue values come from LATERAL subqueries that use the
// (dialog_id, …) indexes, so rows leave the database in list order as soon as they are built,
// without a per-row query or a sort of the whole result.
import type { SqlRunner } from '../../db/sql-runner.js';
import { dialogFilterSql } from '../../db/dialog-filter-sql.js';
import { dialogLink } from '../../domain/dialog-link.js';
import { channelLabel } from '../channel-label.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow, ReportType } from '../report-definition.js';
import { transcriptAggregateSql } from './transcript.js';

// Transcripts make rows large (kilobytes each): smaller batches keep the memory flat.
const BATCH_SIZE = 500;

const STATUS_LABELS: Record<string, string> = { active: 'Active', closed: 'Closed' };

const MARKERS_COLUMN: ReportColumn = { key: 'markers', header: 'Markers', type: 'string', width: 24 };

const COLUMNS: ReportColumn[] = [
  { key: 'sessionId', header: 'Session id', type: 'string', width: 38 },
  { key: 'chat', header: 'Chat', type: 'string', width: 24 },
  { key: 'channel', header: 'Channel', type: 'string', width: 10 },
  { key: 'clientId', header: 'Client id', type: 'string', width: 24 },
  { key: 'startedAt', header: 'Started', type: 'date', width: 20 },
  { key: 'closedAt', header: 'Closed', type: 'date', width: 20 },
  { key: 'status', header: 'Status', type: 'string', width: 9 },
  { key: 'operator', header: 'Operator', type: 'string', width: 22 },
  { key: 'transferredAt', header: 'Transferred at', type: 'date', width: 20 },
  MARKERS_COLUMN,
  { key: 'clientMessages', header: 'Client messages', type: 'integer', width: 10 },
  { key: 'botMessages', header: 'Bot messages', type: 'integer', width: 10 },
  { key: 'operatorMessages', header: 'Operator messages', type: 'integer', width: 10 },
  { key: 'cost', header: 'Cost', type: 'money', width: 11 },
  { key: 'currency', header: 'Currency', type: 'string', width: 9 },
  { key: 'link', header: 'Link', type: 'hyperlink', width: 8 },
  { key: 'transcript', header: 'Transcript', type: 'text', width: 80 },
];

export interface SessionReportSpec {
  type: ReportType;
  title: string;
  /** Only dialogues with at least one marker, and the markers column first. */
  markedOnly: boolean;
}

interface SessionRecord {
  id: string;
  chat: string;
  channel: string;
  client_external_id: string;
  created_at: Date;
  closed_at: Date | null;
  status: string;
  operator: string | null;
  transferred_at: Date | null;
  markers: string | null;
  client_messages: number;
  bot_messages: number;
  operator_messages: number;
  cost: string;
  currency: string;
  transcript: string | null;
}

export function sessionColumns(markedOnly: boolean): ReportColumn[] {
  return markedOnly ? [MARKERS_COLUMN, ...COLUMNS.filter((c) => c !== MARKERS_COLUMN)] : [...COLUMNS];
}

/** The filtered dialogues' condition (alias `d`), plus "has a marker" for the markers report. */
function whereSql(options: ReportOptions, markedOnly: boolean, firstParam: number) {
  const filter = dialogFilterSql(options.filter, 'd', firstParam);
  const marked = markedOnly ? ' AND EXISTS (SELECT 1 FROM dialog_markers dmx WHERE dmx.dialog_id = d.id)' : '';
  return { sql: `(${filter.sql})${marked}`, params: filter.params };
}

export function sessionRowsQuery(options: ReportOptions, markedOnly: boolean): { sql: string; params: unknown[] } {
  // the zone is $1 when times are shown; the filter's parameters follow
  const params: unknown[] = options.withTime ? [options.timeZone] : [];
  const where = whereSql(options, markedOnly, params.length + 1);
  const sql = `
    SELECT d.id, c.name AS chat, d.channel::text AS channel, cl.external_id AS client_external_id,
           d.created_at, d.closed_at, d.status::text AS status,
           COALESCE(NULLIF(u.name, ''), u.email) AS operator, d.transferred_at,
           mk.markers, t.client_messages, t.bot_messages, t.operator_messages,
           d.cost::text AS cost, c.currency, t.transcript
    FROM dialogs d
    JOIN chats c ON c.id = d.chat_id
    JOIN clients cl ON cl.id = d.client_id
    LEFT JOIN chat_operators u ON u.id = d.operator_id
    CROSS JOIN LATERAL (
      SELECT string_agg(k.name, ', ' ORDER BY k.name) AS markers
      FROM dialog_markers dm JOIN markers k ON k.id = dm.marker_id
      WHERE dm.dialog_id = d.id
    ) mk
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.author_type = 'client')::int AS client_messages,
             count(*) FILTER (WHERE m.author_type = 'bot')::int AS bot_messages,
             count(*) FILTER (WHERE m.author_type = 'operator')::int AS operator_messages,
             ${transcriptAggregateSql('m', options.withTime ? '$1' : null)} AS transcript
      FROM messages m
      WHERE m.dialog_id = d.id
    ) t
    WHERE ${where.sql}
    ORDER BY d.created_at, d.id`;
  return { sql, params: [...params, ...where.params] };
}

export function sessionCountQuery(options: ReportOptions, markedOnly: boolean): { sql: string; params: unknown[] } {
  const where = whereSql(options, markedOnly, 1);
  return { sql: `SELECT count(*)::int AS n FROM dialogs d WHERE ${where.sql}`, params: where.params };
}

function toRow(r: SessionRecord, dialogUrlBase: string): ReportRow {
  return {
    sessionId: r.id,
    chat: r.chat,
    channel: channelLabel(r.channel),
    clientId: r.client_external_id,
    startedAt: r.created_at,
    closedAt: r.closed_at,
    status: STATUS_LABELS[r.status] ?? r.status,
    operator: r.operator,
    transferredAt: r.transferred_at,
    markers: r.markers,
    clientMessages: r.client_messages,
    botMessages: r.bot_messages,
    operatorMessages: r.operator_messages,
    cost: r.cost,
    currency: r.currency,
    link: { text: 'Open', url: dialogLink(dialogUrlBase, r.id) },
    transcript: r.transcript,
  };
}

async function* sessionRows(sql: SqlRunner, options: ReportOptions, markedOnly: boolean): AsyncIterable<ReportRow[]> {
  const query = sessionRowsQuery(options, markedOnly);
  for await (const batch of sql.cursor<SessionRecord>(query.sql, query.params, BATCH_SIZE)) {
    yield batch.map((r) => toRow(r, options.dialogUrlBase));
  }
}

export function sessionReport(spec: SessionReportSpec): ReportDefinition {
  return {
    type: spec.type,
    title: spec.title,
    adminOnly: false,
    holdsClientData: true, // client ids and transcripts
    columns: () => sessionColumns(spec.markedOnly),
    countRows: async (sql, options) => {
      const query = sessionCountQuery(options, spec.markedOnly);
      const [row] = await sql.query<{ n: number }>(query.sql, query.params);
      return row.n;
    },
    rows: (sql, options) => sessionRows(sql, options, spec.markedOnly),
  };
}
