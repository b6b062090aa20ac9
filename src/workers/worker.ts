// The shape of the plugin's background loops (report generation, Facebook delivery, closing
// inactive dialogues): a round of work now and then, on a timer or when woken.
// - start(): prepares (starting()), then runs a round at once; calling it again does nothing.
// - stop(): no more rounds; waits for the round in flight, then for the rest of the work
//   (stopping()). A stopped worker can be started again.
// - tick(): one round now. Rounds never overlap: a tick during a round waits for that round.
//   A round's error goes to the logger and the loop goes on (it never reaches the process).
// - wake(): a round soon: at once, or right after the round in flight (a wake is never lost).
// After each round the next is due after `intervalMs`, or sooner or later if the round says so
// (it returns "next run in" milliseconds, e.g. when the next queued message is due).
// Timers are unref'd: a worker never keeps the process alive.
// Rounds run in the async context the worker was made in, never in that of a request that woke
// it: what a round records in the audit log is by nobody (src/audit/request-context.ts), and a
// timer does not keep a request alive.
import { AsyncResource } from 'node:async_hooks';
import { silentLogger, type Logger } from '../logger.js';

export interface WorkerSettings {
  /** The pause between rounds when nothing wakes the worker. */
  intervalMs: number;
  logger?: Logger;
  /** What the log says when a round fails. */
  failureMessage: string;
}

/** What the plugin starts and stops: one of the background loops. */
export interface BackgroundWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
  tick(): Promise<void>;
  wake(): void;
}

export abstract class Worker implements BackgroundWorker {
  protected readonly logger: Logger;
  private started = false;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly scope = new AsyncResource('ChatsWorker');

  constructor(private readonly settings: WorkerSettings) {
    this.logger = settings.logger ?? silentLogger;
  }

  /** One round of work; may return in how many ms the next round should run. */
  protected abstract round(): Promise<number | void>;

  /** Before the first round (errors fail start()). */
  protected async starting(): Promise<void> {}

  /** After the last round, when stopping: wait for work that outlives rounds. */
  protected async stopping(): Promise<void> {}

  get isRunning(): boolean {
    return this.started;
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.starting();
    this.started = true;
    this.wake();
  }

  async stop(): Promise<void> {
    const wasStarted = this.started;
    this.started = false;
    this.again = false;
    clearTimeout(this.timer);
    await this.inFlight;
    if (wasStarted) await this.stopping();
  }

  tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    return this.scope.runInAsyncScope(() => {
      clearTimeout(this.timer);
      this.inFlight = this.runRound().then((next) => {
        this.inFlight = null;
        this.afterRound(next);
      });
      return this.inFlight;
    });
  }

  wake(): void {
    if (!this.started) return;
    if (this.inFlight) this.again = true;
    else void this.tick();
  }

  private async runRound(): Promise<number | undefined> {
    try {
      const next = await this.round();
      return typeof next === 'number' ? next : undefined;
    } catch (error) {
      this.logger.error({ err: error }, this.settings.failureMessage);
      return undefined;
    }
  }

  private afterRound(nextRunInMs: number | undefined): void {
    if (!this.started) return;
    if (this.again) {
      this.again = false;
      void this.tick();
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, nextRunInMs ?? this.settings.intervalMs));
    this.timer.unref();
  }
}
