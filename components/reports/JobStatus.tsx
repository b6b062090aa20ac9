// A report job's status: a badge; while generating, a progress bar with the row count (a moving
// stripe when the total is not known yet); on error, the reason.
import React from 'react';
import { Badge, Box, Text } from '@adminjs/design-system';
import type { ReportJobView } from '../../src/admin/pages/report-views.js';
import { formatCount } from './format.js';
import { readableColor, useThemeColors } from '../theme.js';

type T = (key: string, options?: Record<string, unknown>) => string;

const VARIANTS: Record<ReportJobView['status'], 'info' | 'primary' | 'success' | 'danger' | 'default'> = {
  queued: 'default',
  generating: 'info',
  ready: 'success',
  error: 'danger',
  expired: 'default',
};

const ProgressBar: React.FC<{ written: number; total: number | null }> = ({ written, total }) => {
  const share = total ? Math.min(1, written / total) : null;
  return (
    <Box
      mt="sm"
      bg="border"
      style={{ width: 112, height: 6, borderRadius: 3, overflow: 'hidden' }}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={written}
    >
      <Box
        bg="primary100"
        style={{
          height: '100%',
          borderRadius: 3,
          width: share === null ? '35%' : `${Math.max(3, share * 100)}%`,
          transition: 'width 0.6s ease',
          opacity: share === null ? 0.6 : 1,
        }}
      />
    </Box>
  );
};

// the form src/domain/erased-client-reports.ts writes (erasedReportReason)
const ERASED = /^Removed on (\d{4}-\d{2}-\d{2}): a client whose data it held was erased$/;

/** The stored reason (English) in the user's language when it is an erasure's, else as stored. */
function removedText(reason: string, t: T, language: string): string {
  const day = ERASED.exec(reason)?.[1];
  return day ? t('page.removedErased', { date: new Date(`${day}T00:00:00Z`).toLocaleDateString(language, { timeZone: 'UTC' }) }) : reason;
}

const JobStatus: React.FC<{ job: ReportJobView; t: T; language: string }> = ({ job, t, language }) => {
  const colors = useThemeColors();
  return (
    <Box data-testid="report-status" data-status={job.status}>
      <Badge size="sm" variant={VARIANTS[job.status]} outline={job.status === 'expired'}>
        {t(`status.${job.status}`)}
      </Badge>
      {job.status === 'generating' && (
        <>
          <ProgressBar written={job.rowsWritten} total={job.rowsTotal} />
          <Text variant="xs" color="grey60" mt="xs">
            {job.rowsTotal
              ? t('page.rowsOf', { written: formatCount(job.rowsWritten, language), total: formatCount(job.rowsTotal, language) })
              : t('page.rows', { count: job.rowsWritten, value: formatCount(job.rowsWritten, language) })}
          </Text>
        </>
      )}
      {job.status === 'ready' && (
        <Text variant="xs" color="grey60" mt="xs">{t('page.rows', { count: job.rowsWritten, value: formatCount(job.rowsWritten, language) })}</Text>
      )}
      {job.status === 'expired' && job.removedReason && (
        <Text variant="xs" color="grey60" mt="xs" style={{ maxWidth: 190, whiteSpace: 'normal', lineHeight: 1.4 }} data-testid="report-removed">
          {removedText(job.removedReason, t, language)}
        </Text>
      )}
      {job.status === 'error' && job.error && (
        <Text variant="xs" color={readableColor(colors, 'error')} mt="xs" style={{ maxWidth: 190, whiteSpace: 'normal', lineHeight: 1.4 }} data-testid="report-error">
          {job.error}
        </Text>
      )}
    </Box>
  );
};

export default JobStatus;
