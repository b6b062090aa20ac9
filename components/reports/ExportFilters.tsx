// The list filters an export will apply, in words (names resolved on the server), so the user
// sees which dialogues go into the report before asking for it.
import React from 'react';
import { Badge, Box, Label, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { FilterSummaryItem } from '../../src/admin/resources/dialog/actions/export.action.js';
import { formatDateTime } from './format.js';

type T = (key: string, options?: Record<string, unknown>) => string;

interface Props { items: FilterSummaryItem[]; timeZone: string; language: string; t: T; resourceId: string }

const ExportFilters: React.FC<Props> = ({ items, timeZone, language, t, resourceId }) => {
  const { translateProperty, translateLabel } = useTranslation();
  const valueOf = (item: FilterSummaryItem): string => {
    if (item.property === 'status') return translateLabel(`status.${item.value}`, resourceId, { defaultValue: item.value });
    if (item.property === 'channel') return translateLabel(`channel.${item.value}`, resourceId, { defaultValue: item.value });
    if (item.property === 'createdAt') return t(`export.${item.bound}`, { value: formatDateTime(item.value, language, timeZone) });
    if (item.property === 'text') return `“${item.value}”`;
    return item.value;
  };
  return (
    <Box mb="xl" data-testid="export-filters">
      <Label>{t('export.filters')}</Label>
      {items.length === 0 ? (
        <Text color="grey60">{t('export.noFilters')}</Text>
      ) : (
        <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 8 }}>
          {items.map((item) => (
            <Badge key={`${item.property}-${item.bound ?? ''}`} outline variant="primary" data-testid={`export-filter-${item.property}`}>
              <span style={{ opacity: 0.7 }}>{translateProperty(item.property, resourceId)}:</span> {valueOf(item)}
            </Badge>
          ))}
        </Box>
      )}
    </Box>
  );
};

export default ExportFilters;
