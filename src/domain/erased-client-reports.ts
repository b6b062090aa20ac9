// Which report files can hold an erased client's data (README "Personal data", "Erasure on
// request"): a report of a type whose rows can name a client (ReportDefinition.holdsClientData),
// whose filter can select one of that client's dialogues. Only the facts of a dialogue that never
// change are compared (chat, channel, client, start date): a status, operator, marker or text
// filter may have matched it when the file was made, so those never rule a file out.
import type { DialogFilter } from './dialog-filter.js';

/** The erased client as the report filters see their dialogues. */
export interface ErasedClient {
  chatId: number;
  clientId: number;
  channel: 'web' | 'facebook';
  /** When their dialogues started: the first and the last (null: none). */
  firstDialogAt: Date | null;
  lastDialogAt: Date | null;
}

/** True when a report with this filter can include one of the client's dialogues. */
export function filterCanIncludeClient(filter: DialogFilter, client: ErasedClient): boolean {
  if (client.firstDialogAt === null || client.lastDialogAt === null) return false;
  if (filter.chatId !== undefined && filter.chatId !== client.chatId) return false;
  if (filter.channel !== undefined && filter.channel !== client.channel) return false;
  if (filter.clientId !== undefined && filter.clientId !== client.clientId) return false;
  // the list's date range is inclusive at both ends (src/db/dialog-filter-sql.ts)
  if (filter.createdFrom !== undefined && filter.createdFrom > client.lastDialogAt) return false;
  if (filter.createdTo !== undefined && filter.createdTo < client.firstDialogAt) return false;
  return true;
}

/** What the Reports page says of a file removed for an erasure (report_jobs.removed_reason). */
export function erasedReportReason(at: Date): string {
  return `Removed on ${at.toISOString().slice(0, 10)}: a client whose data it held was erased`;
}

/** What a report being generated during an erasure says instead (report_jobs.error). */
export function erasedReportCancelled(at: Date): string {
  return `Cancelled on ${at.toISOString().slice(0, 10)}: a client whose data it was reading was erased; regenerate it`;
}
