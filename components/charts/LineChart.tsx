// Lines per day for a few series; a missing value (null) breaks the line, a lone value is a dot.
import React from 'react';
import ChartFrame, { type ChartGeometry } from './ChartFrame.js';
import ChartLegend from './ChartLegend.js';
import { niceTicks } from './chart-scale.js';
import { useThemeColors } from '../theme.js';

export interface LineSeries { key: string; label: string; color: string; values: (number | null)[]; dashed?: boolean }

export interface LineChartProps {
  labels: string[];
  titles: string[];
  series: LineSeries[];
  formatValue: (value: number) => string;
  /** Tick steps to choose from (e.g. durations); round counts by default. */
  tickSteps?: number[];
  emptyValue?: string;
  ariaLabel: string;
  height?: number;
}

/** The "M x y L x y …" path of a series, a new segment after each gap. */
function linePath(values: (number | null)[], g: ChartGeometry): string {
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null || value === undefined) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${g.x(index).toFixed(1)} ${g.y(value).toFixed(1)} `;
    drawing = true;
  });
  return path.trim();
}

const isolated = (values: (number | null)[], index: number) =>
  values[index] !== null && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null;

const LineChart: React.FC<LineChartProps> = ({ labels, titles, series, formatValue, tickSteps, emptyValue = '—', ariaLabel, height }) => {
  const colors = useThemeColors();
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = niceTicks(max, 4, tickSteps);
  const tooltipRows = (index: number) => series.map((s) => {
    const value = s.values[index];
    return { label: s.label, color: s.color, value: value === null || value === undefined ? emptyValue : formatValue(value) };
  });
  return (
    <>
      <ChartLegend items={series.map(({ label, color, dashed }) => ({ label, color, dashed }))} />
      <ChartFrame
        labels={labels}
        titles={titles}
        ticks={ticks}
        formatTick={formatValue}
        tooltipRows={tooltipRows}
        ariaLabel={ariaLabel}
        height={height}
      >
        {(g) => series.map((s) => (
          <g key={s.key}>
            <path
              d={linePath(s.values, g)}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeLinejoin="round"
              strokeLinecap="round"
              strokeDasharray={s.dashed ? '5 4' : undefined}
            />
            {s.values.map((value, index) => (value !== null && (isolated(s.values, index) || labels.length <= 31) ? (
              <circle key={index} cx={g.x(index)} cy={g.y(value)} r={labels.length <= 31 ? 2.5 : 2} fill={colors.container} stroke={s.color} strokeWidth={1.5} />
            ) : null))}
          </g>
        ))}
      </ChartFrame>
    </>
  );
};

export default LineChart;
