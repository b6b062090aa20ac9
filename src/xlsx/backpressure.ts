// Backpressure for exceljs' streaming worksheet writer (exceljs 4.4, pinned by package.json).
//
// Where the bytes pile up (measured): row.commit() writes the row's XML into the worksheet's
// StreamBuf (64 KiB batches), which hands every full batch to a PassThrough that archiver wraps
// around it in append() and later pipes into its deflate stream - calling write() and ignoring
// its `false`. The
// PassThrough's write buffer therefore grows without bound while a synchronous loop commits rows
// (~270 MB of XML for 300k rows). Everything after it (deflate -> zip-stream -> archiver -> the
// output) is joined with pipe(), which does honour backpressure, so a slow output (an HTTP client)
// backs up into that same PassThrough. Waiting for it to drain therefore bounds memory from both
// ends.

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
   * Resolves once `pending` is at most `limit`, waiting for the PassThrough's 'drain' (it also
   * fires once archiver starts reading the sheet, which happens after the entries queued before
   * it). Rejects as soon as `failed` rejects, so a dead output (client gone, disk full) never
   * leaves the caller waiting forever.
   */
  async relieve(limit: number, failed: Promise<never>): Promise<void> {
    while (this.pending > limit) {
      const target = this.sheet.pipes[0];
      // bytes held by exceljs itself (a partly filled batch) have no event to wait for
      if (!target || queued(target) === 0 || !needsDrain(target)) return;
      this.waits += 1;
      await raceEvent(target, 'drain', failed);
    }
  }
}

function raceEvent(target: PipeTarget, event: string, failed: Promise<never>): Promise<void> {
  let listener: Listener = () => {};
  const happened = new Promise<void>((resolve) => {
    listener = () => resolve();
    target.once(event, listener);
  });
  return Promise.race([happened, failed]).finally(() => target.removeListener(event, listener));
}
