// The library reports through a logger the host gives it and never writes to the console itself.
// The calling convention is pino's, `logger.error({ err, ...fields }, 'message')`, which `console`
// accepts as well (it prints the fields, then the message): pass `console`, a pino logger, or
// anything with these four methods.
export interface Logger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;

/** The default: reports nothing. */
export const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };
