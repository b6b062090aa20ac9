// The period's totals as four cards above the charts.
import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import { formatNumber, formatPercent } from './charts/format.js';
import Card from './Card.js';
import { useThemeColors, type ThemeColor } from './theme.js';

export interface DashboardTotalsValues { dialogues: number; transfers: number; noOperatorResponse: number; messages: number }

interface Props {
  totals: DashboardTotalsValues;
  days: number;
  language: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

interface TotalProps { label: string; value: string; note?: string; accent: ThemeColor; testId: string }

const Total: React.FC<TotalProps> = ({ label, value, note, accent, testId }) => {
  const colors = useThemeColors();
  return (
    <Card style={{ flex: '1 1 200px', minWidth: 0, borderTop: `3px solid ${colors[accent]}` }} data-testid={testId} title={label}>
      <Text color="grey60" mb="default" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{label}</Text>
      <Text fontSize="h3" fontWeight="bold" color="grey100" style={{ lineHeight: 1.1 }}>{value}</Text>
      <Text fontSize="sm" color="grey60" mt="default" style={{ minHeight: 16 }}>{note ?? ''}</Text>
    </Card>
  );
};

const DashboardTotals: React.FC<Props> = ({ totals, days, language, t }) => {
  const number = (value: number) => formatNumber(language, value);
  const perDay = (value: number) => t('totals.perDay', { value: formatNumber(language, Math.round((value / Math.max(1, days)) * 10) / 10) });
  const share = (part: number, whole: number) => (whole > 0 ? formatPercent(language, part / whole) : '—');
  return (
    <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 16 }} mb="xl">
      <Total testId="total-dialogues" label={t('totals.dialogues')} value={number(totals.dialogues)} note={perDay(totals.dialogues)} accent="primary100" />
      <Total testId="total-transfers" label={t('totals.transfers')} value={number(totals.transfers)} note={t('totals.ofDialogues', { share: share(totals.transfers, totals.dialogues) })} accent="primary60" />
      <Total
        testId="total-no-response"
        label={t('totals.noOperatorResponse')}
        value={number(totals.noOperatorResponse)}
        note={t('totals.ofTransfers', { share: share(totals.noOperatorResponse, totals.transfers) })}
        accent="error"
      />
      <Total testId="total-messages" label={t('totals.messages')} value={number(totals.messages)} note={perDay(totals.messages)} accent="success" />
    </Box>
  );
};

export default DashboardTotals;
