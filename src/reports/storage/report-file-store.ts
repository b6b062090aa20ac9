// Where report files live, behind one interface, so that any instance can serve any report:
// - DatabaseReportFiles (default on PostgreSQL): chunks in report_file_chunks, streamed in and out;
// - FolderReportFiles (PGlite, or a folder all instances share): one file per job.
// A file is stored under its writer (the worker id that generated it): a worker that lost its job
// (another took it over) can never mix its bytes into the new one's, and what is kept is decided
// from report_jobs alone: the file of a ready job by its worker, and the partial file of a job a
// live worker (fresh heartbeat) is generating. Everything else is removed by removeOrphans.
import type { Readable, Writable } from 'node:stream';

export interface StoredReportFile { writer: string; bytes: number; complete: boolean }

export interface ReportFileStore {
  /** A stream that stores the job's file as written by `writer`; 'finish' once it is all stored. */
  put(jobId: string, writer: string): Writable;
  /** The complete file of a ready job, as a stream; null when there is none. */
  get(jobId: string): Promise<Readable | null>;
  /** Deletes the job's files, complete or partial, of every writer. */
  delete(jobId: string): Promise<void>;
  /** The stored files of a job. */
  listByJob(jobId: string): Promise<StoredReportFile[]>;
  /** Removes files report_jobs does not account for (see above); `staleBefore`: heartbeats older are dead. */
  removeOrphans(staleBefore: Date): Promise<number>;
}
