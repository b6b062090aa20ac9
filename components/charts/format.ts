// Number, day and duration formatting for the dashboard, in the interface language.

export interface DurationUnits { s: string; min: string; h: string }

export const formatNumber = (language: string, value: number): string => new Intl.NumberFormat(language).format(value);

export const formatPercent = (language: string, value: number): string =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** "2026-03-01" → "1 Mar" (en) / "1 мар." (ru); `long` adds the weekday and year. */
export function formatDay(language: string, day: string, long = false): string {
  const date = new Date(`${day}T00:00:00Z`);
  const options: Intl.DateTimeFormatOptions = long
    ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** 45 → "45 s", 135 → "2 min 15 s", 3900 → "1 h 5 min". */
export function formatDuration(seconds: number, units: DurationUnits): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} ${units.s}`;
  if (total < 3600) {
    const s = total % 60;
    return `${Math.floor(total / 60)} ${units.min}${s ? ` ${s} ${units.s}` : ''}`;
  }
  const min = Math.floor((total % 3600) / 60);
  return `${Math.floor(total / 3600)} ${units.h}${min ? ` ${min} ${units.min}` : ''}`;
}
