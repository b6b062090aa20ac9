// The dialogue list's filters as one typed value, read from the list's query string
// (`filters.status=…`, `filters.chat=…`, …). The list screen (Prisma `where`) and the report
// exports (SQL) both translate this same value, so an export holds exactly the listed dialogues.
import { isStatusFilterValue, type StatusFilterValue } from './dialog-status.js';

export interface DialogFilter {
  status?: StatusFilterValue;
  chatId?: number;
  channel?: 'web' | 'facebook';
  operatorId?: number;
  markerId?: number;
  clientId?: number;
  createdFrom?: Date;
  createdTo?: Date;
  /** Case-insensitive text that one of the dialogue's messages contains. */
  text?: string;
}

/** Query-string names of the filters, as the AdminJS list sends them. */
export const FILTER_PARAMS = {
  status: 'filters.status',
  chatId: 'filters.chat',
  channel: 'filters.channel',
  operatorId: 'filters.operator',
  markerId: 'filters.markers',
  clientId: 'filters.client',
  createdFrom: 'filters.createdAt~~from',
  createdTo: 'filters.createdAt~~to',
  text: 'filters.text',
} as const satisfies Record<keyof DialogFilter, string>;

export interface ParsedDialogFilter { filter: DialogFilter; errors: Partial<Record<keyof DialogFilter, string>> }

const POSITIVE_INT = /^[1-9]\d{0,9}$/;

export function parseDialogFilter(query: Record<string, unknown>): ParsedDialogFilter {
  const filter: DialogFilter = {};
  const errors: ParsedDialogFilter['errors'] = {};
  const read = (key: keyof DialogFilter): string | undefined => {
    const raw = query[FILTER_PARAMS[key]];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const status = read('status');
  if (status !== undefined) {
    if (isStatusFilterValue(status)) filter.status = status;
    else errors.status = `Unknown status "${status}": use active, closed or no_operator_response`;
  }
  const channel = read('channel');
  if (channel !== undefined) {
    if (channel === 'web' || channel === 'facebook') filter.channel = channel;
    else errors.channel = `Unknown channel "${channel}": use web or facebook`;
  }
  for (const key of ['chatId', 'operatorId', 'markerId', 'clientId'] as const) {
    const value = read(key);
    if (value === undefined) continue;
    if (POSITIVE_INT.test(value)) filter[key] = Number(value);
    else errors[key] = `"${value}" is not a valid id`;
  }
  for (const key of ['createdFrom', 'createdTo'] as const) {
    const value = read(key);
    if (value === undefined) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) errors[key] = `"${value}" is not a valid date`;
    else filter[key] = date;
  }
  const text = read('text');
  if (text !== undefined) filter.text = text.slice(0, 500);
  return { filter, errors };
}

/** The filter as query-string parameters (for links such as "View dialogs" and report metadata). */
export function dialogFilterToQuery(filter: DialogFilter): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, param] of Object.entries(FILTER_PARAMS) as [keyof DialogFilter, string][]) {
    const value = filter[key];
    if (value === undefined) continue;
    query[param] = value instanceof Date ? value.toISOString() : String(value);
  }
  return query;
}
