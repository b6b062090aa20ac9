// Report files in a folder: the embedded database's data directory, or a folder every instance
// mounts (REPORT_DIR). A file is written as `<job>.<writer>.part` and renamed to `<job>.xlsx` when
// complete, so a file with the final name is always a whole workbook; which files to keep is
// decided from report_jobs (report-file-store.ts), never from this process' memory, so that on a
// shared folder one instance never removes another's file in progress.
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { SqlRunner } from '../../db/sql-runner.js';
import { isUuid } from '../../domain/uuid.js';
import type { ReportFileStore, StoredReportFile } from './report-file-store.js';

const PART = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]+)\.part$/;
const FINAL = /^([0-9a-f-]{36})\.xlsx$/;

export class FolderReportFiles implements ReportFileStore {
  constructor(readonly dir: string, private readonly sql: SqlRunner) {
    fs.mkdirSync(dir, { recursive: true });
  }

  finalPath(jobId: string): string {
    if (!isUuid(jobId)) throw new Error('invalid job id');
    return path.join(this.dir, `${jobId}.xlsx`);
  }

  partPath(jobId: string, writer: string): string {
    return path.join(this.dir, `${jobId}.${writer.replace(/[^A-Za-z0-9_-]/g, '_')}.part`);
  }

  exists(jobId: string): boolean {
    return fs.existsSync(this.finalPath(jobId));
  }

  put(jobId: string, writer: string): Writable {
    const part = this.partPath(jobId, writer);
    const final = this.finalPath(jobId);
    const file = fs.createWriteStream(part);
    const closed = new Promise<void>((resolve, reject) => { file.once('close', resolve); file.once('error', reject); });
    // the rename is part of storing: 'finish' of this stream means the workbook has its final name
    return new Writable({
      write: (chunk, encoding, callback) => { file.write(chunk, encoding, callback); },
      final: (callback) => {
        file.end();
        closed.then(() => fs.promises.rename(part, final)).then(() => callback(), (error: Error) => callback(renameError(error)));
      },
      // an aborted file goes once it is closed (it may still be opening)
      destroy: (error, callback) => {
        file.destroy();
        closed.catch(() => undefined).then(() => fs.promises.rm(part, { force: true })).finally(() => callback(error));
      },
    });
  }

  async get(jobId: string): Promise<Readable | null> {
    if (!isUuid(jobId) || !this.exists(jobId)) return null;
    return fs.createReadStream(this.finalPath(jobId));
  }

  async delete(jobId: string): Promise<void> {
    if (!isUuid(jobId)) return;
    for (const name of await fs.promises.readdir(this.dir)) {
      if (name.startsWith(`${jobId}.`)) await fs.promises.rm(path.join(this.dir, name), { force: true });
    }
  }

  async listByJob(jobId: string): Promise<StoredReportFile[]> {
    const files: StoredReportFile[] = [];
    for (const name of await fs.promises.readdir(this.dir)) {
      if (!name.startsWith(`${jobId}.`)) continue;
      const { size } = await fs.promises.stat(path.join(this.dir, name)).catch(() => ({ size: -1 }));
      if (size < 0) continue;
      const part = PART.exec(name);
      files.push({ writer: part ? part[2] : '', bytes: size, complete: !part });
    }
    return files;
  }

  async removeOrphans(staleBefore: Date): Promise<number> {
    const names = await fs.promises.readdir(this.dir);
    const ids = [...new Set(names.map((name) => (PART.exec(name) ?? FINAL.exec(name))?.[1]).filter((id): id is string => !!id && isUuid(id)))];
    if (ids.length === 0) return 0;
    const jobs = await this.sql.query<{ id: string; status: string; writer: string | null; live: boolean }>(
      `SELECT id::text, status::text, worker_id AS writer, heartbeat_at >= $2::timestamptz AS live FROM report_jobs WHERE id = ANY($1::uuid[])`,
      [ids, staleBefore.toISOString()]);
    const byId = new Map(jobs.map((job) => [job.id, job]));
    let removed = 0;
    for (const name of names) {
      const part = PART.exec(name);
      const final = FINAL.exec(name);
      const job = byId.get((part ?? final)?.[1] ?? '');
      const keep = part
        ? job?.status === 'generating' && job.live && job.writer?.replace(/[^A-Za-z0-9_-]/g, '_') === part[2]
        : final ? job?.status === 'ready' : true;
      if (keep) continue;
      await fs.promises.rm(path.join(this.dir, name), { force: true });
      removed += 1;
    }
    return removed;
  }
}

// a user sees the job's error: it names the problem, not this server's paths
function renameError(error: Error): Error {
  return new Error(`the report file could not be stored (${(error as NodeJS.ErrnoException).code ?? 'file system error'})`);
}
