// Removes the content of dialogues (src/domain/content-removal.ts says what goes and what stays)
// through the SQL function chats_remove_dialog_content: one statement, so one transaction, that
// locks the dialogues, removes, and counts. Callers keep batches small: on PGlite a statement
// holds the only connection, and on PostgreSQL the locked dialogues wait for it.
import type { SqlRunner } from '../db/sql-runner.js';
import type { ContentRemoved, RemovalReason } from '../domain/content-removal.js';

/** A row of chats_remove_dialog_content (and of chats_retention_batch, which calls it). */
export interface RemovedRow { dialogs: number; messages: number; page_visits: number; markers: number; clients: number }

export const REMOVE_CONTENT_SQL = 'SELECT dialogs, messages, page_visits, markers, clients FROM chats_remove_dialog_content($1::uuid[], $2)';

export const asRemoved = (row: RemovedRow): ContentRemoved => ({
  dialogs: row.dialogs, messages: row.messages, pageVisits: row.page_visits, markers: row.markers, clients: row.clients,
});

/** Removes the content of these dialogues (those already removed are skipped). */
export async function removeDialogContent(sql: Pick<SqlRunner, 'query'>, dialogIds: readonly string[], reason: RemovalReason): Promise<ContentRemoved> {
  const [row] = await sql.query<RemovedRow>(REMOVE_CONTENT_SQL, [dialogIds, reason]);
  return asRemoved(row);
}
