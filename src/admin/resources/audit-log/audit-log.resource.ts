// The audit log (admins only, read-only): newest first, filterable by user, action and time. The
// database refuses changes to it anyway (migration 20261202050000); here nothing offers one.
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import { accessRules } from '../../access.js';
import { cappedTotalList } from '../../capped-total.js';
import { AUDIT_ACTIONS } from '../../../domain/audit-actions.js';
import { detailsText } from './details-text.js';

/** Every record with its details in words (the virtual "facts"), made from the row before AdminJS flattens it. */
class AuditLogRecords extends ChatsPrismaResource {
  protected override prepareReturnValues(row: Record<string, unknown>): Record<string, unknown> {
    return { ...super.prepareReturnValues(row), facts: detailsText(row.details) };
  }
}

const readOnly = { isAccessible: false, isVisible: false };

export function auditLogResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { adminOnly } = accessRules(ctx.users);
  const { components } = ctx;
  return {
    resource: new AuditLogRecords(ctx.prisma, ctx.datamodel, 'AuditEntry', { cappedCount: true }),
    options: {
      navigation: { name: 'administration', icon: 'Users' },
      titleProperty: 'subject',
      sort: { sortBy: 'at', direction: 'desc' },
      listProperties: ['at', 'action', 'actor', 'address', 'subject'],
      showProperties: ['at', 'action', 'actor', 'actorKey', 'address', 'subject', 'facts'],
      // the subject too: the search looks records up by their title
      filterProperties: ['actor', 'action', 'at', 'subject'],
      properties: {
        at: { isSortable: true, components: { list: components.ListText } },
        action: { isSortable: false, availableValues: AUDIT_ACTIONS.map((value) => ({ value, label: value })) },
        actor: { isSortable: false, components: { list: components.ListText, show: components.ShowOrDash } },
        actorKey: { components: { show: components.ShowOrDash } },
        address: { isSortable: false, components: { show: components.ShowOrDash } },
        subject: { isTitle: true, isSortable: false, components: { list: components.ListText, show: components.ShowOrDash } },
        details: { isVisible: false },
        facts: { type: 'textarea', isSortable: false, isVisible: { list: false, show: true, edit: false, filter: false } },
      },
      actions: {
        list: { isAccessible: adminOnly, ...cappedTotalList(components) },
        show: { isAccessible: adminOnly, custom: { recordTitle: true } },
        search: { isAccessible: adminOnly },
        new: readOnly,
        edit: readOnly,
        delete: readOnly,
        bulkDelete: readOnly,
      },
    },
  };
}
