// A read-only code/text block with a Copy button, shared by the chat action components.
import React, { useRef, useState } from 'react';
import { Box, Button, Icon, Label, TextArea } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

interface CopyFieldProps {
  label: string;
  value: string;
  rows?: number;
  testId?: string;
}

async function copyText(value: string, fallbackField: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    // the Clipboard API needs a secure context (https or localhost); plain-http admin panels use this
    if (!fallbackField) return false;
    fallbackField.select();
    return document.execCommand('copy');
  }
}

const CopyField: React.FC<CopyFieldProps> = ({ label, value, rows = 3, testId }) => {
  const { tb } = useTranslation();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    setCopied(await copyText(value, field.current));
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Box mb="lg">
      <Label>{label}</Label>
      <TextArea
        ref={field}
        value={value}
        readOnly
        rows={rows}
        width={1}
        data-testid={testId}
        style={{ fontFamily: 'monospace', fontSize: 12, resize: 'vertical' }}
        onFocus={(event: React.FocusEvent<HTMLTextAreaElement>) => event.target.select()}
      />
      <Box flex justifyContent="flex-end" mt="sm">
        <Button type="button" size="sm" variant={copied ? 'success' : 'outlined'} onClick={copy}>
          <Icon icon={copied ? 'Check' : 'Copy'} />
          {tb(copied ? 'copied' : 'copy', 'Chat')}
        </Button>
      </Box>
    </Box>
  );
};

export default CopyField;
