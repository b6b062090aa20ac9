// Report files in PostgreSQL (report_file_chunks): written in chunks of 256 KB as the workbook is
// produced (each INSERT awaited: backpressure to the writer), read back one chunk at a time. A
// file is never whole in memory. Deleting a job deletes its chunks (foreign key, cascade).
import { Readable, Writable } from 'node:stream';
import type { SqlRunner } from '../../db/sql-runner.js';
import { isUuid } from '../../domain/uuid.js';
import type { ReportFileStore, StoredReportFile } from './report-file-store.js';

const CHUNK_BYTES = 256 * 1024;

export class DatabaseReportFiles implements ReportFileStore {
  constructor(private readonly sql: SqlRunner) {}

  put(jobId: string, writer: string): Writable {
    const { sql } = this;
    let seq = 0;
    let held: Buffer[] = [];
    let heldBytes = 0;
    const flush = async () => {
      if (heldBytes === 0) return;
      const data = Buffer.concat(held, heldBytes);
      held = [];
      heldBytes = 0;
      await sql.query('INSERT INTO report_file_chunks (job_id, writer, seq, data) VALUES ($1::uuid, $2, $3, $4)', [jobId, writer, seq++, data], 'chats_report_chunk_put');
    };
    let started = false;
    const start = async () => {
      if (started) return;
      started = true;
      // a new attempt by the same worker starts from nothing
      await sql.query('DELETE FROM report_file_chunks WHERE job_id = $1::uuid AND writer = $2', [jobId, writer]);
    };
    return new Writable({
      highWaterMark: CHUNK_BYTES,
      write(chunk: Buffer, _encoding, callback) {
        held.push(chunk);
        heldBytes += chunk.length;
        const work = heldBytes >= CHUNK_BYTES ? start().then(flush) : Promise.resolve();
        work.then(() => callback(), callback);
      },
      final(callback) {
        start().then(flush).then(() => callback(), callback);
      },
    });
  }

  async get(jobId: string): Promise<Readable | null> {
    if (!isUuid(jobId)) return null;
    const [file] = await this.sql.query<{ writer: string; chunks: number }>(
      `SELECT j.worker_id AS writer, count(c.seq)::int AS chunks FROM report_jobs j
       JOIN report_file_chunks c ON c.job_id = j.id AND c.writer = j.worker_id
       WHERE j.id = $1::uuid AND j.status = 'ready' GROUP BY j.worker_id`, [jobId]);
    if (!file) return null;
    const { sql } = this;
    let seq = 0;
    return new Readable({
      read() {
        if (seq >= file.chunks) { this.push(null); return; }
        sql.query<{ data: Buffer }>('SELECT data FROM report_file_chunks WHERE job_id = $1::uuid AND writer = $2 AND seq = $3', [jobId, file.writer, seq++], 'chats_report_chunk_get').then(
          (rows) => {
            if (rows[0]) this.push(Buffer.from(rows[0].data));
            else this.destroy(new Error('the report file was deleted while it was being sent'));
          },
          (error: Error) => this.destroy(error),
        );
      },
    });
  }

  async delete(jobId: string): Promise<void> {
    if (isUuid(jobId)) await this.sql.query('DELETE FROM report_file_chunks WHERE job_id = $1::uuid', [jobId]);
  }

  async listByJob(jobId: string): Promise<StoredReportFile[]> {
    if (!isUuid(jobId)) return [];
    const rows = await this.sql.query<{ writer: string; bytes: string; complete: boolean }>(
      `SELECT c.writer, sum(length(c.data))::text AS bytes, bool_or(j.status = 'ready' AND j.worker_id = c.writer) AS complete
       FROM report_file_chunks c JOIN report_jobs j ON j.id = c.job_id WHERE c.job_id = $1::uuid GROUP BY c.writer ORDER BY c.writer`, [jobId]);
    return rows.map((row) => ({ writer: row.writer, bytes: Number(row.bytes), complete: Boolean(row.complete) }));
  }

  async removeOrphans(staleBefore: Date): Promise<number> {
    const rows = await this.sql.query(
      `DELETE FROM report_file_chunks c WHERE NOT EXISTS (
         SELECT 1 FROM report_jobs j WHERE j.id = c.job_id AND j.worker_id = c.writer
           AND (j.status = 'ready' OR (j.status = 'generating' AND j.heartbeat_at >= $1::timestamptz)))
       RETURNING 1`, [staleBefore.toISOString()]);
    return rows.length;
  }
}
