import { readFileSync } from 'node:fs';
import { createReportWriter } from '../src/xlsx/report-writer.js';
import { COLUMNS, sessionRow } from './xlsx-data.js';
const rows = Number(process.argv[2] ?? 100000);
const maxHyperlinks = Number(process.argv[3] ?? 65530);
const status = () => Object.fromEntries([...readFileSync('/proc/self/status', 'utf8').matchAll(/(VmHWM|VmRSS):\s+(\d+)/g)].map((m) => [m[1], Math.round(Number(m[2]) / 1024)]));
const writer = await createReportWriter({ output: '/tmp/scratch.xlsx', columns: COLUMNS, timeZone: 'Europe/Moscow', maxHyperlinks });
const mb = (n: number) => Math.round(n / 1e6);
const snap = (label: string) => { const m = process.memoryUsage(); console.log(label, JSON.stringify({ rows: writer.rows, ...status(), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), ab: mb(m.arrayBuffers) })); };
for (let i = 0; i < rows; i++) { await writer.addRow(sessionRow(i)); if (i % 50000 === 0) snap('at'); }
snap('before finish');
await writer.finish();
snap('after finish');
