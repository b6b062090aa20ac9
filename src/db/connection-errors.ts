// Errors that mean "the database cannot be reached right now" (stopped, restarting, failing over,
// the network), whichever client reported them: pg, Prisma's driver adapter, PGlite. They are
// answered 503 with Retry-After (src/http/error-status.ts), never as a fault of ours.

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash,
// cannot connect now), Node's socket errors, and Prisma's "can't reach / connection closed".
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'P1001', 'P1002', 'P1017', 'P2024']);
const MESSAGES = /Connection terminated|connection (?:is )?(?:closed|lost|refused)|terminating connection|the database system is (?:starting up|shutting down|in recovery mode)|Client has encountered a connection error|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|is not currently accepting connections/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, originalCode, meta } = error as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; meta?: unknown };
  for (const value of [code, originalCode]) {
    if (typeof value === 'string' && (CODES.has(value) || value.startsWith('08') || value.startsWith('57P'))) return true;
  }
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  // Prisma keeps the driver's error in meta.driverAdapterError (its cause has the SQLSTATE)
  const adapterError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(adapterError, depth + 1);
}
