// The one shape of the background loops: rounds that never overlap, errors that go to the logger,
// wakes that are never lost, "next run in" from the round, and a stop that waits for the work.
import { Worker } from '../../src/workers/worker.js';
import { RecordingLogger } from '../support/logger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker whose rounds take `roundMs`, can be made to fail, and count themselves. */
class Probe extends Worker {
  rounds = 0;
  running = 0;
  mostAtOnce = 0;
  failNext = 0;
  nextRunInMs: number | undefined;
  readonly events: string[] = [];

  constructor(readonly logger: RecordingLogger, intervalMs = 10_000, private readonly roundMs = 20) {
    super({ intervalMs, logger, failureMessage: 'probe round failed' });
  }

  protected async starting(): Promise<void> { this.events.push('starting'); }
  protected async stopping(): Promise<void> { this.events.push('stopping'); }

  protected async round(): Promise<number | void> {
    this.rounds += 1;
    this.running += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      await sleep(this.roundMs);
      if (this.failNext > 0) {
        this.failNext -= 1;
        throw new Error('database is away');
      }
      return this.nextRunInMs;
    } finally {
      this.running -= 1;
      this.events.push('round');
    }
  }
}

const waitUntil = async (check: () => boolean, ms = 2_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(5);
  }
};

describe('Worker', () => {
  const started: Probe[] = [];
  const probe = (...args: ConstructorParameters<typeof Probe>) => {
    const created = new Probe(...args);
    started.push(created);
    return created;
  };
  afterEach(async () => { await Promise.all(started.splice(0).map((w) => w.stop())); });

  it('runs a round at start, and again after the interval', async () => {
    const worker = probe(new RecordingLogger(), 60);
    await worker.start();
    await waitUntil(() => worker.rounds === 1);
    await sleep(30);
    expect(worker.rounds).toBe(1); // not before the interval
    await waitUntil(() => worker.rounds === 2);
    expect(worker.events.slice(0, 2)).toEqual(['starting', 'round']);
  });

  it('never overlaps rounds: a tick during a round waits for that round', async () => {
    const worker = probe(new RecordingLogger());
    await Promise.all([worker.tick(), worker.tick(), worker.tick()]);
    expect(worker.rounds).toBe(1);
    expect(worker.mostAtOnce).toBe(1);
  });

  it('does not lose a wake that comes during a round: one more round follows', async () => {
    const worker = probe(new RecordingLogger());
    await worker.start();
    await waitUntil(() => worker.running === 1);
    worker.wake();
    worker.wake();
    await waitUntil(() => worker.rounds === 2 && worker.running === 0);
    await sleep(40);
    expect(worker.rounds).toBe(2);
    expect(worker.mostAtOnce).toBe(1);
  });

  it('logs a failed round and goes on', async () => {
    const logger = new RecordingLogger();
    const worker = probe(logger, 30);
    worker.failNext = 1;
    await worker.start();
    await waitUntil(() => worker.rounds === 2);
    expect(logger.entries.map((e) => [e.level, e.message, (e.fields.err as Error).message])).toEqual([['error', 'probe round failed', 'database is away']]);
  });

  it('runs the next round when the round asks for it', async () => {
    const worker = probe(new RecordingLogger(), 60_000);
    worker.nextRunInMs = 10;
    await worker.start();
    await waitUntil(() => worker.rounds >= 3, 1_000);
  });

  it('stops: waits for the round in flight, then for the rest of the work, and runs no more', async () => {
    const worker = probe(new RecordingLogger(), 10, 50);
    await worker.start();
    await waitUntil(() => worker.running === 1);
    await worker.stop();
    expect(worker.running).toBe(0);
    expect(worker.events.slice(-2)).toEqual(['round', 'stopping']);
    const rounds = worker.rounds;
    worker.wake();
    await sleep(60);
    expect(worker.rounds).toBe(rounds);
    expect(worker.isRunning).toBe(false);
  });

  it('can be started again after a stop, and started twice without a second loop', async () => {
    const worker = probe(new RecordingLogger(), 10_000);
    await worker.start();
    await worker.start();
    await waitUntil(() => worker.rounds === 1 && worker.running === 0);
    await worker.stop();
    await worker.start();
    await waitUntil(() => worker.rounds === 2);
    expect(worker.events.filter((e) => e === 'starting')).toHaveLength(2);
  });

  it('lets a stopped worker be driven by hand with tick()', async () => {
    const worker = probe(new RecordingLogger(), 10);
    await worker.tick();
    await sleep(40);
    expect(worker.rounds).toBe(1); // no timer: it was never started
  });
});
