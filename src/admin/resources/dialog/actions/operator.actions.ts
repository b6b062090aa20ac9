// Operator record actions on a dialogue: Take, Reply and Close (admins and operators; shown for
// active dialogues only). They change things on POST only: a GET (the action page opening, a
// link) just returns the record, so a crafted link cannot make an operator act. The work is done
// by the conversation service (src/conversations/conversation-service.ts), which publishes the reply to the
// widget or Messenger and the status to every watcher. Its refusals (an empty reply, a closed
// dialogue) are answered with their status and a notice, the field's on the record.
import { NotFoundError, type Action, type ActionContext, type ActionResponse } from 'adminjs';
import { accessRules } from '../../../access.js';
import type { ChatsAdminContext } from '../../../../context.js';
import { ConversationError } from '../../../../conversations/conversation-service.js';
import type { LiveMessage } from '../../../../conversations/live-hub.js';
import { ChatsError } from '../../../../domain/errors.js';
import { chatsErrorAnswer, type AdminResponse } from '../../../error-answer.js';

export type OperatorActionName = 'chatsTake' | 'chatsReply' | 'chatsClose';

interface Operator { id: number; name: string | null }
type Work = (dialogId: string, operator: Operator, payload: Record<string, unknown>) => Promise<{ notice: string; message?: LiveMessage }>;

const isActive = (context: ActionContext): boolean => context.record?.param('status') === 'active';

/** The dialogue's operator is the signed-in user (the populated operator row carries their user id). */
const isMine = (ctx: ChatsAdminContext, context: ActionContext): boolean => {
  const userKey = context.record?.populated?.operator?.param('userKey');
  return userKey != null && String(userKey) === ctx.users.current(context.currentAdmin)?.id;
};

/** The signed-in user as an operator row (created on first use): messages and dialogues reference it. */
async function operatorOf(ctx: ChatsAdminContext, context: ActionContext): Promise<Operator> {
  const user = ctx.users.current(context.currentAdmin);
  if (!user) throw new ChatsError('forbidden', 'operatorUnknown', 'Your account is not an operator account of this panel');
  return ctx.users.operatorOf(user);
}

function operatorAction(ctx: ChatsAdminContext, name: OperatorActionName, icon: string, work: Work, isVisible: (context: ActionContext) => boolean): Partial<Action<ActionResponse>> {
  return {
    name,
    actionType: 'record',
    icon,
    component: ctx.components.OperatorAction,
    showInDrawer: true,
    isAccessible: accessRules(ctx.users).operatorsAndAdmins,
    isVisible,
    handler: async (request, response, context) => {
      const { record, currentAdmin, resource } = context;
      if (!record) throw new NotFoundError('dialogue not found', name);
      if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      let result: Awaited<ReturnType<Work>>;
      try {
        const operator = await operatorOf(ctx, context);
        result = await work(String(record.id()), operator, (request.payload ?? {}) as Record<string, unknown>);
      } catch (error) {
        const answer = chatsErrorAnswer(response as AdminResponse, error);
        const json = record.toJSON(currentAdmin);
        return { ...answer, record: { ...json, errors: { ...json.errors, ...answer.errors } } };
      }
      const fresh = await resource.findOne(String(record.id()), context);
      return {
        record: (fresh ?? record).toJSON(currentAdmin),
        notice: { message: result.notice, type: 'success' },
        ...(result.message ? { message: result.message } : {}),
      };
    },
  };
}

export function takeAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  return operatorAction(ctx, 'chatsTake', 'UserCheck', async (dialogId, operator) => {
    await ctx.conversations.take(dialogId, operator.id);
    return { notice: 'dialogTaken' };
  }, (context) => isActive(context) && !isMine(ctx, context));
}

export function replyAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  return operatorAction(ctx, 'chatsReply', 'Send', async (dialogId, operator, payload) => {
    const message = await ctx.conversations.operatorReply({ dialogId, operatorId: operator.id, operatorName: operator.name, text: String(payload.text ?? '') });
    return { notice: 'replySent', message };
  }, isActive);
}

export function closeAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  return operatorAction(ctx, 'chatsClose', 'XCircle', async (dialogId) => {
    const closed = await ctx.conversations.close(dialogId, 'operator');
    if (!closed) throw new ConversationError('dialog_closed', 'This dialogue is closed');
    return { notice: 'dialogClosed' };
  }, isActive);
}
