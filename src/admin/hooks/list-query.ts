// Helpers of list actions beyond the generic query guard (query-guard.ts): a resource's own
// filter rules (the dialogue filter's meaning of its values), refused like the guard refuses, and
// a stable order for paging.
import { ValidationError, type ActionRequest } from 'adminjs';
import { INVALID_QUERY } from './query-guard.js';

/** Returns an error message per bad filter (by filter name); empty when all are fine. */
export type FilterValidator = (filterQuery: Record<string, unknown>) => Record<string, string>;

/** A `before` hook for the list action: the resource's filter rules over its `filters.*` parameters. */
export const guardListFilters = (validate: FilterValidator) => async (request: ActionRequest): Promise<ActionRequest> => {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const filters = Object.fromEntries(Object.entries(query).filter(([key, value]) => key.startsWith('filters.') && value !== '' && value !== undefined));
  const errors = validate(filters);
  if (Object.keys(errors).length) {
    const message = Object.entries(errors).map(([name, problem]) => `${name}: ${problem}`).join('; ');
    const propertyErrors = Object.fromEntries(Object.entries(errors).map(([name, problem]) => [name, { message: problem }]));
    throw new ValidationError(propertyErrors, { message: `Invalid filter. ${message}`, type: INVALID_QUERY });
  }
  return request;
};

/** Adds the id as a tie-breaker so that pages of equal dates or costs never overlap or skip rows. */
export function withIdTieBreaker(orderBy: unknown, direction: 'asc' | 'desc' = 'desc'): unknown[] {
  const list = Array.isArray(orderBy) ? orderBy : [orderBy];
  return list.some((entry) => entry && typeof entry === 'object' && 'id' in entry) ? list : [...list, { id: direction }];
}
