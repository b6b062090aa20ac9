// Backpressure for exceljs' streaming worksheet writer (written against exceljs 4.4 internals; the
// constructor fails loudly if an upgrade changes them).
//
// Where the bytes pile up (measured): row.commit() writes the row's XML into the worksheet's
// StreamBuf (64 KiB batches), which hands every full batch to a PassThrough that archiver wraps
// around it in append() and later pipes into its deflate stream - calling write() and ignoring
// its `false`. That PassThrough's write buffer grows without bound while a synchronous loop
// commits rows (267 MB of XML after 300k rows; nothing is compressed until the loop yields).
// Everything after it (deflate -> zip-stream -> archiver -> the output) is joined with pipe(),
// which honours backpressure, so a slow output (an HTTP client) backs up into that same
// PassThrough. Waiting for its 'drain' whenever it holds more than a limit bounds memory from
// both ends, and lets compression (zlib's thread pool) overlap with row generation.

type Listener = (...args: unknown[]) => void;

interface PipeTarget {
  _writableState?: { length: number; needDrain: boolean };
  writableLength?: number;
  writableNeedDrain?: boolean;
  once(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

interface StreamBufInternals {
  buffers: { length: number }[];
  pipes: PipeTarget[];
}

function isStreamBuf(stream: unknown): stream is StreamBufInternals {
  const candidate = stream as Partial<StreamBufInternals> | null;
  return !!candidate && Array.isArray(candidate.buffers) && Array.isArray(candidate.pipes);
}

const queued = (target: PipeTarget): number => target._writableState?.length ?? target.writableLength ?? 0;
const needsDrain = (target: PipeTarget): boolean => target._writableState?.needDrain ?? target.writableNeedDrain ?? false;

export class WorksheetBackpressure {
  private readonly sheet: StreamBufInternals;
  /** How many times a writer had to wait; the bench reports it. */
  waits = 0;
  private failure: Error | null = null;
  private readonly wakers = new Set<(error: Error) => void>(); // waits in progress

  /** `worksheetStream` is exceljs' `worksheet.stream`. */
  constructor(worksheetStream: unknown) {
    // Fail loudly if an exceljs upgrade changed the internals: silently losing backpressure means
    // half a gigabyte of RAM per large export.
    if (!isStreamBuf(worksheetStream) || worksheetStream.pipes.length !== 1) {
      throw new Error('exceljs worksheet stream internals changed: cannot apply backpressure');
    }
    this.sheet = worksheetStream;
  }

  /** Uncompressed sheet XML written by exceljs and not yet taken by the compressor. */
  get pending(): number {
    let bytes = 0;
    for (const buffer of this.sheet.buffers) bytes += buffer.length;
    for (const target of this.sheet.pipes) bytes += queued(target);
    return bytes;
  }

  /**
   * Stops the wait in progress (and every later one) with `error`: a dead output (client gone,
   * disk full) must not leave the producer waiting forever for a 'drain' that never comes.
   */
  interrupt(error: Error): void {
    this.failure ??= error;
    for (const wake of [...this.wakers]) wake(error);
  }

  /**
   * Resolves once `pending` is at most `limit`, waiting for the PassThrough's 'drain' (it also
   * fires once archiver starts reading the sheet, which happens after the entries queued before
   * it).
   */
  async relieve(limit: number): Promise<void> {
    while (this.pending > limit) {
      if (this.failure) throw this.failure;
      const target = this.sheet.pipes[0];
      // bytes held by exceljs itself (a partly filled batch) have no event to wait for
      if (!target || queued(target) === 0 || !needsDrain(target)) return;
      this.waits += 1;
      await new Promise<void>((resolve, reject) => {
        const drained = () => {
          this.wakers.delete(wake);
          resolve();
        };
        const wake = (error: Error) => {
          target.removeListener('drain', drained);
          this.wakers.delete(wake);
          reject(error);
        };
        target.once('drain', drained);
        this.wakers.add(wake);
      });
    }
  }
}
