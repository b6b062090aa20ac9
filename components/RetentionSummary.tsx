// The chat page's "Retention": the period (or "kept forever"), when it last ran and how many
// dialogues that run emptied (or "not run yet"). Reads the chat's retention columns from the record.
import React from 'react';
import { Box, ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

const number = (value: unknown): number | null => (value === undefined || value === null || value === '' ? null : Number(value));

const RetentionSummary: React.FC<BasePropertyProps> = ({ property, record, resource }) => {
  const { translateProperty, tm, i18n } = useTranslation();
  const params = record?.params ?? {};
  const days = number(params.retentionDays);
  const lastRunAt = typeof params.retentionLastRunAt === 'string' && params.retentionLastRunAt ? params.retentionLastRunAt : null;
  const removed = number(params.retentionLastRemoved) ?? 0;
  return (
    <ValueGroup label={translateProperty(property.label, resource.id)}>
      <Box data-testid="chat-retention">
        <div>{days === null ? tm('retentionKeptForever', resource.id) : tm('retentionPeriod', resource.id, { count: days })}</div>
        {days !== null || lastRunAt ? (
          <Box color="grey60" fontSize="sm">
            {lastRunAt
              ? tm('retentionLastRun', resource.id, { count: removed, date: new Date(lastRunAt).toLocaleString(i18n.language) })
              : tm('retentionNeverRun', resource.id)}
          </Box>
        ) : null}
        {days !== null ? <Box color="grey60" fontSize="sm">{tm('retentionHelp', resource.id)}</Box> : null}
      </Box>
    </ValueGroup>
  );
};

export default RetentionSummary;
