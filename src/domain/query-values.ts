// What a value typed into a list filter, a search box or a record URL must look like before it
// reaches the database: ids within PostgreSQL's integer range, UUIDs whole, dates PostgreSQL and
// JavaScript both represent, text without NUL or half of a surrogate pair (PostgreSQL refuses
// those), and not longer than any filter needs.
import { isUuid } from './uuid.js';
import { isStorableText } from './storable-text.js';

export const INT4_MAX = 2_147_483_647;
export const MAX_FILTER_TEXT = 500;

/** How a column's values are written. */
export type ValueKind = 'int' | 'uuid' | 'number' | 'date' | 'boolean' | 'text';

const INTEGER = /^-?\d{1,10}$/;
const DECIMAL = /^-?\d{1,15}(?:\.\d{1,10})?$/;

/** A record id of a serial column: a positive int4. */
export const isSerialId = (value: string): boolean => /^[1-9]\d{0,9}$/.test(value) && Number(value) <= INT4_MAX;

/** A date of years 1–9999 (beyond, JavaScript or PostgreSQL cannot represent it). */
export function isFilterDate(value: string): boolean {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** Why `value` cannot be a value of that kind, or null when it can. */
export function valueProblem(kind: ValueKind, value: string): string | null {
  if (!isStorableText(value)) return 'contains a NUL character or broken Unicode';
  if (value.length > MAX_FILTER_TEXT) return `is longer than ${MAX_FILTER_TEXT} characters`;
  switch (kind) {
    case 'int': return INTEGER.test(value) && Math.abs(Number(value)) <= INT4_MAX ? null : 'is not a whole number within range';
    case 'uuid': return isUuid(value.trim()) ? null : 'is not a session id (UUID)';
    case 'number': return DECIMAL.test(value) ? null : 'is not a number';
    case 'date': return isFilterDate(value) ? null : 'is not a date';
    case 'boolean': return value === 'true' || value === 'false' ? null : 'is not true or false';
    default: return null;
  }
}
