// Axis helpers for the dashboard's SVG charts: "nice" tick values and which x labels to print.

const COUNT_STEPS = [1, 2, 2.5, 5, 10];
/** Steps that read well as durations: seconds, minutes, hours. */
export const DURATION_STEPS_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

function countStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // 2.5 only where it makes whole numbers (25, 250…): counts have no halves
  const nice = COUNT_STEPS.find((step) => fraction <= step && Number.isInteger(step * power)) ?? 10;
  return nice * power;
}

/**
 * Tick values from 0 to at least `max`, about `count` intervals, with a round step: counts use
 * 1, 2, 2.5, 5 × 10ⁿ (whole numbers only), durations the steps of `durationSteps`.
 */
export function niceTicks(max: number, count = 4, durationSteps?: number[]): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  let step = durationSteps ? durationSteps.find((s) => s >= raw) ?? countStep(raw) : countStep(raw);
  if (!durationSteps) step = Math.max(1, step);
  const ticks: number[] = [];
  for (let value = 0; ticks.length === 0 || ticks[ticks.length - 1] < max; value += step) ticks.push(value);
  return ticks;
}

/** Every how many columns an x label is printed, so that at most `maxLabels` are shown. */
export function labelStep(count: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
}

export interface Margin { top: number; right: number; bottom: number; left: number }
export const CHART_MARGIN: Margin = { top: 10, right: 12, bottom: 26, left: 52 };
