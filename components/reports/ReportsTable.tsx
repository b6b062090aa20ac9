// The table of report jobs on the Reports page.
import React from 'react';
import { Badge, Box, Button, Icon, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ReportJobView } from '../../src/admin/pages/report-views.js';
import JobStatus from './JobStatus.js';
import { formatBytes, formatDateTime } from './format.js';

type T = (key: string, options?: Record<string, unknown>) => string;

interface Props {
  jobs: ReportJobView[];
  busyId?: string;
  language: string;
  t: T;
  onRegenerate: (job: ReportJobView) => void;
  onDelete: (job: ReportJobView) => void;
}

const HEADERS = ['report', 'file', 'status', 'createdBy', 'createdAt', 'size', 'expiresAt', 'actions'];
const FINISHED = new Set(['ready', 'error', 'expired']);
const nowrap = { whiteSpace: 'nowrap' } as const;

const ReportsTable: React.FC<Props> = ({ jobs, busyId, language, t, onRegenerate, onDelete }) => (
  <Table width={1} data-testid="reports-table">
    <TableHead>
      <TableRow>
        {HEADERS.map((key) => (
          <TableCell key={key} style={key === 'actions' ? { textAlign: 'right' } : undefined}>{t(`page.${key}`)}</TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>
      {jobs.map((job) => (
        <TableRow key={job.id} data-testid="report-row" data-id={job.id} data-status={job.status}>
          <TableCell>
            <Text fontWeight="bold" style={nowrap}>{t(`types.${job.type}`, { defaultValue: job.title })}</Text>
            <Box flex style={{ gap: 4 }} mt="xs">
              <Text variant="xs" color="grey60">{job.timeZone}</Text>
              {job.withTime && <Badge size="sm" outline variant="default">{t('page.withTime')}</Badge>}
            </Box>
          </TableCell>
          <TableCell style={{ maxWidth: 300, wordBreak: 'break-word' }}>
            <Text variant="sm" title={job.fileName} data-testid="report-file-name">{job.fileName}</Text>
          </TableCell>
          <TableCell><JobStatus job={job} t={t} language={language} /></TableCell>
          <TableCell style={nowrap}>{job.createdBy ?? t('page.unknownUser')}</TableCell>
          <TableCell style={nowrap}>{formatDateTime(job.createdAt, language)}</TableCell>
          <TableCell style={nowrap}>{formatBytes(job.sizeBytes, language)}</TableCell>
          <TableCell style={nowrap}>{formatDateTime(job.expiresAt, language)}</TableCell>
          <TableCell>
            <Box flex justifyContent="flex-end" style={{ gap: 8 }}>
              {job.status === 'ready' && (
                <Button as="a" href={job.downloadUrl} size="sm" variant="contained" data-testid="report-download">
                  <Icon icon="Download" />{t('page.download')}
                </Button>
              )}
              {FINISHED.has(job.status) && (
                <Button type="button" size="sm" variant="outlined" disabled={busyId === job.id}
                  onClick={() => onRegenerate(job)} data-testid="report-regenerate">
                  <Icon icon="RefreshCw" />{t('page.regenerate')}
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
