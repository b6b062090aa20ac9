// The Chat resource: list with search by name, new, edit, delete, and the chat row actions
// (src/admin/actions/chat/).
import type { ResourceWithOptions } from 'adminjs';
import { ChatsPrismaResource } from '../../prisma-resource.js';
import type { ChatsAdminContext } from '../../../context.js';
import { accessRules } from '../../access.js';
import { CHAT_FORM_FIELDS } from '../../../domain/chat-validation.js';
import { chatSaveHook } from './hooks/save.hooks.js';
import { frameCodeAction } from './actions/frame-code.action.js';
import { connectFacebookAction } from './actions/connect-facebook.action.js';
import { viewDialogsAction } from './actions/view-dialogs.action.js';
import { deleteChatAction } from './actions/delete.action.js';
import { chatPriceLabels } from '../../hooks/money-labels.js';
import { chatAudit } from './chat-audit.js';

/** The Facebook secrets and verify token: shown masked by Connect Facebook only, never in a record. */
const SERVER_ONLY = ['fbPageTokenEnc', 'fbAppSecretEnc', 'fbVerifyToken'];

export function chatResource(ctx: ChatsAdminContext): ResourceWithOptions {
  const { adminOnly, anyUser } = accessRules(ctx.users);
  const { components } = ctx;
  // "—" on the show page when a nullable field is empty
  const showOrDash = { components: { show: components.ShowOrDash } };
  return {
    resource: new ChatsPrismaResource(ctx.prisma, ctx.datamodel, 'Chat', { serverOnly: SERVER_ONLY, audit: chatAudit }),
    options: {
      navigation: { name: 'chats', icon: 'MessageCircle' },
      titleProperty: 'name',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      // "prices": both channels' prices with the currency in one column, so the list fits its card
      listProperties: ['name', 'allowedOrigins', 'prices', 'fbPageName', 'createdAt'],
      filterProperties: ['name', 'createdAt'],
      editProperties: [...CHAT_FORM_FIELDS],
      showProperties: ['id', 'name', 'publicKey', 'allowedOrigins', 'priceWeb', 'priceFacebook', 'currency', 'greeting', 'botRules', 'fallbackAnswer', 'inactivityTimeoutMinutes', 'retention', 'fbPageName', 'fbPageId', 'fbConnectedAt', 'createdAt', 'updatedAt'],
      properties: {
        id: { isVisible: { list: true, show: true, edit: false, filter: false } },
        name: { isTitle: true, isRequired: true, components: { list: components.ListText } },
        // @adminjs/prisma neither reports list columns as arrays nor tells defaulted columns from
        // required ones; without this the browser would demand values the server fills in
        allowedOrigins: { isArray: true, isRequired: false, components: { list: components.OriginsCell, show: components.OriginsCell } },
        // money with the chat's currency; labels from chatPriceLabels
        priceWeb: { isRequired: false, components: { show: components.MoneyCell } },
        priceFacebook: { isRequired: false, components: { show: components.MoneyCell } },
        prices: {
          type: 'string',
          isSortable: false,
          isVisible: { list: true, show: false, edit: false, filter: false },
          components: { list: components.ChatPrices },
        },
        currency: { isRequired: false },
        inactivityTimeoutMinutes: { isRequired: false },
        // empty: kept forever (src/domain/chat-validation.ts)
        retentionDays: { isRequired: false, type: 'number' },
        // the show page's summary of the period and the last run (retention_last_run_at, retention_last_removed)
        retention: {
          type: 'string',
          isSortable: false,
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: components.RetentionSummary },
        },
        retentionLastRunAt: { isVisible: false },
        retentionLastRemoved: { isVisible: false },
        publicKey: { isVisible: { list: false, show: true, edit: false, filter: false } },
        greeting: { type: 'textarea', ...showOrDash },
        fallbackAnswer: { type: 'textarea', ...showOrDash },
        fbPageName: { components: { list: components.ListText, show: components.ShowOrDash } },
        fbPageId: showOrDash,
        fbConnectedAt: showOrDash,
        createdAt: { components: { list: components.ListText } },
        botRules: {
          isVisible: { list: false, show: true, edit: true, filter: false },
          components: { edit: ctx.components.BotRulesEdit, show: ctx.components.BotRulesEdit },
        },
        fbPageTokenEnc: { isVisible: false },
        fbAppSecretEnc: { isVisible: false },
        fbVerifyToken: { isVisible: false },
      },
      actions: {
        list: { isAccessible: anyUser, after: chatPriceLabels() },
        // titled with the chat's name, also in the breadcrumbs (components/RecordActionHeader.tsx)
        show: { isAccessible: anyUser, after: chatPriceLabels(), custom: { recordTitle: true } },
        search: { isAccessible: anyUser },
        new: { isAccessible: adminOnly, before: chatSaveHook('create') },
        edit: { isAccessible: adminOnly, before: chatSaveHook('update'), custom: { recordTitle: true } },
        delete: deleteChatAction(ctx),
        bulkDelete: { isAccessible: false },
        chatsFrameCode: frameCodeAction(ctx),
        chatsConnectFacebook: connectFacebookAction(ctx),
        chatsViewDialogs: viewDialogsAction(ctx),
      },
    },
  };
}
