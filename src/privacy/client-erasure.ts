// "Erase client" (README "Personal data", "Erasure on request"): everything of one client in their
// chat goes the way src/domain/content-removal.ts says (texts, page visits, marker links, the
// identifier, queued Facebook messages), while the dialogue and message rows that billing counts
// stay. Order, and why:
//   1. the audit entry 'client_erased' with what will go: when it cannot be written nothing is
//      done (AuditUnavailableError, a 503 with a clear message);
//   2. the client's active dialogues are closed the normal way (an open widget stream hears it);
//   3. the content of all their dialogues is removed in small batches (removeDialogContent,
//      idempotent: a repeated or interrupted erasure just carries on);
//   4. the identifier is replaced under the same per-client lock the conversation service takes
//      to open a dialogue, even if a dialogue appeared meanwhile: from then on the widget or the
//      Facebook user is a new client; a dialogue opened before that is closed and removed too;
//   5. report files that can hold the client's data are removed (src/privacy/erased-reports.ts).
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/sql-runner.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditActor } from '../domain/audit-actions.js';
import type { Conversations } from '../conversations/conversation-service.js';
import type { ReportFileStore } from '../reports/storage/report-file-store.js';
import { addRemoved, CANCELLED_BY_REMOVAL, NOTHING_REMOVED, REMOVED_IDENTIFIER_PREFIX, type ContentRemoved } from '../domain/content-removal.js';
import type { ErasedClient } from '../domain/erased-client-reports.js';
import { ChatsError } from '../domain/errors.js';
import { removeDialogContent } from './content-removal.js';
import { removeReportsHoldingClient, reportsHoldingClient, type ReportsRemoved } from './erased-reports.js';

/** What an erasure will remove (the confirmation) or removed (the notice). */
export interface ErasureCounts {
  dialogs: number;
  /** Messages whose text goes (the rows stay, without text: billing counts them). */
  messages: number;
  pageVisits: number;
  markers: number;
  /** Bot and operator messages still waiting to be sent to Messenger: cancelled. */
  queuedFacebookMessages: number;
  /** Report files deleted (made before the erasure, able to hold the client's data). */
  reportFiles: number;
}

export interface ErasureResult extends ErasureCounts {
  clientId: number;
  chatId: number;
  /** Reports being generated at the time, cancelled (the Reports page offers Regenerate). */
  reportsCancelled: number;
}

export interface ClientErasureDeps {
  prisma: PrismaClient;
  sql: SqlRunner;
  audit: Pick<AuditLog, 'record'>;
  conversations: Pick<Conversations, 'close'>;
  reportFiles: ReportFileStore;
}

/** Dialogues per removal statement: each one locks them, and on PGlite holds the only connection. */
export const ERASURE_BATCH = 100;

export const clientNotFound = (): ChatsError => new ChatsError('not_found', 'clientNotFound', 'There is no such client');

interface ClientRow { id: number; chatId: number; channel: 'web' | 'facebook'; externalId: string; chat: { name: string } }

export class ClientErasure {
  constructor(private readonly deps: ClientErasureDeps) {}

  /** What erasing the client would remove now. */
  async previewErasure(clientId: number): Promise<ErasureCounts> {
    return this.counts(await this.client(clientId));
  }

  /** Erases the client (see the top of this file); `actor`: the admin, recorded in the audit log. */
  async eraseClient(clientId: number, actor: AuditActor | null, address: string | null = null): Promise<ErasureResult> {
    const { prisma } = this.deps;
    const client = await this.client(clientId);
    const planned = await this.counts(client);
    await this.deps.audit.record({
      action: 'client_erased',
      actor,
      address,
      // never the identifier itself: the log outlives the erasure
      subject: `Client ${client.id} (${client.channel}) · Chat ${client.chatId} · ${client.chat.name}`,
      details: { clientId: client.id, chatId: client.chatId, channel: client.channel, ...planned },
    });
    let removed = await this.removeAll(client.id);
    await this.replaceIdentifier(client);
    // a dialogue the client opened while the identifier was being replaced goes too
    removed = addRemoved(removed, await this.removeAll(client.id));
    const reports = await removeReportsHoldingClient(prisma, this.deps.reportFiles, await this.asErased(client), new Date());
    return this.result(client, removed, planned, reports);
  }

  private result(client: ClientRow, removed: ContentRemoved, planned: ErasureCounts, reports: ReportsRemoved): ErasureResult {
    return {
      clientId: client.id,
      chatId: client.chatId,
      dialogs: removed.dialogs,
      messages: removed.messages,
      pageVisits: removed.pageVisits,
      markers: removed.markers,
      // the removal statement cancels them with the texts; counted before, they are what went
      queuedFacebookMessages: planned.queuedFacebookMessages,
      reportFiles: reports.removed,
      reportsCancelled: reports.cancelled,
    };
  }

  private async client(clientId: number): Promise<ClientRow> {
    const client = Number.isSafeInteger(clientId) && clientId > 0
      ? await this.deps.prisma.client.findUnique({ where: { id: clientId }, select: { id: true, chatId: true, channel: true, externalId: true, chat: { select: { name: true } } } })
      : null;
    if (!client) throw clientNotFound();
    return client;
  }

