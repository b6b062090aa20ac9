// Colour keys of a chart's series.
import React from 'react';
import { Box, Text } from '@adminjs/design-system';

export interface LegendItem { label: string; color: string; dashed?: boolean }

const ChartLegend: React.FC<{ items: LegendItem[] }> = ({ items }) => (
  <Box flex flexDirection="row" flexWrap="wrap" mb="default" style={{ gap: 16 }}>
    {items.map((item) => (
      <Box key={item.label} flex flexDirection="row" alignItems="center" style={{ gap: 6 }}>
        <span
          style={{
            width: 12,
            height: item.dashed ? 0 : 12,
            borderRadius: 3,
            background: item.dashed ? 'none' : item.color,
            borderTop: item.dashed ? `2px dashed ${item.color}` : 'none',
            display: 'inline-block',
          }}
        />
        <Text fontSize="sm" color="grey100">{item.label}</Text>
      </Box>
    ))}
  </Box>
);

export default ChartLegend;
