// The table of report jobs on the Reports page.
import React from 'react';
import { Box, Button, Icon, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ReportJobView } from '../../src/admin/pages/report-views.js';
import JobStatus from './JobStatus.js';
import { formatBytes, formatDateTime, formatShortDateTime } from './format.js';

type T = (key: string, options?: Record<string, unknown>) => string;

interface Props {
  jobs: ReportJobView[];
  busyId?: string;
  language: string;
  t: T;
  onRegenerate: (job: ReportJobView) => void;
  onDelete: (job: ReportJobView) => void;
}

const HEADERS = ['report', 'status', 'createdBy', 'createdAt', 'size', 'expiresAt', 'actions'];
const FINISHED = new Set(['ready', 'error', 'expired']);
const nowrap = { whiteSpace: 'nowrap' } as const;

const ReportsTable: React.FC<Props> = ({ jobs, busyId, language, t, onRegenerate, onDelete }) => (
  <Table width={1} data-testid="reports-table">
    <TableHead>
      <TableRow>
        {HEADERS.map((key, i) => (
          <TableCell key={key} px="default" pl={i === 0 ? 'lg' : 'default'} pr={key === 'actions' ? 'lg' : 'default'}
            style={key === 'actions' ? { textAlign: 'right' } : undefined}>{t(`page.${key}`)}</TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>
      {jobs.map((job) => (
        <TableRow key={job.id} data-testid="report-row" data-id={job.id} data-status={job.status}>
          <TableCell px="default" pl="lg" style={{ minWidth: 180, maxWidth: 250 }}>
            {/* title and file name in one cell: a separate narrow column would wrap the name letter by letter */}
            <Text fontWeight="bold" style={nowrap}>{t(`types.${job.type}`, { defaultValue: job.title })}</Text>
            <Text variant="sm" mt="xs" title={job.fileName} data-testid="report-file-name" style={{ overflowWrap: 'break-word' }}>
              <Icon icon="FileText" size={14} mr="xs" color="grey60" />{job.fileName}
            </Text>
            <Text variant="xs" color="grey60" mt="xs">
              {job.timeZone}{job.withTime ? ` · ${t('page.withTime')}` : ''}
            </Text>
          </TableCell>
          <TableCell px="default"><JobStatus job={job} t={t} language={language} /></TableCell>
          <TableCell px="default" style={{ maxWidth: 140 }}>{job.createdBy ?? t('page.unknownUser')}</TableCell>
          <TableCell px="default" style={nowrap} title={formatDateTime(job.createdAt, language)}>{formatShortDateTime(job.createdAt, language)}</TableCell>
          <TableCell px="default" style={nowrap}>{formatBytes(job.sizeBytes, language)}</TableCell>
          <TableCell px="default" style={nowrap} title={formatDateTime(job.expiresAt, language)}>{formatShortDateTime(job.expiresAt, language)}</TableCell>
          <TableCell px="default" pr="lg" style={nowrap}>
            <Box flex justifyContent="flex-end" alignItems="center" style={{ gap: 4 }}>
              {job.status === 'ready' && (
                <Button as="a" href={job.downloadUrl} size="sm" variant="contained" data-testid="report-download">
                  <Icon icon="Download" />{t('page.download')}
                </Button>
              )}
              {FINISHED.has(job.status) && (
                <Button type="button" size="icon" variant="text" disabled={busyId === job.id} title={t('page.regenerate')}
                  aria-label={t('page.regenerate')} onClick={() => onRegenerate(job)} data-testid="report-regenerate">
                  <Icon icon="RefreshCw" />
                </Button>
              )}
              <Button type="button" size="icon" variant="text" color="danger" disabled={busyId === job.id}
                title={t('page.delete')} aria-label={t('page.delete')} onClick={() => onDelete(job)} data-testid="report-delete">
                <Icon icon="Trash2" />
              </Button>
            </Box>
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

export default ReportsTable;
