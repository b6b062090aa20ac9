// The period's totals as four cards above the charts.
import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import { formatNumber, formatPercent } from './charts/format.js';

export interface DashboardTotalsValues { dialogues: number; transfers: number; noOperatorResponse: number; messages: number }

interface Props {
  totals: DashboardTotalsValues;
  days: number;
  language: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

interface CardProps { label: string; value: string; note?: string; accent: string; testId: string }

const Card: React.FC<CardProps> = ({ label, value, note, accent, testId }) => (
  <Box variant="card" px="xl" py="lg" style={{ flex: '1 1 200px', minWidth: 0, borderTop: `3px solid ${accent}` }} data-testid={testId} title={label}>
    <Text color="grey60" mb="default" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{label}</Text>
    <Text fontSize="h3" fontWeight="bold" color="grey100" style={{ lineHeight: 1.1 }}>{value}</Text>
    <Text fontSize="sm" color="grey60" mt="default" style={{ minHeight: 16 }}>{note ?? ''}</Text>
  </Box>
);

const DashboardTotals: React.FC<Props> = ({ totals, days, language, t }) => {
  const number = (value: number) => formatNumber(language, value);
  const perDay = (value: number) => t('totals.perDay', { value: formatNumber(language, Math.round((value / Math.max(1, days)) * 10) / 10) });
  const share = (part: number, whole: number) => (whole > 0 ? formatPercent(language, part / whole) : '—');
  return (
    <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 16 }} mb="xl">
      <Card testId="total-dialogues" label={t('totals.dialogues')} value={number(totals.dialogues)} note={perDay(totals.dialogues)} accent="#3040D6" />
      <Card testId="total-transfers" label={t('totals.transfers')} value={number(totals.transfers)} note={t('totals.ofDialogues', { share: share(totals.transfers, totals.dialogues) })} accent="#38CAF1" />
      <Card
        testId="total-no-response"
        label={t('totals.noOperatorResponse')}
        value={number(totals.noOperatorResponse)}
        note={t('totals.ofTransfers', { share: share(totals.noOperatorResponse, totals.transfers) })}
        accent="#FF4567"
      />
      <Card testId="total-messages" label={t('totals.messages')} value={number(totals.messages)} note={perDay(totals.messages)} accent="#70C9B0" />
    </Box>
  );
};

export default DashboardTotals;
