// "Frame code" of a chat: a modal with the iframe and script-loader snippets and Copy buttons.
// The snippets are built and escaped on the server (src/domain/frame-code.ts), for the public URL
// or the host this admin is on (src/admin/base-url.ts).
import React, { useEffect, useState } from 'react';
import { Box, Loader, MessageBox, Modal, Text, type ModalProps } from '@adminjs/design-system';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';
import { useNavigate } from 'react-router';
import CopyField from './CopyField.js';

interface FrameCodeData { widgetUrl: string; iframe: string; script: string }

const api = new ApiClient();

// The design system's Modal is 540px wide and forwards box props to its body, though ModalProps
// does not declare them: wider for code, and scrollable on short screens.
const MODAL_BOX = { width: [1, 760], maxHeight: '90vh', overflowY: 'auto' } as unknown as ModalProps;

const FrameCode: React.FC<ActionProps> = ({ record, resource }) => {
  const { tm } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState<FrameCodeData>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!record) return;
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: 'chatsFrameCode' })
      .then((response) => setCode(response.data.frameCode as FrameCodeData))
      .catch(() => setFailed(true));
  }, [record?.id]);

  const close = () => navigate(resource.href ?? '..');
  return (
    <Modal {...MODAL_BOX} title={tm('frameCodeTitle', resource.id, { name: record?.title ?? '' })} onClose={close} onOverlayClick={close}>
      <Box data-testid="frame-code">
        {failed && <MessageBox variant="danger" message={tm('frameCodeFailed', resource.id)} />}
        {!code && !failed && <Loader />}
        {code && (
          <>
            <Text mb="lg">{tm('frameCodeIntro', resource.id)}</Text>
            <CopyField label={tm('frameCodeIframe', resource.id)} value={code.iframe} rows={3} testId="frame-code-iframe" />
            <CopyField label={tm('frameCodeScript', resource.id)} value={code.script} rows={4} testId="frame-code-script" />
            <Text variant="sm" color="grey60">{tm('frameCodeWidgetUrl', resource.id, { url: code.widgetUrl })}</Text>
          </>
        )}
      </Box>
    </Modal>
  );
};

export default FrameCode;
