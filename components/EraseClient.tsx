// "Erase client" confirmation (Client and Dialog record action): what will go, with the counts
// the server answers (src/privacy/client-erasure.ts previewErasure), and what stays (the billing
// facts); then the erasure, whose notice says what was removed.
import React, { useEffect, useState } from 'react';
import { Box, Button, Icon, Loader, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { useNavigate } from 'react-router';

interface Counts { dialogs: number; messages: number; pageVisits: number; markers: number; queuedFacebookMessages: number; reportFiles: number }

const GOES: (keyof Counts)[] = ['dialogs', 'messages', 'pageVisits', 'markers', 'queuedFacebookMessages', 'reportFiles'];

const api = new ApiClient();

const EraseClient: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { tm, tb } = useTranslation();
  const navigate = useNavigate();
  const addNotice = useNotice();
  const [counts, setCounts] = useState<Counts>();
  const [busy, setBusy] = useState(false);
  const recordId = record?.id ?? '';

  useEffect(() => {
    if (!recordId) return;
    api
      .recordAction({ resourceId: resource.id, recordId, actionName: action.name })
      .then((response) => setCounts((response.data.erasure as { counts: Counts }).counts))
      .catch(() => addNotice({ message: 'errorFetchingRecord', type: 'error' }));
  }, [recordId]);

  const erase = async () => {
    setBusy(true);
    try {
      const { data } = await api.recordAction({ resourceId: resource.id, recordId, actionName: action.name, data: {} });
      if (data.notice) addNotice(data.notice);
      if (data.redirectUrl) navigate(data.redirectUrl);
    } catch (error) {
      // a refusal (the audit log unavailable: 503) carries its own notice in the user's language
      const notice = (error as { response?: { data?: { notice?: Parameters<typeof addNotice>[0] } } }).response?.data?.notice;
      addNotice(notice ?? { message: 'clientNotErased', type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (!counts) return <Loader />;
  return (
    <Box variant="container" data-testid="erase-client">
      <MessageBox variant="danger" mb="xl" message={tm('eraseClientTitle', resource.id)}>
        <Text>{tm('eraseClientGoes', resource.id)}</Text>
        <Box as="ul" mt="sm" mb="default" data-testid="erase-client-goes">
          {GOES.map((key) => <li key={key}><Text>{tm(`eraseClientCount.${key}`, resource.id, { count: counts[key] })}</Text></li>)}
        </Box>
        <Text>{tm('eraseClientStays', resource.id)}</Text>
        <Text mt="default">{tm('eraseClientIrreversible', resource.id)}</Text>
      </MessageBox>
      <Box flex justifyContent="flex-end">
        <Button type="button" variant="outlined" mr="default" onClick={() => navigate(-1)}>
          {tb('cancel', resource.id)}
        </Button>
        <Button type="button" variant="danger" disabled={busy} onClick={erase} data-testid="erase-client-confirm">
          <Icon icon="UserX" />
          {tb('eraseClient', resource.id)}
        </Button>
      </Box>
    </Box>
  );
};

export default EraseClient;
