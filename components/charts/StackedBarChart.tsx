// Stacked bars per day: one bar per column, one segment per series (bottom to top in order).
import React from 'react';
import ChartFrame from './ChartFrame.js';
import ChartLegend from './ChartLegend.js';
import { niceTicks } from './chart-scale.js';

export interface BarSeries { key: string; label: string; color: string; values: number[] }

export interface StackedBarChartProps {
  labels: string[];
  titles: string[];
  series: BarSeries[];
  formatValue: (value: number) => string;
  ariaLabel: string;
  height?: number;
}

const StackedBarChart: React.FC<StackedBarChartProps> = ({ labels, titles, series, formatValue, ariaLabel, height }) => {
  const totals = labels.map((_, index) => series.reduce((sum, s) => sum + (s.values[index] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const tooltipRows = (index: number) => series
    .map((s) => ({ label: s.label, color: s.color, value: formatValue(s.values[index] ?? 0) }))
    .reverse();
  return (
    <>
      <ChartLegend items={series.map(({ label, color }) => ({ label, color }))} />
      <ChartFrame
        labels={labels}
        titles={titles}
        ticks={ticks}
        formatTick={formatValue}
        tooltipRows={tooltipRows}
        ariaLabel={ariaLabel}
        height={height}
      >
        {(g) => {
          const width = Math.max(1, Math.min(g.band * 0.7, 28));
          return labels.map((_, index) => {
            let base = 0;
            return (
              <g key={index}>
                {series.map((s) => {
                  const value = s.values[index] ?? 0;
                  if (value <= 0) return null;
                  const y0 = g.y(base);
                  base += value;
                  const y1 = g.y(base);
                  return <rect key={s.key} x={g.x(index) - width / 2} y={y1} width={width} height={Math.max(0.5, y0 - y1)} fill={s.color} />;
                })}
              </g>
            );
          });
        }}
      </ChartFrame>
    </>
  );
};

export default StackedBarChart;
