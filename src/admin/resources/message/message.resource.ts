// The Message resource: a read-only list with filters (dialogue, author type, date, text).
import type { Filter, ResourceWithOptions } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { ChatsPrismaResource, type Where } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import type { Datamodel } from '../../../db/dmmf.js';
import { accessRules } from '../../access.js';
import { cappedTotalList } from '../../capped-total.js';
import { withIdTieBreaker } from '../../hooks/list-query.js';
import { messageCostLabels } from '../../hooks/money-labels.js';
import { isUuid } from '../../../domain/uuid.js';
import type { SqlRunner } from '../../../db/sql-runner.js';
import { messageFilterSql, type MessageFilter } from '../../../db/message-filter-sql.js';
import { countUpTo } from '../../../db/capped-count.js';

const NONE: Where = { id: { in: [] } };

/** The list's filter as a MessageFilter, or undefined when it has a filter the type does not know. */
export function messageFilterOf(filter?: Filter | null): MessageFilter | undefined {
  const result: MessageFilter = {};
  for (const [path, element] of Object.entries(filter?.filters ?? {})) {
    const value = (element as { value: unknown }).value;
    if (path === 'sentAt' && value && typeof value === 'object') {
      const { from, to } = value as { from?: string; to?: string };
      if (from) result.sentFrom = new Date(from);
      if (to) result.sentTo = new Date(to);
    } else if (typeof value !== 'string' || value === '') {
      return undefined;
    } else if (path === 'dialog' || path === 'authorType' || path === 'deliveryStatus' || path === 'text') {
      result[path] = value;
    } else {
      return undefined;
    }
  }
  return result;
}

class MessagePrismaResource extends ChatsPrismaResource {
  constructor(prisma: PrismaClient, datamodel: Datamodel, private readonly sql: SqlRunner) {
    // a session id is matched whole (the column is a UUID: no substring search on it)
    super(prisma, datamodel, 'Message', {
      virtualFilters: { dialog: (value) => (isUuid(value) ? { dialogId: value.toLowerCase() } : NONE) },
      cappedCount: true,
    });
  }

  // Counted in SQL up to the cap (src/db/capped-count.ts), unless a filter is one it does not know.
  async count(filter: Filter): Promise<number> {
    const known = messageFilterOf(filter);
    if (!known) return super.count(filter);
    return countUpTo(this.sql, 'messages m', messageFilterSql(known), this.countCapFor(filter));
  }

  // Prisma takes a list here; the base class declares a single object, hence the cast.
  protected override buildSortBy(sort: { sortBy?: string; direction?: 'asc' | 'desc' } = {}): never {
    return withIdTieBreaker(super.buildSortBy(sort), sort.direction ?? 'desc') as never;
  }
}

export function messageResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { anyUser } = accessRules(ctx.users);
  const { components } = ctx;
  const notSortable = { isSortable: false };
  // "—" on the show page when a nullable field is empty
  const showOrDash = { components: { show: components.ShowOrDash } };
  return {
    resource: new MessagePrismaResource(ctx.prisma, ctx.datamodel, ctx.sql),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      sort: { sortBy: 'sentAt', direction: 'desc' },
      // delivery*: the Facebook Send API state of an outgoing message (empty for the web widget)
      listProperties: ['sentAt', 'dialog', 'authorType', 'authorName', 'text', 'cost', 'deliveryStatus'],
      filterProperties: ['dialog', 'authorType', 'sentAt', 'text', 'deliveryStatus'],
      showProperties: ['id', 'sentAt', 'dialog', 'authorType', 'authorName', 'operator', 'text', 'isPaid', 'cost', 'deliveryStatus', 'deliveryAttempts', 'deliveryError', 'nextDeliveryAt'],
      properties: {
        // a long message is cut after two lines in the list (whole text on hover and on the show page)
        text: { type: 'textarea', ...notSortable, components: { list: components.ListText }, custom: { lines: 2 } },
        sentAt: { isSortable: true, components: { list: components.ListText } },
        // "0.05 USD": the currency of the dialogue's chat (messageCostLabels)
        cost: { isSortable: true, components: { list: components.MoneyCell, show: components.MoneyCell } },
        dialog: notSortable,
        authorType: notSortable,
        authorName: { ...notSortable, components: { list: components.ListText, show: components.ShowOrDash } },
        operator: showOrDash,
        deliveryStatus: { ...notSortable, components: { list: components.ListText, show: components.ShowOrDash } },
        deliveryError: { type: 'textarea', ...notSortable, ...showOrDash },
        nextDeliveryAt: showOrDash,
      },
      actions: {
        list: { isAccessible: anyUser, after: messageCostLabels(ctx.prisma), ...cappedTotalList(components) },
        show: { isAccessible: anyUser, after: messageCostLabels(ctx.prisma) },
        search: { isAccessible: anyUser },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
