// Operator actions on a dialogue. Default export: the drawer of the Take / Reply / Close record
// actions (a confirmation, or a reply box). `OperatorPanel`: the same controls inline on the
// dialogue page (components/DialogShow.tsx). Both POST to the record action; the server refuses
// users who may not act and dialogues already closed.
import React, { useState } from 'react';
import { Box, Button, FormGroup, FormMessage, Icon, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, ViewHelpers, useNotice, useTranslation, type ActionProps, type RecordJSON } from 'adminjs';
import { useNavigate } from 'react-router';

export type OperatorActionName = 'chatsTake' | 'chatsReply' | 'chatsClose';
export interface SentMessage { id: number; authorType: string; authorName: string | null; text: string; sentAt: string }

const api = new ApiClient();
const h = new ViewHelpers();
const MAX_TEXT = 4000;

interface ActionResult { ok: boolean; error?: string; message?: SentMessage }
/** An answer of the action; a refusal (4xx) carries its `code` and a notice (src/admin/error-answer.ts). */
interface ActionBody { code?: string; notice?: { message: string; type?: string }; record?: RecordJSON; message?: SentMessage }

/** Calls the action with POST; notices go to the usual notice bar. */
function useOperatorCall(resourceId: string, recordId: string) {
  const addNotice = useNotice();
  const { tm } = useTranslation();
  const answer = (body: ActionBody): ActionResult => {
    const fieldError = body.record?.errors?.text;
    if (fieldError) return { ok: false, error: tm(fieldError.message, resourceId) };
    if (body.notice) addNotice({ ...body.notice, resourceId } as never);
    return { ok: body.notice?.type !== 'error', message: body.message };
  };
  return async (actionName: OperatorActionName, data: Record<string, string> = {}): Promise<ActionResult> => {
    try {
      const response = await api.recordAction({ resourceId, recordId, actionName, data });
      return answer(response.data as ActionBody);
    } catch (failure) {
      const { status, data: body } = (failure as { response?: { status?: number; data?: ActionBody } }).response ?? {};
      // the server's own refusal (an empty reply, a closed dialogue) says what is wrong
      if (body?.code !== undefined && body.notice) return answer(body);
      const error = tm(status === 403 ? 'operatorForbidden' : 'operatorActionFailed', resourceId);
      addNotice({ message: error, type: 'error' });
      return { ok: false, error };
    }
  };
}

const ReplyBox: React.FC<{ resourceId: string; busy: boolean; error?: string; onSend: (text: string) => Promise<boolean> }> = ({ resourceId, busy, error, onSend }) => {
  const { tm, tb } = useTranslation();
  const [text, setText] = useState('');
  const send = async () => {
    if (await onSend(text)) setText('');
  };
  return (
    <FormGroup error={Boolean(error)} mb="default">
      <TextArea
        value={text}
        rows={3}
        maxLength={MAX_TEXT}
        style={{ width: '100%' }}
        placeholder={tm('replyPlaceholder', resourceId)}
        data-testid="operator-reply-text"
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
        onKeyDown={(event: React.KeyboardEvent<HTMLTextAreaElement>) => {
          // Ctrl/Cmd+Enter sends, Enter alone makes a new line
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
        }}
      />
      {error ? <FormMessage>{error}</FormMessage> : null}
      <Button mt="default" variant="contained" disabled={busy || !text.trim()} onClick={() => void send()} data-testid="operator-reply-send">
        <Icon icon="Send" />{tb('sendReply', resourceId)}
      </Button>
    </FormGroup>
  );
};

export interface OperatorPanelProps {
  resourceId: string;
  recordId: string;
  /** The actions this user may take now. */
  actions: OperatorActionName[];
  onSent?: (message: SentMessage) => void;
}

/** Inline controls on the dialogue page. */
export const OperatorPanel: React.FC<OperatorPanelProps> = ({ resourceId, recordId, actions, onSent }) => {
  const { tb } = useTranslation();
  const call = useOperatorCall(resourceId, recordId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (actions.length === 0) return null;
  const run = async (name: OperatorActionName, data?: Record<string, string>) => {
    setBusy(true);
    try {
      const result = await call(name, data);
      setError(result.ok ? undefined : result.error);
      if (result.message) onSent?.(result.message);
      return result.ok;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box mt="xl" p="lg" borderWidth="1px" borderStyle="solid" borderColor="separator" style={{ borderRadius: 6 }} data-testid="operator-panel">
      {actions.includes('chatsReply') ? <ReplyBox resourceId={resourceId} busy={busy} error={error} onSend={(text) => run('chatsReply', { text })} /> : null}
      <Box flex style={{ gap: 8 }}>
        {actions.includes('chatsTake') ? (
          <Button variant="outlined" size="sm" disabled={busy} onClick={() => void run('chatsTake')} data-testid="operator-take">
            <Icon icon="UserCheck" />{tb('takeDialog', resourceId)}
          </Button>
        ) : null}
        {actions.includes('chatsClose') ? (
          <Button variant="outlined" color="danger" size="sm" disabled={busy} onClick={() => void run('chatsClose')} data-testid="operator-close">
            <Icon icon="XCircle" />{tb('closeDialog', resourceId)}
          </Button>
        ) : null}
      </Box>
    </Box>
  );
};

/** The drawer of the Take / Reply / Close actions. */
const OperatorAction: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { tm, tb } = useTranslation();
  const navigate = useNavigate();
  const recordId = String(record?.id ?? '');
  const call = useOperatorCall(resource.id, recordId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = action.name as OperatorActionName;
  const run = async (data?: Record<string, string>) => {
    setBusy(true);
    const result = await call(name, data);
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    if (result.ok) navigate(h.recordActionUrl({ resourceId: resource.id, recordId, actionName: 'show' }));
    return result.ok;
  };
  if (name === 'chatsReply') return <Box variant="container"><ReplyBox resourceId={resource.id} busy={busy} error={error} onSend={(text) => run({ text })} /></Box>;
  return (
    <Box variant="container">
      <Text mb="lg">{tm(name === 'chatsTake' ? 'takeConfirm' : 'closeConfirm', resource.id)}</Text>
      <Button variant="contained" color={name === 'chatsClose' ? 'danger' : undefined} disabled={busy} onClick={() => void run()} data-testid={`operator-${name.replace(/^chats/, '').toLowerCase()}-confirm`}>
        {tb(name === 'chatsTake' ? 'takeDialog' : 'closeDialog', resource.id)}
      </Button>
    </Box>
  );
};

export default OperatorAction;
