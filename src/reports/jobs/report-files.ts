// Where report files live: one file per job in a folder of the data directory. The writer puts
// a file under `<name>.part` and renames it when complete, so a file with the final name is always
// a complete workbook.
import fs from 'node:fs';
import path from 'node:path';
import { isUuid } from '../../domain/uuid.js';

const PART = '.part';

export class ReportFiles {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  finalPath(jobId: string): string {
    if (!isUuid(jobId)) throw new Error('invalid job id');
    return path.join(this.dir, `${jobId}.xlsx`);
  }

  partPath(jobId: string): string {
    return this.finalPath(jobId) + PART;
  }

  exists(jobId: string): boolean {
    return fs.existsSync(this.finalPath(jobId));
  }

  async remove(jobId: string): Promise<void> {
    await fs.promises.rm(this.finalPath(jobId), { force: true });
    await fs.promises.rm(this.partPath(jobId), { force: true });
  }

  /** Leftover temporary files of jobs that are not being generated (after a crash). */
  async removeStrayParts(activeJobIds: Set<string>): Promise<number> {
    let removed = 0;
    for (const name of await fs.promises.readdir(this.dir)) {
      if (!name.endsWith(PART)) continue;
      const id = name.slice(0, -`.xlsx${PART}`.length);
      if (activeJobIds.has(id)) continue;
      await fs.promises.rm(path.join(this.dir, name), { force: true });
      removed += 1;
    }
    return removed;
  }
}
