// The dashboard's pictures for one loaded period: dialogues and messages per day (stacked bars),
// first response time and transfers per day (lines), top markers and phrases (ranked bars).
import React from 'react';
import { Box, H5, Text } from '@adminjs/design-system';
import type { DashboardData } from '../src/dashboard/dashboard-queries.js';
import StackedBarChart from './charts/StackedBarChart.js';
import LineChart from './charts/LineChart.js';
import BarList from './charts/BarList.js';
import { DURATION_STEPS_SECONDS } from './charts/chart-scale.js';
import { formatDay, formatDuration, formatNumber, type DurationUnits } from './charts/format.js';
import Card from './Card.js';
import { useThemeColors, type ThemeColor } from './theme.js';

interface Props {
  data: DashboardData;
  language: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

/** The theme colour of each series (distinct within a chart in the light and the dark theme). */
const SERIES_COLORS: Record<string, ThemeColor> = {
  active: 'primary100',
  closed: 'primary60',
  client: 'primary100',
  bot: 'primary60',
  operator: 'success',
  system: 'separator',
  median: 'primary100',
  p90: 'warning',
  transfers: 'primary60',
  noOperatorResponse: 'error',
  markers: 'primary80',
  phrases: 'success',
};

const ChartCard: React.FC<{ title: string; note?: string; wide?: boolean; testId: string; children: React.ReactNode }> = ({ title, note, wide, testId, children }) => (
  <Card data-testid={testId} style={{ gridColumn: wide ? '1 / -1' : undefined, minWidth: 0 }}>
    <H5 mb={note ? 'sm' : 'lg'}>{title}</H5>
    {note && <Text fontSize="sm" color="grey60" mb="lg">{note}</Text>}
    {children}
  </Card>
);

const DashboardCharts: React.FC<Props> = ({ data, language, t }) => {
  const colors = useThemeColors();
  const color = (key: string) => colors[SERIES_COLORS[key]];
  const labels = data.days.map((d) => formatDay(language, d.day));
  const titles = data.days.map((d) => formatDay(language, d.day, true));
  const count = (value: number) => formatNumber(language, value);
  const units: DurationUnits = { s: t('units.s'), min: t('units.min'), h: t('units.h') };
  const duration = (seconds: number) => formatDuration(seconds, units);
  const series = <K extends string>(key: K, values: number[]) => ({ key, label: t(`series.${key}`), color: color(key), values });

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: 24 }}>
      <ChartCard title={t('charts.dialogues')} testId="chart-dialogues">
        <StackedBarChart
          labels={labels}
          titles={titles}
          series={[series('active', data.days.map((d) => d.active)), series('closed', data.days.map((d) => d.closed))]}
          formatValue={count}
          ariaLabel={t('charts.dialogues')}
        />
      </ChartCard>
      <ChartCard title={t('charts.messages')} testId="chart-messages">
        <StackedBarChart
          labels={labels}
          titles={titles}
          series={(['client', 'bot', 'operator', 'system'] as const).map((type) => series(type, data.messagesPerDay.map((d) => d[type])))}
          formatValue={count}
          ariaLabel={t('charts.messages')}
        />
      </ChartCard>
      <ChartCard title={t('charts.firstResponse')} note={t('charts.firstResponseNote')} testId="chart-first-response">
        <LineChart
          labels={labels}
          titles={titles}
          series={[
            { ...series('median', []), values: data.firstResponse.map((d) => d.medianSeconds) },
            { ...series('p90', []), values: data.firstResponse.map((d) => d.p90Seconds), dashed: true },
          ]}
          formatValue={duration}
          tickSteps={DURATION_STEPS_SECONDS}
          ariaLabel={t('charts.firstResponse')}
        />
      </ChartCard>
      <ChartCard title={t('charts.transfers')} testId="chart-transfers">
        <LineChart
          labels={labels}
          titles={titles}
          series={[
            series('transfers', data.days.map((d) => d.transfers)),
            series('noOperatorResponse', data.days.map((d) => d.noOperatorResponse)),
          ]}
          formatValue={count}
          ariaLabel={t('charts.transfers')}
        />
      </ChartCard>
      <ChartCard title={t('charts.topMarkers')} testId="chart-top-markers">
        <BarList
          items={data.topMarkers.map((m) => ({ label: m.name, value: m.count }))}
          color={color('markers')}
          formatValue={count}
          emptyText={t('nothingYet')}
          testId="top-markers"
        />
      </ChartCard>
      <ChartCard title={t('charts.topPhrases')} testId="chart-top-phrases">
        <BarList
          items={data.topPhrases.map((p) => ({ label: p.phrase, value: p.count }))}
          color={color('phrases')}
          formatValue={count}
          emptyText={t('nothingYet')}
          testId="top-phrases"
        />
      </ChartCard>
    </Box>
  );
};

export default DashboardCharts;
