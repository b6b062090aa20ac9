// "Connect Facebook" on a chat row (admins only). GET: the connection with masked secrets, the
// webhook URL and verify token for the Meta app. POST: connect/update ({pageId, pageName,
// pageAccessToken, appSecret}) or `{ operation: "disconnect" }`.
import { NotFoundError, ValidationError, type Action, type ActionRequest, type ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { accessRules } from '../../../access.js';
import { FacebookConnections } from '../../../../channels/facebook/connection.js';
import { hasErrors, validateFacebookForm } from '../../../../domain/chat-validation.js';
import { facebookWebhookUrl } from '../../../../domain/public-urls.js';
import { baseUrlFor } from '../../../base-url.js';
import { toPropertyErrors } from '../hooks/save.hooks.js';
import { auditEntry } from '../../../../audit/request-context.js';
import { chatSubject } from '../chat-audit.js';

type Notice = ActionResponse['notice'];

export function connectFacebookAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  const { adminOnly } = accessRules(ctx.users);
  const connections = new FacebookConnections(ctx.prisma, ctx.secret);

  async function save(request: ActionRequest, chatId: number, name: unknown): Promise<Notice> {
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const subject = chatSubject({ id: chatId, name });
    if (payload.operation === 'disconnect') {
      const was = await connections.view(chatId);
      await connections.disconnect(chatId, auditEntry('facebook_disconnected', subject, { id: chatId, pageId: was?.pageId ?? null, pageName: was?.pageName ?? null }));
      return { message: 'facebookDisconnected', type: 'success', resourceId: 'Chat' };
    }
    const current = await connections.view(chatId);
    // unreadable stored secrets cannot be kept: they must be entered again
    const canKeepSecrets = !!current?.connected && current.secretsReadable;
    const { values, errors } = validateFacebookForm(payload, canKeepSecrets);
    if (hasErrors(errors)) throw new ValidationError(toPropertyErrors(errors));
    // which secrets were replaced, never their values
    const replaced = [...(values.pageAccessToken ? ['pageAccessToken'] : []), ...(values.appSecret ? ['appSecret'] : [])];
    const details = { id: chatId, pageId: values.pageId, pageName: values.pageName, update: !!current?.connected, replaced };
    await connections.connect(chatId, values, auditEntry('facebook_connected', subject, details));
    return { message: 'facebookConnected', type: 'success', resourceId: 'Chat' };
  }

  return {
    actionType: 'record',
    icon: 'Facebook',
    component: ctx.components.ConnectFacebook,
    isAccessible: adminOnly,
    handler: async (request, _response, { record, resource, currentAdmin }) => {
      if (!record) throw new NotFoundError('chat not found', 'chatsConnectFacebook');
      const chatId = Number(record.id());
      const notice = request.method === 'post' ? await save(request, chatId, record.param('name')) : undefined;
      const fresh = (await resource.findOne(String(chatId))) ?? record;
      const facebook = await connections.view(chatId);
      const webhookUrl = facebookWebhookUrl(baseUrlFor(ctx, request), String(fresh.param('publicKey')));
      return { record: fresh.toJSON(currentAdmin), facebook: { ...facebook, webhookUrl }, notice };
    },
  };
}
