// Errors that say "this value can never be stored" rather than "not now": PostgreSQL's data
// exceptions (SQLSTATE class 22: an unsupported Unicode escape, an invalid byte sequence, a value
// too long) and Prisma's validation of values. Retrying such a write fails the same way forever,
// so a caller that is retried by someone else (Meta redelivering a webhook batch) skips the one
// item instead of failing the whole request again.

type MaybeDriverError = {
  code?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } };
  cause?: unknown;
} | null | undefined;

/** The PostgreSQL SQLSTATE of an error from the driver, a driver adapter or Prisma's raw queries. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error as MaybeDriverError, depth = 0; current && depth < 5; current = current.cause as MaybeDriverError, depth += 1) {
    const adapter = current.meta?.driverAdapterError?.cause;
    for (const code of [adapter?.originalCode, adapter?.code, current.meta?.code, current.code]) {
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    }
  }
  return undefined;
}

// value too long for the column, value out of range, invalid value, data validation error
const PRISMA_VALUE_ERRORS = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2020', 'P2023']);

export function isDataException(error: unknown): boolean {
  const code = (error as MaybeDriverError)?.code;
  if (typeof code === 'string' && PRISMA_VALUE_ERRORS.has(code)) return true;
  return sqlStateOf(error)?.startsWith('22') ?? false;
}
