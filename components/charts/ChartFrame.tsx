// The common part of the dashboard's day charts: an SVG in real pixels with a value axis, grid
// lines, day labels, and a hover column with a tooltip listing the day's values. The chart itself
// (bars, lines) is drawn by `children` from the frame's geometry.
import React, { useState } from 'react';
import { Box, Text } from '@adminjs/design-system';
import { CHART_MARGIN, labelStep } from './chart-scale.js';
import { useElementWidth } from './use-width.js';
import { useThemeColors } from '../theme.js';

export interface ChartGeometry {
  /** Centre of column `index`. */
  x(index: number): number;
  /** Width of one column. */
  band: number;
  /** Vertical position of a value. */
  y(value: number): number;
  top: number;
  bottom: number;
}

export interface TooltipRow { label: string; value: string; color: string }

export interface ChartFrameProps {
  /** Short x labels, one per column (day). */
  labels: string[];
  /** Tooltip heading per column. */
  titles: string[];
  ticks: number[];
  formatTick: (value: number) => string;
  tooltipRows: (index: number) => TooltipRow[];
  children: (geometry: ChartGeometry) => React.ReactNode;
  height?: number;
  ariaLabel: string;
}

const ChartFrame: React.FC<ChartFrameProps> = ({ labels, titles, ticks, formatTick, tooltipRows, children, height = 220, ariaLabel }) => {
  const colors = useThemeColors();
  const axisText = { fontSize: 11, fill: colors.grey60, fontFamily: 'inherit' } as const;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number>();
  const tickLabels = ticks.map(formatTick);
  // room for the longest value label ("1 min 30 s"): about 6.2 px a character at 11 px
  const m = { ...CHART_MARGIN, left: Math.max(CHART_MARGIN.left, 12 + Math.ceil(Math.max(0, ...tickLabels.map((label) => label.length)) * 6.2)) };
  const count = Math.max(1, labels.length);
  const plotWidth = Math.max(10, width - m.left - m.right);
  const band = plotWidth / count;
  const top = m.top;
  const bottom = height - m.bottom;
  const max = ticks[ticks.length - 1] || 1;
  const geometry: ChartGeometry = {
    x: (index) => m.left + band * (index + 0.5),
    band,
    y: (value) => bottom - (Math.min(value, max) / max) * (bottom - top),
    top,
    bottom,
  };
  const every = labelStep(count, Math.floor(plotWidth / 64));
  const showLabel = (index: number) => index % every === 0;
  const tooltipLeft = hover === undefined ? 0 : Math.min(Math.max(geometry.x(hover) + 12, 0), width - 190);

  return (
    <Box ref={ref} position="relative" width={1} onMouseLeave={() => setHover(undefined)}>
      <svg width={width} height={height} role="img" aria-label={ariaLabel} style={{ display: 'block' }}>
        {hover !== undefined && (
          <rect x={m.left + band * hover} y={top} width={band} height={bottom - top} fill={colors.primary100} opacity={0.07} />
        )}
        {ticks.map((tick, tickIndex) => (
          <g key={tick}>
            <line x1={m.left} x2={width - m.right} y1={geometry.y(tick)} y2={geometry.y(tick)} stroke={tick === 0 ? colors.separator : colors.border} />
            <text x={m.left - 8} y={geometry.y(tick)} dy="0.32em" textAnchor="end" {...axisText}>{tickLabels[tickIndex]}</text>
          </g>
        ))}
        {children(geometry)}
        {labels.map((label, index) => (showLabel(index) ? (
          <text key={index} x={geometry.x(index)} y={bottom + 17} textAnchor="middle" {...axisText}>{label}</text>
        ) : null))}
        {labels.map((_, index) => (
          <rect
            key={index}
            x={m.left + band * index}
            y={top}
            width={band}
            height={bottom - top}
            fill="transparent"
            onMouseEnter={() => setHover(index)}
          />
        ))}
      </svg>
      {hover !== undefined && (
        <Box
          position="absolute"
          top={top}
          style={{ left: tooltipLeft, pointerEvents: 'none', minWidth: 170 }}
          boxShadow="cardHover"
          bg="container"
          border="default"
          p="default"
          data-testid="chart-tooltip"
        >
          <Text fontWeight="bold" fontSize="sm" mb="sm">{titles[hover]}</Text>
          {tooltipRows(hover).map((row) => (
            <Box key={row.label} flex flexDirection="row" alignItems="center" style={{ gap: 8 }}>
              <span style={{ width: 8, height: 8, borderRadius: 2, background: row.color, display: 'inline-block' }} />
              <Text fontSize="sm" style={{ flexGrow: 1 }}>{row.label}</Text>
              <Text fontSize="sm" fontWeight="bold">{row.value}</Text>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
};

export default ChartFrame;
