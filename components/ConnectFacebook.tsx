// "Connect Facebook" for a chat (admins only): the page form, the values to enter in the Meta app
// (webhook URL, verify token), and Disconnect. Secrets come back from the server masked only.
import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, FormMessage, H3, Input, Label, Loader, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient, useModal, useNotice, useTranslation, type ActionProps } from 'adminjs';
import CopyField from './CopyField.js';
import type { FacebookConnectionView } from '../src/channels/facebook/connection.js';

// the same view the server builds (type only: erased from the browser bundle)
type FacebookView = FacebookConnectionView & { webhookUrl: string };

const FIELDS = ['pageId', 'pageName', 'pageAccessToken', 'appSecret'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;
const SECRET_FIELDS: Field[] = ['pageAccessToken', 'appSecret'];
const EMPTY: Form = { pageId: '', pageName: '', pageAccessToken: '', appSecret: '' };

const api = new ApiClient();

const ConnectFacebook: React.FC<ActionProps> = ({ record, resource }) => {
  const { tm, tb } = useTranslation();
  const addNotice = useNotice();
  const { openModal } = useModal();
  const [view, setView] = useState<FacebookView>();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, { message: string }>>({});
  const [busy, setBusy] = useState(false);
  const recordId = record?.id ?? '';
  const t = (key: string, options?: Record<string, unknown>) => tm(key, resource.id, options);

  const show = (next: FacebookView) => {
    setView(next);
    setForm({ ...EMPTY, pageId: next.pageId ?? '', pageName: next.pageName ?? '' });
    setErrors({});
  };

  const call = async (data?: Record<string, string>) => {
    setBusy(true);
    try {
      const response = await api.recordAction({
        resourceId: resource.id, recordId, actionName: 'chatsConnectFacebook', data,
      });
      const { facebook, notice, record: returned } = response.data;
      if (notice) addNotice(notice);
      const fieldErrors = returned?.errors ?? {};
      if (Object.keys(fieldErrors).length) setErrors(fieldErrors);
      else if (facebook) show(facebook as FacebookView);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (recordId) call();
  }, [recordId]);

  const disconnect = () => openModal({
    modalProps: { variant: 'danger', label: 'confirm', title: 'facebookDisconnectConfirm' },
    type: 'confirm',
    resourceId: resource.id,
    confirmAction: () => call({ operation: 'disconnect' }),
  });

  if (!view) return <Loader />;
  const keepHint = view.connected && view.secretsReadable;
  const masked: Partial<Record<Field, string | null>> = { pageAccessToken: view.pageAccessTokenMasked, appSecret: view.appSecretMasked };
  return (
    <Box variant="container" data-testid="connect-facebook">
      {view.connected ? (
        <MessageBox variant="success" mb="xl" message={t('facebookConnectedTo', { page: view.pageName ?? view.pageId })}>
          <Text>{t('facebookConnectedSince', { date: view.connectedAt ? new Date(view.connectedAt).toLocaleString() : '' })}</Text>
        </MessageBox>
      ) : (
        <MessageBox variant="info" mb="xl" message={t('facebookNotConnected')} />
      )}
      {view.connected && !view.secretsReadable && <MessageBox variant="danger" mb="xl" message={t('facebookSecretsUnreadable')} />}

      {view.connected && view.verifyToken && (
        <Box mb="xl">
          <H3>{t('facebookMetaSettings')}</H3>
          <Text mb="lg">{t('facebookMetaSettingsHelp')}</Text>
          <CopyField label={t('facebookWebhookUrl')} value={view.webhookUrl} rows={1} testId="facebook-webhook-url" />
          <CopyField label={t('facebookVerifyToken')} value={view.verifyToken} rows={1} testId="facebook-verify-token" />
        </Box>
      )}

      <Box as="form" onSubmit={(event: React.FormEvent) => { event.preventDefault(); call(form); }}>
        <H3>{t(view.connected ? 'facebookUpdateTitle' : 'facebookConnectTitle')}</H3>
        {FIELDS.map((field) => {
          const isSecret = SECRET_FIELDS.includes(field);
          return (
            <FormGroup key={field} error={!!errors[field]}>
              <Label htmlFor={`facebook-${field}`} required={!isSecret || !keepHint}>{t(`facebookField_${field}`)}</Label>
              {isSecret && masked[field] && <Text variant="sm" mb="sm">{t('facebookStoredSecret', { masked: masked[field] })}</Text>}
              <Input
                id={`facebook-${field}`}
                name={field}
                type={isSecret ? 'password' : 'text'}
                autoComplete={isSecret ? 'new-password' : 'off'}
                value={form[field]}
                placeholder={isSecret && keepHint ? t('facebookKeepSecret') : ''}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [field]: event.target.value })}
              />
              <FormMessage>{errors[field] && t(errors[field].message)}</FormMessage>
            </FormGroup>
          );
        })}
        <Box flex justifyContent="space-between" mt="xl">
          <Button type="submit" variant="contained" disabled={busy} data-testid="facebook-save">
            {tb(view.connected ? 'facebookSave' : 'facebookConnect', resource.id)}
          </Button>
          {view.connected && (
            <Button type="button" variant="danger" disabled={busy} onClick={disconnect} data-testid="facebook-disconnect">
              {tb('facebookDisconnect', resource.id)}
            </Button>
          )}
        </Box>
      </Box>
    </Box>
  );
};

export default ConnectFacebook;
