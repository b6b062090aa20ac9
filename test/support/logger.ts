// A logger for test apps: keeps what the plugin reports (tests assert on it) and prints nothing.
import type { Logger } from '../../src/logger.js';

export interface LogEntry { level: 'error' | 'warn' | 'info' | 'debug'; fields: Record<string, unknown>; message: string }

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  error(fields: Record<string, unknown>, message: string): void { this.entries.push({ level: 'error', fields, message }); }
  warn(fields: Record<string, unknown>, message: string): void { this.entries.push({ level: 'warn', fields, message }); }
  info(fields: Record<string, unknown>, message: string): void { this.entries.push({ level: 'info', fields, message }); }
  debug(fields: Record<string, unknown>, message: string): void { this.entries.push({ level: 'debug', fields, message }); }
  messages(level: LogEntry['level']): string[] { return this.entries.filter((entry) => entry.level === level).map((entry) => entry.message); }
}