  private async counts(client: ClientRow): Promise<ErasureCounts> {
    const { prisma } = this.deps;
    const kept = { clientId: client.id, contentRemovedAt: null };
    const inKept = { dialog: kept };
    const [dialogs, messages, pageVisits, markers, queuedFacebookMessages, reports] = await Promise.all([
      prisma.dialog.count({ where: kept }),
      prisma.message.count({ where: inKept }),
      prisma.pageVisit.count({ where: inKept }),
      prisma.dialogMarker.count({ where: inKept }),
      prisma.message.count({ where: { ...inKept, deliveryStatus: 'pending' } }),
      this.asErased(client).then((erased) => reportsHoldingClient(prisma, erased, ['ready'])),
    ]);
    return { dialogs, messages, pageVisits, markers, queuedFacebookMessages, reportFiles: reports.length };
  }

  private async asErased(client: ClientRow): Promise<ErasedClient> {
    const range = await this.deps.prisma.dialog.aggregate({ where: { clientId: client.id }, _min: { createdAt: true }, _max: { createdAt: true } });
    return { chatId: client.chatId, clientId: client.id, channel: client.channel, firstDialogAt: range._min.createdAt, lastDialogAt: range._max.createdAt };
  }

  /**
   * Closes the client's active dialogues and removes the content of all of them, a batch at a
   * time. Only closed ones are removed: no client message, visit or transfer enters a closed
   * dialogue, so nothing of the client's arrives in it afterwards. One opened meanwhile is closed
   * by the next round.
   */
  private async removeAll(clientId: number): Promise<ContentRemoved> {
    const { prisma, sql, conversations } = this.deps;
    let total = NOTHING_REMOVED;
    for (;;) {
      const active = await prisma.dialog.findMany({ where: { clientId, status: 'active' }, select: { id: true } });
      for (const { id } of active) await conversations.close(id, 'operator');
      const batch = await prisma.dialog.findMany({ where: { clientId, status: 'closed', contentRemovedAt: null }, select: { id: true }, orderBy: { id: 'asc' }, take: ERASURE_BATCH });
      if (batch.length === 0 && active.length === 0) return addRemoved(total, await sweepLateContent(sql, clientId));
      if (batch.length) total = addRemoved(total, await removeDialogContent(sql, batch.map((d) => d.id), 'erasure'));
    }
  }

  // The conversation service opens a client's dialogue under this advisory lock (resume): taking
  // it here, a dialogue is either opened before the new identifier (and removed by the next
  // pass) or after it, for a new client row.
  private async replaceIdentifier(client: ClientRow): Promise<void> {
    if (client.externalId.startsWith(REMOVED_IDENTIFIER_PREFIX)) return;
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`chats-client:${client.chatId}:${client.channel}:${client.externalId}`}))`;
      await tx.$executeRaw`UPDATE clients SET external_id = ${REMOVED_IDENTIFIER_PREFIX}::text || gen_random_uuid()::text WHERE id = ${client.id} AND external_id NOT LIKE ${`${REMOVED_IDENTIFIER_PREFIX}%`}`;
    });
  }
}

// What the bot or an operator stored into a dialogue in the instant its content was removed (a
// bot answer to a client message stored just before, its marker): removed too, and a Facebook
// message of it cancelled. Never client messages (a closed dialogue takes none), so the
// dashboard's phrases need no correction; a marker link set after the removal counts out again.
const SWEEP_MESSAGES = `
  UPDATE messages m SET text = '', external_id = NULL, next_delivery_at = NULL,
    delivery_error = CASE WHEN m.delivery_status = 'pending' THEN $2 ELSE m.delivery_error END,
    delivery_status = CASE WHEN m.delivery_status = 'pending' THEN 'failed'::"DeliveryStatus" ELSE m.delivery_status END
  FROM dialogs d
  WHERE d.id = m.dialog_id AND d.client_id = $1 AND d.content_removed_at IS NOT NULL AND m.author_type <> 'client'
    AND (m.text <> '' OR m.external_id IS NOT NULL OR m.delivery_status = 'pending')`;
const SWEEP_VISITS = 'DELETE FROM page_visits v USING dialogs d WHERE d.id = v.dialog_id AND d.client_id = $1 AND d.content_removed_at IS NOT NULL';
const SWEEP_MARKERS = 'DELETE FROM dialog_markers x USING dialogs d WHERE d.id = x.dialog_id AND d.client_id = $1 AND d.content_removed_at IS NOT NULL';

async function sweepLateContent(sql: SqlRunner, clientId: number): Promise<ContentRemoved> {
  const count = async (statement: string, params: unknown[] = [clientId]) => (await sql.query(`WITH swept AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM swept`, params))[0] as { n: number };
  const messages = (await count(SWEEP_MESSAGES, [clientId, CANCELLED_BY_REMOVAL])).n;
  const pageVisits = (await count(SWEEP_VISITS)).n;
  const markers = (await count(SWEEP_MARKERS)).n;
  return { ...NOTHING_REMOVED, messages, pageVisits, markers };
}
