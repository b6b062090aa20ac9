// "Export" on the dialogue list: a drawer over the list. The list keeps its filters in the URL,
// which the form reads and sends as they are, so the report holds exactly the listed dialogues.
// After Export the job is polled for a few seconds: a quick report downloads at once, a slow one
// is left to the Reports page (every report is listed there either way).
import React, { useEffect, useMemo, useRef, useState } from 'react';
import {
  Box, Button, CheckBox, DrawerContent, DrawerFooter, FormGroup, FormMessage, Icon, Input, Label, Link, Loader, MessageBox, Select, Text,
} from '@adminjs/design-system';
import { ActionHeader, ApiClient, ViewHelpers, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { useNavigate } from 'react-router';
import type { ReportJobView } from '../src/admin/pages/report-views.js';
import type { FilterSummaryItem } from '../src/admin/resources/dialog/actions/export.action.js';
import { COMMON_TIME_ZONES, browserTimeZone, errorBodyOf } from './reports/format.js';
import ExportFilters from './reports/ExportFilters.js';

const api = new ApiClient();
const h = new ViewHelpers();
const POLL_MS = 600;
const WAIT_MS = 5_000;

interface FormData { types: { value: string; label: string }[]; filters: FilterSummaryItem[]; filterErrors: string[] }
type Stage = 'form' | 'waiting' | 'downloading' | 'pending' | 'failed';

/** The list's `filters.*` parameters from the address bar. */
function listFilters(): Record<string, string> {
  const query: Record<string, string> = {};
  new URLSearchParams(window.location.search).forEach((value, key) => {
    if (key.startsWith('filters.')) query[key] = value;
  });
  return query;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ExportReport: React.FC<ActionProps> = (props) => {
  const { resource } = props;
  const { translateComponent, translateMessage, i18n } = useTranslation();
  const language = i18n.language || 'en';
  const t = (key: string, options?: Record<string, unknown>) => translateComponent(`Reports.${key}`, options as never);
  const addNotice = useNotice();
  const navigate = useNavigate();
  const filters = useMemo(listFilters, []);
  const [form, setForm] = useState<FormData>();
  const [loadFailed, setLoadFailed] = useState(false);
  const [type, setType] = useState('');
  const [withTime, setWithTime] = useState(false);
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [stage, setStage] = useState<Stage>('form');
  const [job, setJob] = useState<ReportJobView>();
  const alive = useRef(true);

  useEffect(() => {
    api.resourceAction({ resourceId: resource.id, actionName: 'chatsExport', params: filters })
      .then((response) => {
        const data = response.data as unknown as FormData;
        setForm(data);
        if (data.types.length === 1) setType(data.types[0].value);
      })
      .catch(() => setLoadFailed(true));
    return () => { alive.current = false; };
  }, []);

  const listUrl = h.resourceUrl({ resourceId: resource.id, search: window.location.search });
  const reportsUrl = h.pageUrl('chatsReports');
  const typeOptions = (form?.types ?? []).map((option) => ({ value: option.value, label: t(`types.${option.value}`, { defaultValue: option.label }) }));

  // Polls the new job until it is finished or a few seconds have passed.
  const follow = async (queued: ReportJobView) => {
    const deadline = Date.now() + WAIT_MS;
    let current = queued;
    while (alive.current && Date.now() < deadline && (current.status === 'queued' || current.status === 'generating')) {
      await sleep(POLL_MS);
      try {
        current = ((await api.getPage({ pageName: 'chatsReports', params: { id: queued.id } })).data as { job: ReportJobView }).job;
      } catch {
        break; // the Reports page will show it
      }
    }
    if (!alive.current) return;
    setJob(current);
    if (current.status === 'ready') {
      setStage('downloading');
      window.location.assign(current.downloadUrl); // an attachment: the page stays
    } else {
      setStage(current.status === 'error' ? 'failed' : 'pending');
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!type) return setFieldErrors({ type: translateMessage('reportChooseType') });
    setFieldErrors({});
    setStage('waiting');
    try {
      const response = await api.resourceAction({
        resourceId: resource.id,
        actionName: 'chatsExport',
        data: { type, withTime, timeZone: timeZone.trim(), query: filters },
      });
      const queued = (response.data as unknown as { job: ReportJobView }).job;
      setJob(queued);
      await follow(queued);
    } catch (failure) {
      setStage('form');
      const body = errorBodyOf(failure);
      const message = body?.notice ? translateMessage(body.notice.message, undefined, body.notice.options as never) : String(failure);
      if (body?.field) setFieldErrors({ [body.field]: message });
      else addNotice({ message, type: 'error' });
    }
    return undefined;
  };

  const restart = () => { setStage('form'); setJob(undefined); };
  const busy = stage === 'waiting';

  return (
    <Box as="form" flex flexDirection="column" flexGrow={1} onSubmit={submit} data-testid="export-report">
      <DrawerContent>
        <ActionHeader {...props} omitActions />
        {loadFailed && <MessageBox variant="danger" message={t('export.loadFailed')} />}
        {!form && !loadFailed && <Loader />}
        {form && stage === 'form' && (
          <>
            <Text color="grey60" mb="xl">{t('export.intro')}</Text>
            {form.filterErrors.length > 0 && (
              <MessageBox variant="danger" mb="xl" message={t('export.invalidFilters')}>
                {form.filterErrors.map((error) => <Text key={error}>{error}</Text>)}
              </MessageBox>
            )}
            <ExportFilters items={form.filters} timeZone={timeZone} language={language} t={t} resourceId={resource.id} />
            <FormGroup error={!!fieldErrors.type} data-testid="export-type">
              <Label required htmlFor="export-type">{t('export.type')}</Label>
              <Select
                inputId="export-type"
                value={typeOptions.find((option) => option.value === type) ?? null}
                options={typeOptions}
                placeholder={t('export.typePlaceholder')}
                onChange={(selected: { value: string } | null) => setType(selected?.value ?? '')}
              />
              {fieldErrors.type && <FormMessage>{fieldErrors.type}</FormMessage>}
            </FormGroup>
            <FormGroup>
              <Box flex alignItems="center">
                <CheckBox id="export-with-time" checked={withTime} onChange={() => setWithTime(!withTime)} />
                <Label inline htmlFor="export-with-time" ml="default" mb={0}>{t('export.withTime')}</Label>
              </Box>
              <Text variant="xs" color="grey60" mt="sm">{t('export.withTimeHint')}</Text>
            </FormGroup>
            <FormGroup error={!!fieldErrors.timeZone}>
              <Label htmlFor="export-time-zone">{t('export.timeZone')}</Label>
              <Input id="export-time-zone" list="export-time-zones" width={1} value={timeZone}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTimeZone(event.target.value)} />
              <datalist id="export-time-zones">
                {[...new Set([browserTimeZone(), ...COMMON_TIME_ZONES])].map((zone) => <option key={zone} value={zone} />)}
              </datalist>
              {fieldErrors.timeZone
                ? <FormMessage>{fieldErrors.timeZone}</FormMessage>
                : <Text variant="xs" color="grey60" mt="sm">{t('export.timeZoneHint')}</Text>}
            </FormGroup>
          </>
        )}
        {busy && (
          <Box py="xxl" flex flexDirection="column" alignItems="center" data-testid="export-waiting">
            <Loader />
            <Text color="grey60">{t('export.working')}</Text>
          </Box>
        )}
        {job && (stage === 'downloading' || stage === 'pending' || stage === 'failed') && (
          <Box data-testid="export-result" data-stage={stage}>
            {stage === 'downloading' && (
              <MessageBox variant="success" mb="xl" message={t('export.downloading')}>
                <Box flex alignItems="center" mt="default" style={{ gap: 6 }}>
                  <Icon icon="FileText" />
                  <Link href={job.downloadUrl} data-testid="export-download-again" title={t('export.download')}>{job.fileName}</Link>
                </Box>
              </MessageBox>
            )}
            {stage === 'pending' && (
              <MessageBox variant="info" mb="xl" message={t('export.pending')} data-testid="export-pending">
                <Text mt="default" variant="sm">{job.fileName}</Text>
              </MessageBox>
            )}
            {stage === 'failed' && <MessageBox variant="danger" mb="xl" message={job.error ?? t('status.error')} />}
            <Box flex flexDirection="column" alignItems="flex-start" style={{ gap: 8 }}>
              <Button as="a" variant="outlined" href={reportsUrl} data-testid="open-reports"
                onClick={(event: React.MouseEvent) => { event.preventDefault(); navigate(reportsUrl); }}>
                <Icon icon="List" />{t('export.openReports')}
              </Button>
              <Button type="button" variant="text" onClick={restart}>{t('export.another')}</Button>
            </Box>
          </Box>
        )}
      </DrawerContent>
      {stage === 'form' && form && (
        <DrawerFooter>
          <Box flex style={{ gap: 16 }}>
            <Button type="button" variant="light" onClick={() => navigate(listUrl)}>{t('export.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={!form.types.length} data-testid="export-submit">
              <Icon icon="Download" />{t('export.submit')}
            </Button>
          </Box>
        </DrawerFooter>
      )}
    </Box>
  );
};

export default ExportReport;
