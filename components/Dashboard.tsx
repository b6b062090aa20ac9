// The AdminJS dashboard (home page): the period's facts as pictures, for one chat or all of them.
// Data comes from the dashboard handler (src/dashboard/dashboard-handler.ts) through
// ApiClient.getDashboard; days are counted in the chosen time zone (the browser's by default).
import React, { useCallback, useEffect, useState } from 'react';
import { Box, H2, Loader, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient, useTranslation } from 'adminjs';
import type { DashboardResponse } from '../src/dashboard/dashboard-handler.js';
import type { DashboardData } from '../src/dashboard/dashboard-queries.js';
import DashboardFilters, { type DashboardChatOption, type DashboardFilterValues } from './DashboardFilters.js';
import DashboardTotals from './DashboardTotals.js';
import DashboardCharts from './DashboardCharts.js';

const api = new ApiClient();

type ErrorBody = Extract<DashboardResponse, { error: unknown }>;

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const Dashboard: React.FC = () => {
  const { translateComponent, i18n } = useTranslation();
  const language = i18n.language || 'en';
  const t = useCallback(
    (key: string, options?: Record<string, unknown>) => translateComponent(`Dashboard.${key}`, options as never),
    [translateComponent],
  );
  const [filters, setFilters] = useState<DashboardFilterValues>({ from: '', to: '', chat: '', tz: browserTimeZone() });
  const [chats, setChats] = useState<DashboardChatOption[]>([]);
  const [data, setData] = useState<DashboardData>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  const showError = (body: ErrorBody) => {
    setChats(body.chats);
    setError(t(`errors.${body.error.code}`, { ...body.error.params, defaultValue: body.error.message }));
  };

  const load = async (values: DashboardFilterValues) => {
    setLoading(true);
    setError(undefined);
    try {
      const response = await api.getDashboard<DashboardResponse>({ params: values });
      const body = response.data;
      if ('error' in body) return showError(body);
      setChats(body.chats);
      setData(body);
      // the server fills in the default period: show it in the date inputs
      setFilters((current) => ({ ...current, from: body.query.from, to: body.query.to }));
    } catch (failure) {
      const body = (failure as { response?: { data?: ErrorBody } }).response?.data;
      if (body?.error) showError(body);
      else setError(t('loadFailed'));
    } finally {
      setLoading(false);
    }
    return undefined;
  };

  useEffect(() => { load(filters); }, []);

  const empty = data && data.totals.dialogues === 0 && data.totals.messages === 0;
  return (
    <Box variant="grey" p={['lg', 'xxl']} data-testid="dashboard">
      <Box flex flexDirection="row" alignItems="flex-end" justifyContent="space-between" flexWrap="wrap" mb="xl" style={{ gap: 8 }}>
        <Box>
          <H2 mb="sm">{t('title')}</H2>
          <Text color="grey60">{t('subtitle')}</Text>
        </Box>
        {data && <Text fontSize="sm" color="grey60">{t('daysIn', { timeZone: data.query.timeZone })}</Text>}
      </Box>
      <DashboardFilters values={filters} chats={chats} loading={loading} t={t} onChange={setFilters} onSubmit={() => load(filters)} />
      {error && <MessageBox variant="danger" message={error} mb="xl" data-testid="dashboard-error" />}
      {loading && !data && <Loader />}
      {data && (
        <Box style={{ opacity: loading ? 0.55 : 1, transition: 'opacity 0.2s' }}>
          {empty && <MessageBox variant="info" message={t('noData')} mb="xl" />}
          <DashboardTotals totals={data.totals} days={data.days.length} language={language} t={t} />
          <DashboardCharts data={data} language={language} t={t} />
        </Box>
      )}
    </Box>
  );
};

export default Dashboard;
