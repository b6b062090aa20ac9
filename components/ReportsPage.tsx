// The Reports page: the user's report jobs (admins: everyone's), newest first, with Download,
// Regenerate and Delete. Data and actions go through the page handler
// (src/admin/pages/reports.page.ts); the list refreshes every 2 s while a report is unfinished.
import React, { useCallback, useEffect, useState } from 'react';
import { Box, Button, H2, Icon, Loader, MessageBox, Modal, Pagination, Text } from '@adminjs/design-system';
import { ApiClient, ViewHelpers, useNotice, useTranslation } from 'adminjs';
import { useNavigate } from 'react-router';
import type { ReportJobView } from '../src/admin/pages/report-views.js';
import { errorBodyOf } from './reports/format.js';
import ReportsTable from './reports/ReportsTable.js';

const api = new ApiClient();
const h = new ViewHelpers();
const REFRESH_MS = 2_000;

interface ReportsData { jobs: ReportJobView[]; total: number; page: number; perPage: number; active: number; canExport: boolean }

const ReportsPage: React.FC = () => {
  const { translateComponent, translateMessage, i18n } = useTranslation();
  const language = i18n.language || 'en';
  const t = useCallback(
    (key: string, options?: Record<string, unknown>) => translateComponent(`Reports.${key}`, options as never),
    [translateComponent],
  );
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ReportsData>();
  const [failed, setFailed] = useState(false);
  const [busyId, setBusyId] = useState<string>();
  const [deleting, setDeleting] = useState<ReportJobView>();
  const [tick, setTick] = useState(0);

  const load = useCallback(async () => {
    try {
      const response = await api.getPage({ pageName: 'chatsReports', params: { page } });
      setData(response.data as ReportsData);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [page]);

  useEffect(() => { load(); }, [load, tick]);

  // refresh while something is queued or generating (or after a failed load, to recover)
  const waiting = failed || (data?.active ?? 0) > 0;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, data, failed]);

  const act = async (action: 'regenerate' | 'delete', job: ReportJobView) => {
    setBusyId(job.id);
    try {
      const response = await api.getPage({ pageName: 'chatsReports', method: 'post', data: { action, id: job.id } });
      const notice = (response.data as { notice?: { message: string; type: 'success'; options?: Record<string, unknown> } }).notice;
      if (notice) addNotice({ message: translateMessage(notice.message, undefined, notice.options as never), type: notice.type });
    } catch (failure) {
      const body = errorBodyOf(failure);
      const message = body?.notice ? translateMessage(body.notice.message, undefined, body.notice.options as never) : String(failure);
      addNotice({ message, type: 'error' });
    } finally {
      setBusyId(undefined);
      setDeleting(undefined);
      await load();
    }
  };

  const dialogsUrl = h.resourceUrl({ resourceId: 'Dialog' });
  const goToDialogs = (event: React.MouseEvent) => { event.preventDefault(); navigate(dialogsUrl); };

  return (
    <Box variant="grey" p={['lg', 'xxl']} data-testid="reports-page">
      <Box flex flexDirection="row" alignItems="flex-end" justifyContent="space-between" flexWrap="wrap" mb="xl" style={{ gap: 8 }}>
        <Box>
          <H2 mb="sm">{t('page.title')}</H2>
          <Text color="grey60">{t('page.subtitle')}</Text>
        </Box>
        {data?.canExport && (
          <Button as="a" href={dialogsUrl} onClick={goToDialogs} variant="outlined" size="sm">
            <Icon icon="MessageCircle" />{t('page.goToDialogs')}
          </Button>
        )}
      </Box>
      {failed && <MessageBox variant="danger" mb="xl" message={t('page.loadFailed')} />}
      {!data && !failed && <Loader />}
      {data && data.total === 0 && (
        <Box variant="container" py="xxl" flex flexDirection="column" alignItems="center" data-testid="reports-empty">
          <Icon icon="FileText" size={32} color="grey60" />
          <Text mt="lg" fontWeight="bold">{t('page.empty')}</Text>
          <Text mt="sm" color="grey60">{t('page.emptyHint')}</Text>
        </Box>
      )}
      {data && data.total > 0 && (
        <>
          <Box variant="container" p={0} style={{ overflowX: 'auto' }}>
            <ReportsTable jobs={data.jobs} busyId={busyId} language={language} t={t}
              onRegenerate={(job) => act('regenerate', job)} onDelete={setDeleting} />
          </Box>
          {data.total > data.perPage && (
            <Box flex justifyContent="center" mt="xl">
              <Pagination page={data.page} perPage={data.perPage} total={data.total} onChange={setPage} />
            </Box>
          )}
        </>
      )}
      {deleting && (
        <Modal
          variant="danger"
          title={t('page.confirmDeleteTitle')}
          onClose={() => setDeleting(undefined)}
          onOverlayClick={() => setDeleting(undefined)}
        >
          <Box data-testid="confirm-delete-modal">
            <Text>{t('page.confirmDelete', { fileName: deleting.fileName })}</Text>
            <Box flex justifyContent="flex-end" mt="xl" style={{ gap: 12 }}>
              <Button type="button" variant="light" onClick={() => setDeleting(undefined)}>{t('page.cancel')}</Button>
              <Button type="button" variant="danger" disabled={busyId === deleting.id} onClick={() => act('delete', deleting)} data-testid="confirm-delete">
                <Icon icon="Trash2" />{t('page.delete')}
              </Button>
            </Box>
          </Box>
        </Modal>
      )}
    </Box>
  );
};

export default ReportsPage;
