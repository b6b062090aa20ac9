// A ranked list drawn as horizontal bars: label on the left, bar scaled to the largest value,
// value on the right (for "top markers" and "top phrases").
import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import { useThemeColors } from '../theme.js';

export interface BarListItem { label: string; value: number }

export interface BarListProps {
  items: BarListItem[];
  color: string;
  formatValue: (value: number) => string;
  emptyText: string;
  testId?: string;
}

const BarList: React.FC<BarListProps> = ({ items, color, formatValue, emptyText, testId }) => {
  const colors = useThemeColors();
  if (!items.length) return <Text color="grey60" py="lg" data-testid={testId}>{emptyText}</Text>;
  const max = Math.max(...items.map((item) => item.value), 1);
  return (
    <Box data-testid={testId}>
      {items.map((item, index) => (
        <Box key={item.label} mb="md" title={`${item.label}: ${formatValue(item.value)}`}>
          <Box flex flexDirection="row" justifyContent="space-between" mb="xs" style={{ gap: 12 }}>
            <Text fontSize="sm" color="grey100" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              <span style={{ color: colors.grey60, marginRight: 8 }}>{index + 1}</span>
              {item.label}
            </Text>
            <Text fontSize="sm" fontWeight="bold" style={{ flexShrink: 0 }}>{formatValue(item.value)}</Text>
          </Box>
          <Box bg="border" style={{ height: 8, borderRadius: 4, overflow: 'hidden' }}>
            <div style={{ width: `${Math.max(1, (item.value / max) * 100)}%`, height: '100%', background: color, borderRadius: 4 }} />
          </Box>
        </Box>
      ))}
    </Box>
  );
};

export default BarList;
