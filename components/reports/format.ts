// Formatting shared by the Export form and the Reports page (browser side).

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Suggestions for the time zone field; any IANA name may be typed (the server validates it). */
export const COMMON_TIME_ZONES = [
  'UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Kyiv', 'Europe/Moscow', 'Asia/Dubai', 'Asia/Almaty',
  'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles',
];

export function formatDateTime(iso: string | null | undefined, language: string, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    // an invalid zone typed into the form: fall back to the browser's
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** Compact form for table cells: the year only when it is not the current one. */
export function formatShortDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  const year = date.getFullYear() === new Date().getFullYear() ? undefined : 'numeric';
  return new Intl.DateTimeFormat(language, { year, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
}

const UNITS = ['B', 'KB', 'MB', 'GB'];

export function formatBytes(bytes: number | null | undefined, language: string): string {
  if (bytes === null || bytes === undefined) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** The error body of a refused request (src/admin/pages/report-views.ts). */
export interface RequestErrorBody {
  error: string;
  field?: string;
  notice?: { message: string; type: 'error'; options?: Record<string, unknown> };
}

export function errorBodyOf(failure: unknown): RequestErrorBody | undefined {
  const body = (failure as { response?: { data?: RequestErrorBody } })?.response?.data;
  return body && typeof body.error === 'string' ? body : undefined;
}
