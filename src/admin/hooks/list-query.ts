// Guards the list API against malformed input: a filter value that cannot match anything
// (a non-numeric id, an unknown channel or status, an unparseable date) or an unknown filter is
// answered with an empty list and a clear notice instead of a database error; unknown sorting
// and paging parameters fall back to the defaults.
import { ValidationError, type ActionRequest } from 'adminjs';
import { isUuid } from '../../domain/uuid.js';

export type FilterRule = 'id' | 'uuid' | 'date' | 'text' | readonly string[];
/** Returns an error message per bad filter (by filter name); empty when all are fine. */
export type FilterValidator = (filterQuery: Record<string, unknown>) => Record<string, string>;

export interface ListQueryRules {
  validateFilters: FilterValidator;
  sortable: readonly string[];
}

const POSITIVE_INT = /^[1-9]\d{0,9}$/;
const FILTER_KEY = /^filters\.([^~]+)(?:~~(from|to))?$/;

function isValidFilterValue(rule: FilterRule, value: string, rangeEnd: string | undefined): boolean {
  if (rule === 'date') return rangeEnd !== undefined && !Number.isNaN(new Date(value).getTime());
  if (rangeEnd !== undefined) return false;
  if (rule === 'id') return POSITIVE_INT.test(value) && Number(value) <= 2_147_483_647;
  if (rule === 'uuid') return isUuid(value);
  if (rule === 'text') return true;
  return rule.includes(value);
}

/** A validator from a table of filter name → rule. */
export function ruleValidator(rules: Record<string, FilterRule>): FilterValidator {
  return (filterQuery) => {
    const errors: Record<string, string> = {};
    for (const [key, value] of Object.entries(filterQuery)) {
      const [, path, rangeEnd] = FILTER_KEY.exec(key) ?? [];
      const rule = rules[path];
      if (!rule) errors[path ?? key] = `Unknown filter "${path ?? key}"`;
      else if (typeof value !== 'string' || !isValidFilterValue(rule, value, rangeEnd)) errors[path] = `Invalid value "${String(value)}"`;
    }
    return errors;
  };
}

/** Names in `filters.<name>` (and `filters.<name>~~from|to`) that are not in `known`. */
export function unknownFilters(filterQuery: Record<string, unknown>, known: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(filterQuery)) {
    if (!known.includes(key)) errors[key.replace(/^filters\./, '')] = `Unknown filter "${key}"`;
  }
  return errors;
}

/** Returns a cleaned copy of the list query; throws ValidationError for filters that cannot match. */
export function checkListQuery(query: Record<string, unknown>, rules: ListQueryRules): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('filters.')) {
      if (value !== '' && value !== undefined) filters[key] = clean[key] = value;
    } else if (key === 'sortBy') {
      if (typeof value === 'string' && rules.sortable.includes(value)) clean[key] = value;
    } else if (key === 'direction') {
      if (value === 'asc' || value === 'desc') clean[key] = value;
    } else if (key === 'page' || key === 'perPage') {
      if (typeof value === 'string' && POSITIVE_INT.test(value)) clean[key] = value;
    } else {
      clean[key] = value;
    }
  }
  const errors = rules.validateFilters(filters);
  if (Object.keys(errors).length) {
    const message = Object.entries(errors).map(([name, problem]) => `${name}: ${problem}`).join('; ');
    const propertyErrors = Object.fromEntries(Object.entries(errors).map(([name, problem]) => [name, { message: problem }]));
    throw new ValidationError(propertyErrors, { message: `Invalid filter. ${message}`, type: 'invalidFilter' });
  }
  return clean;
}

/** A `before` hook for the list action. */
export const guardListQuery = (rules: ListQueryRules) => async (request: ActionRequest): Promise<ActionRequest> => ({
  ...request,
  query: checkListQuery((request.query ?? {}) as Record<string, unknown>, rules),
});

/** Adds the id as a tie-breaker so that pages of equal dates or costs never overlap or skip rows. */
export function withIdTieBreaker(orderBy: unknown, direction: 'asc' | 'desc' = 'desc'): unknown[] {
  const list = Array.isArray(orderBy) ? orderBy : [orderBy];
  return list.some((entry) => entry && typeof entry === 'object' && 'id' in entry) ? list : [...list, { id: direction }];
}
