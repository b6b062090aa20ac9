// Fast inserts for the demo data, the same SQL on PGlite and PostgreSQL. Each table gets one
// `INSERT … SELECT * FROM unnest($1::type[], …)`: one parameter per column whatever the row
// count (no 65,535-parameter limit), and the server parses one statement instead of thousands.
// A batch's five inserts are data-modifying CTEs of a single statement, so a batch lands
// completely or not at all (never half a dialogue) without holding a pool connection for a
// transaction; foreign keys are checked at the end of that statement.
import type { SqlRunner } from '../../db/sql-runner.js';
import type { DemoBatch } from './rows.js';

interface TableSpec<Row> {
  table: string;
  columns: readonly (readonly [column: string, sqlType: string, value: (row: Row) => unknown])[];
}

const CLIENTS: TableSpec<DemoBatch['clients'][number]> = {
  table: 'clients',
  columns: [
    ['id', 'int', (r) => r.id], ['chat_id', 'int', (r) => r.chatId], ['channel', '"Channel"', (r) => r.channel],
    ['external_id', 'text', (r) => r.externalId], ['created_at', 'timestamptz', (r) => r.createdAt],
  ],
};

const DIALOGS: TableSpec<DemoBatch['dialogs'][number]> = {
  table: 'dialogs',
  columns: [
    ['id', 'uuid', (r) => r.id], ['chat_id', 'int', (r) => r.chatId], ['client_id', 'int', (r) => r.clientId],
    ['channel', '"Channel"', (r) => r.channel], ['status', '"DialogStatus"', (r) => r.status],
    ['operator_id', 'int', (r) => r.operatorId], ['transferred_at', 'timestamptz', (r) => r.transferredAt],
    ['first_operator_reply_at', 'timestamptz', (r) => r.firstOperatorReplyAt], ['closed_at', 'timestamptz', (r) => r.closedAt],
    ['last_message_at', 'timestamptz', (r) => r.lastMessageAt], ['message_count', 'int', (r) => r.messageCount],
    ['cost', 'numeric', (r) => r.cost], ['created_at', 'timestamptz', (r) => r.createdAt],
  ],
};

const MESSAGES: TableSpec<DemoBatch['messages'][number]> = {
  table: 'messages',
  columns: [
    ['dialog_id', 'uuid', (r) => r.dialogId], ['author_type', '"AuthorType"', (r) => r.authorType],
    ['author_name', 'text', (r) => r.authorName], ['operator_id', 'int', (r) => r.operatorId], ['text', 'text', (r) => r.text],
    ['sent_at', 'timestamptz', (r) => r.sentAt], ['is_paid', 'boolean', (r) => r.isPaid], ['cost', 'numeric', (r) => r.cost],
  ],
};

const DIALOG_MARKERS: TableSpec<DemoBatch['dialogMarkers'][number]> = {
  table: 'dialog_markers',
  columns: [['dialog_id', 'uuid', (r) => r.dialogId], ['marker_id', 'int', (r) => r.markerId], ['set_at', 'timestamptz', (r) => r.setAt]],
};

const PAGE_VISITS: TableSpec<DemoBatch['pageVisits'][number]> = {
  table: 'page_visits',
  columns: [
    ['dialog_id', 'uuid', (r) => r.dialogId], ['url', 'text', (r) => r.url], ['title', 'text', (r) => r.title],
    ['visited_at', 'timestamptz', (r) => r.visitedAt],
  ],
};

/** Adds one table's INSERT to the statement; its column arrays are appended to `params`. */
function insertPart<Row>(spec: TableSpec<Row>, rows: readonly Row[], params: unknown[]): string {
  const arrays = spec.columns.map(([, sqlType, value]) => {
    params.push(rows.map((row) => {
      const v = value(row);
      return v instanceof Date ? v.toISOString() : v; // ISO text: no time zone guessing by the driver
    }));
    // Enum arrays travel as text[]: PGlite cannot serialize an array of an unknown (enum) type.
    return sqlType.startsWith('"') ? `$${params.length}::text[]::${sqlType}[]` : `$${params.length}::${sqlType}[]`;
  });
  const names = spec.columns.map(([column]) => `"${column}"`).join(', ');
  return `INSERT INTO "${spec.table}" (${names}) SELECT * FROM unnest(${arrays.join(', ')})`;
}

export async function writeBatch(sql: SqlRunner, batch: DemoBatch): Promise<void> {
  const params: unknown[] = [];
  const parts = [
    insertPart(CLIENTS, batch.clients, params),
    insertPart(DIALOGS, batch.dialogs, params),
    insertPart(MESSAGES, batch.messages, params),
    insertPart(DIALOG_MARKERS, batch.dialogMarkers, params),
  ];
  const last = insertPart(PAGE_VISITS, batch.pageVisits, params);
  const ctes = parts.map((part, i) => `w${i} AS (${part})`).join(',\n');
  await sql.query(`WITH ${ctes}\n${last}`, params);
}

/** The next free id of a table whose ids the generator assigns. */
export async function nextId(sql: SqlRunner, table: 'clients'): Promise<number> {
  const [row] = await sql.query<{ next: number }>(`SELECT COALESCE(MAX(id), 0)::int + 1 AS next FROM "${table}"`);
  return row.next;
}

/** Moves the id sequence past the ids the generator wrote, so later inserts do not collide. */
export async function bumpSequence(sql: SqlRunner, table: 'clients'): Promise<void> {
  await sql.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST(MAX(id), 1), MAX(id) IS NOT NULL) FROM "${table}"`);
}

/** Fresh planner statistics after a bulk load, so the first reports get sensible plans. */
export async function analyzeDemoTables(sql: SqlRunner): Promise<void> {
  await sql.exec('ANALYZE "chats", "clients", "dialogs", "messages", "dialog_markers", "page_visits", "markers", '
    + '"dashboard_dialogs", "dashboard_messages", "dashboard_markers", "dashboard_phrases", "dashboard_phrases_daily", "dashboard_first_responses"');
}
