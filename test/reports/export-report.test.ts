// exportReport reads one batch ahead of the writer: a read that fails while the writer is still
// busy with the batch before (a cursor whose connection the database dropped) must reach the
// caller as the export's error, never as an unhandled rejection, which ends a Node process.
import { PassThrough } from 'node:stream';
import { exportReport } from '../../src/reports/export-report.js';
import type { ReportDefinition, ReportRow } from '../../src/reports/report-definition.js';
import type { SqlRunner } from '../../src/db/sql-runner.js';

const dropped = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });

function definitionFailingAfterFirstBatch(): ReportDefinition {
  return {
    type: 'all_sessions',
    title: 'Rows',
    adminOnly: false,
    holdsClientData: false,
    columns: () => [{ key: 'n', header: 'N', type: 'integer', width: 6 }],
    countRows: async () => null,
    async *rows(): AsyncIterable<ReportRow[]> {
      yield [{ n: 1 }, { n: 2 }];
      throw dropped(); // the next FETCH fails at once, while the first batch is being written
    },
  } as ReportDefinition;
}

describe('exportReport with a read that fails ahead of the writer', () => {
  it('rejects with the read\'s error and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
    process.on('unhandledRejection', onUnhandled);
    try {
      const output = new PassThrough();
      output.resume();
      const slowProgress = async () => { await new Promise((resolve) => setTimeout(resolve, 50)); return true; };
      await expect(exportReport({
        sql: {} as SqlRunner, definition: definitionFailingAfterFirstBatch(), output,
        options: { filter: {}, withTime: false, timeZone: 'UTC', dialogUrlBase: 'http://admin/dialogs' },
        onProgress: slowProgress,
      })).rejects.toThrow('Connection terminated unexpectedly');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
