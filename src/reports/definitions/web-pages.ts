// "Web pages": every page the clients of the filtered dialogues visited, in time order.
import type { SqlRunner } from '../../db/sql-runner.js';
import { dialogFilterSql } from '../../db/dialog-filter-sql.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../report-definition.js';

const BATCH_SIZE = 2000;

// The URL stays plain text: it is reported by the widget (i.e. by the visitor's browser), so it
// is not trusted enough to become a clickable link in a spreadsheet.
const COLUMNS: ReportColumn[] = [
  { key: 'sessionId', header: 'Session id', type: 'string', width: 38 },
  { key: 'clientId', header: 'Client id', type: 'string', width: 24 },
  { key: 'url', header: 'URL', type: 'string', width: 60 },
  { key: 'title', header: 'Title', type: 'string', width: 40 },
  { key: 'visitedAt', header: 'Visited at', type: 'date', width: 20 },
];

interface VisitRecord { id: string; client_external_id: string; url: string; title: string | null; visited_at: Date }

async function countRows(sql: SqlRunner, options: ReportOptions): Promise<number> {
  const where = dialogFilterSql(options.filter, 'd', 1);
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM page_visits pv JOIN dialogs d ON d.id = pv.dialog_id WHERE ${where.sql}`,
    where.params,
  );
  return row.n;
}

async function* rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]> {
  const where = dialogFilterSql(options.filter, 'd', 1);
  const query = `
    SELECT d.id, cl.external_id AS client_external_id, pv.url, pv.title, pv.visited_at
    FROM page_visits pv
    JOIN dialogs d ON d.id = pv.dialog_id
    JOIN clients cl ON cl.id = d.client_id
    WHERE ${where.sql}
    ORDER BY pv.visited_at, pv.id`;
  for await (const batch of sql.cursor<VisitRecord>(query, where.params, BATCH_SIZE)) {
    yield batch.map((r) => ({
      sessionId: r.id,
      clientId: r.client_external_id,
      url: r.url,
      title: r.title,
      visitedAt: r.visited_at,
    }));
  }
}

export const webPagesReport: ReportDefinition = {
  type: 'web_pages',
  title: 'Web pages',
  adminOnly: false,
  holdsClientData: true,
  columns: () => COLUMNS,
  countRows,
  rows,
};
