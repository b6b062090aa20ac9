// The Message resource: a read-only list with filters (dialogue, author type, date, text).
import type { ResourceWithOptions } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { ChatsPrismaResource, type Where } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import type { Datamodel } from '../../../db/dmmf.js';
import { accessRules } from '../../access.js';
import { cappedTotalList } from '../../capped-total.js';
import { withIdTieBreaker } from '../../hooks/list-query.js';
import { messageCostLabels } from '../../hooks/money-labels.js';
import { isUuid } from '../../../domain/uuid.js';

const NONE: Where = { id: { in: [] } };

class MessagePrismaResource extends ChatsPrismaResource {
  constructor(prisma: PrismaClient, datamodel: Datamodel) {
    // a session id is matched whole (the column is a UUID: no substring search on it)
    super(prisma, datamodel, 'Message', {
      virtualFilters: { dialog: (value) => (isUuid(value) ? { dialogId: value.toLowerCase() } : NONE) },
      cappedCount: true,
    });
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
    resource: new MessagePrismaResource(ctx.prisma, ctx.datamodel),
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
