// Delete confirmation for a chat: states how many dialogues and messages will be removed with it.
import React, { useEffect, useState } from 'react';
import { Box, Button, Icon, Loader, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { useNavigate } from 'react-router';

interface Deletion { dialogs: number; messages: number }

const api = new ApiClient();

const DeleteChat: React.FC<ActionProps> = ({ record, resource }) => {
  const { tm, tb } = useTranslation();
  const navigate = useNavigate();
  const addNotice = useNotice();
  const [deletion, setDeletion] = useState<Deletion>();
  const [busy, setBusy] = useState(false);
  const recordId = record?.id ?? '';

  useEffect(() => {
    if (!recordId) return;
    api
      .recordAction({ resourceId: resource.id, recordId, actionName: 'delete' })
      .then((response) => setDeletion(response.data.deletion as Deletion))
      .catch(() => addNotice({ message: 'errorFetchingRecord', type: 'error' }));
  }, [recordId]);

  const remove = async () => {
    setBusy(true);
    try {
      const { data } = await api.recordAction({ resourceId: resource.id, recordId, actionName: 'delete', data: {} });
      if (data.notice) addNotice(data.notice);
      if (data.redirectUrl) navigate(data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  if (!deletion) return <Loader />;
  return (
    <Box variant="container" data-testid="delete-chat">
      <MessageBox
        variant="danger"
        mb="xl"
        message={tm('deleteChatTitle', resource.id, { name: record?.title ?? '' })}
      >
        <Text>{tm('deleteChatConsequences', resource.id, deletion)}</Text>
        <Text mt="default">{tm('deleteChatIrreversible', resource.id)}</Text>
      </MessageBox>
      <Box flex justifyContent="flex-end">
        <Button type="button" variant="outlined" mr="default" onClick={() => navigate(resource.href ?? '..')}>
          {tb('cancel', resource.id)}
        </Button>
        <Button type="button" variant="danger" disabled={busy} onClick={remove} data-testid="delete-chat-confirm">
          <Icon icon="Trash2" />
          {tb('deleteChat', resource.id)}
        </Button>
      </Box>
    </Box>
  );
};

export default DeleteChat;
