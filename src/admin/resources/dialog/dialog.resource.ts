// The Dialog resource: the dialogue list with its status, marker and text filters, and Show dialog.
// List filtering goes through the typed DialogFilter (src/domain/dialog-filter.ts), the same value
// the report exports translate to SQL, so an export holds exactly the listed dialogues.
import type { Filter, ResourceWithOptions } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { ChatsPrismaResource, type Where } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import type { Datamodel } from '../../../db/dmmf.js';
import { accessRules } from '../../access.js';
import { cappedTotalList } from '../../capped-total.js';
import { STATUS_FILTER_VALUES, waitingFirstOrder } from '../../../domain/dialog-status.js';
import { parseDialogFilter } from '../../../domain/dialog-filter.js';
import { dialogFilterWhere } from '../../../db/dialog-filter-prisma.js';
import { guardListFilters, withIdTieBreaker } from '../../hooks/list-query.js';
import { enrichList, enrichShow } from './hooks/enrich.hooks.js';
import { messagesPageAction } from './actions/messages-page.action.js';
import { exportAction } from './actions/export.action.js';
import { closeAction, replyAction, takeAction } from './actions/operator.actions.js';
import { waitingFirstAction } from './actions/waiting-first.action.js';
import { eraseDialogClientAction } from './actions/erase-client.action.js';
import { isUuid } from '../../../domain/uuid.js';
import type { SqlRunner } from '../../../db/sql-runner.js';
import { countDialoguesUpTo } from '../../../db/capped-count.js';

const NONE: Where = { id: { in: [] } };
// which filters and values exist is the query guard's; what the values mean, the dialogue filter's
const dialogFilterErrors = (query: Record<string, unknown>) => parseDialogFilter(query).errors;

/** An AdminJS Filter back in query-string form (`filters.createdAt~~from`, ...). */
function filterQuery(filter?: Filter | null): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [path, element] of Object.entries(filter?.filters ?? {})) {
    const value = (element as { value: unknown }).value;
    if (value && typeof value === 'object') {
      for (const end of ['from', 'to'] as const) {
        const bound = (value as Record<string, unknown>)[end];
        if (bound) query[`filters.${path}~~${end}`] = bound;
      }
    } else {
      query[`filters.${path}`] = value;
    }
  }
  return query;
}

class DialogPrismaResource extends ChatsPrismaResource {
  constructor(prisma: PrismaClient, datamodel: Datamodel, private readonly sql: SqlRunner) {
    super(prisma, datamodel, 'Dialog', { cappedCount: true });
  }

  // The same DialogFilter in SQL (dialog-filter-sql.ts), counted up to the cap (capped-count.ts).
  async count(filter: Filter): Promise<number> {
    const query = filterQuery(filter);
    if (query['filters.id'] !== undefined) return super.count(filter); // one session id: one row at most
    const { filter: parsed, errors } = parseDialogFilter(query);
    if (Object.keys(errors).length) return 0; // the list's before hook reports these
    return countDialoguesUpTo(this.sql, parsed, this.countCapFor(filter));
  }

  buildWhere(filter?: Filter | null): Where {
    const query = filterQuery(filter);
    const sessionId = query['filters.id'];
    delete query['filters.id'];
    const { filter: parsed, errors } = parseDialogFilter(query);
    if (Object.keys(errors).length) return NONE; // the list's before hook reports these
    const where = dialogFilterWhere(parsed);
    if (sessionId === undefined) return where;
    // a session id is matched whole: the column is a UUID, with no substring search on it
    const byId = typeof sessionId === 'string' && isUuid(sessionId.trim()) ? { id: sessionId.trim().toLowerCase() } : NONE;
    return Object.keys(where).length ? { AND: [where, byId] } : byId;
  }

  // Prisma takes a list here; the base class declares a single object, hence the cast.
  protected override buildSortBy(sort: { sortBy?: string; direction?: 'asc' | 'desc' } = {}): never {
    if (sort.sortBy === 'status') return waitingFirstOrder(sort.direction ?? 'asc') as never;
    return withIdTieBreaker(super.buildSortBy(sort), sort.direction ?? 'desc') as never;
  }
}

export function dialogResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { adminOnly, anyUser } = accessRules(ctx.users);
  const components = ctx.components;
  const notSortable = { isSortable: false };
  return {
    resource: new DialogPrismaResource(ctx.prisma, ctx.datamodel, ctx.sql),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['id', 'chat', 'client', 'channel', 'status', 'createdAt', 'cost', 'operator'],
      filterProperties: ['status', 'chat', 'channel', 'operator', 'markers', 'createdAt', 'client', 'text'],
      showProperties: ['id', 'createdAt', 'cost', 'client', 'chat', 'channel', 'status', 'operator', 'transferredAt', 'firstOperatorReplyAt', 'closedAt', 'messageCount'],
      properties: {
        id: { isTitle: true, ...notSortable, components: { list: components.ShortIdCell } },
        chat: { ...notSortable, components: { list: components.ReferenceCell } },
        client: { ...notSortable, components: { list: components.ReferenceCell } },
        channel: notSortable,
        operator: { ...notSortable, components: { list: components.ReferenceCell } },
        status: {
          // The filter offers the options of PRODUCT.md; list and show display the stored status.
          availableValues: STATUS_FILTER_VALUES.map((value) => ({ value, label: value })),
          // sorting by status puts the dialogues waiting for an operator first (waiting-first.ts)
          isSortable: true,
          components: { list: components.DialogStatusBadge, show: components.DialogStatusBadge, filter: components.DialogStatusFilter },
        },
        cost: { isSortable: true, components: { list: components.MoneyCell, show: components.MoneyCell } },
        createdAt: { isSortable: true },
        markers: {
          type: 'reference',
          reference: 'Marker',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        text: { type: 'string', isVisible: { list: false, show: false, edit: false, filter: true } },
        lastMessageAt: { isVisible: false },
        messageCount: { isVisible: { list: false, show: true, edit: false, filter: false } },
      },
      actions: {
        list: { isAccessible: anyUser, before: guardListFilters(dialogFilterErrors), after: enrichList(ctx), ...cappedTotalList(components) },
        show: { isAccessible: anyUser, component: components.DialogShow, after: enrichShow(ctx), custom: { recordTitle: true } },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: adminOnly },
        bulkDelete: { isAccessible: false },
        chatsMessagesPage: messagesPageAction(ctx),
        chatsExport: exportAction(ctx),
        chatsWaitingFirst: waitingFirstAction(ctx),
        chatsTake: takeAction(ctx),
        chatsReply: replyAction(ctx),
        chatsClose: closeAction(ctx),
        chatsEraseClient: eraseDialogClientAction(ctx),
      },
    },
  };
}
