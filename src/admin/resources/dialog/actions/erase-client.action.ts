// "Erase client" on a dialogue: erases the dialogue's client (all their dialogues in this chat),
// the same action as on the client (src/admin/resources/client/actions/erase-client.action.ts).
import type { Action, ActionResponse } from 'adminjs';
import type { ChatsAdminContext } from '../../../../context.js';
import { eraseClientAction } from '../../client/actions/erase-client.action.js';

export function eraseDialogClientAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  return eraseClientAction(ctx, 'chatsEraseClient', (record) => Number(record.param('client')));
}
