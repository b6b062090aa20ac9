// Removing a client's data from dialogues (retention, erasure on request): what goes and what
// stays, README "Personal data". The work itself is one SQL function of migration
// 20261202051000 (chats_remove_dialog_content), called by src/privacy/content-removal.ts.
// Goes: message texts (all authors), the client's name on their messages, the messages'
// idempotency ids, page visits, marker links, the client's identifier (web client id, Facebook
// PSID) once none of their dialogues keeps content, Facebook messages still queued for them.
// Stays: dialogue rows and message rows without text (author type, time, paid flag, cost), so
// billing, sources, productivity, operator metrics and the dashboard's counts for past periods
// do not change; the dashboard's popular phrases lose the removed texts.
export const REMOVAL_REASONS = ['retention', 'erasure'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** What one removal took away. */
export interface ContentRemoved {
  dialogs: number;
  /** Messages whose text was removed (the rows stay, without text). */
  messages: number;
  pageVisits: number;
  markers: number;
  /** Clients whose identifier was removed. */
  clients: number;
}

export const NOTHING_REMOVED: ContentRemoved = { dialogs: 0, messages: 0, pageVisits: 0, markers: 0, clients: 0 };

export const addRemoved = (a: ContentRemoved, b: ContentRemoved): ContentRemoved => ({
  dialogs: a.dialogs + b.dialogs,
  messages: a.messages + b.messages,
  pageVisits: a.pageVisits + b.pageVisits,
  markers: a.markers + b.markers,
  clients: a.clients + b.clients,
});

/** The identifier a client gets when theirs is removed (SQL: 'removed:' || gen_random_uuid()). */
export const REMOVED_IDENTIFIER_PREFIX = 'removed:';
export const isRemovedIdentifier = (externalId: string): boolean => externalId.startsWith(REMOVED_IDENTIFIER_PREFIX);

/** Why a Facebook message queued for a client whose data was removed was not sent (the SQL
 * function chats_remove_dialog_content writes the same words). */
export const CANCELLED_BY_REMOVAL = "Cancelled: the client's data was removed.";
