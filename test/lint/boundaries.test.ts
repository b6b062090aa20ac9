// The import boundaries of eslint.config.js bite: snippets linted as if they were files of the
// project are reported when they cross a boundary, and pass when they stay inside what's allowed.
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') });
});

interface Finding { rule: string | null; line: number }

/** Lints `code` as the file at `filePath` (relative to the project root); every message, as rule and line. */
async function lint(filePath: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => ({ rule: message.ruleId, line: message.line }));
}

const BOUNDARY = 'import/no-restricted-paths';

describe('import boundaries', () => {
  it('keeps src/domain free of everything of ours outside src/domain', async () => {
    expect(await lint('src/domain/x.ts', [
      "import { toUnits } from './money.js';",
      "import { randomBytes } from 'node:crypto';",
      'export const f = () => [toUnits(1), randomBytes(1)];',
    ].join('\n'))).toEqual([]);

    expect(await lint('src/domain/x.ts', [
      "import { sqlRunnerForPool } from '../db/sql-runner.js';",
      "import type { Logger } from '../logger.js';",
      "export { storeMessage } from '../conversations/message-store.js';",
      'export const f = (logger: Logger) => [sqlRunnerForPool, logger];',
    ].join('\n'))).toEqual([{ rule: BOUNDARY, line: 1 }, { rule: BOUNDARY, line: 2 }, { rule: BOUNDARY, line: 3 }]);
  });

  it('keeps the channels away from the admin', async () => {
    expect(await lint('src/channels/web/x.ts', [
      "import { storeMessage } from '../../conversations/message-store.js';",
      "import { toUnits } from '../../domain/money.js';",
      'export const f = () => [storeMessage, toUnits];',
    ].join('\n'))).toEqual([]);

    expect(await lint('src/channels/web/x.ts', [
      "import { adminOnly } from '../../admin/access.js';",
      'export const f = () => adminOnly;',
    ].join('\n'))).toEqual([{ rule: BOUNDARY, line: 1 }]);
    expect(await lint('src/channels/facebook/x.ts', "export { locale } from '../../admin/locale/index.js';"))
      .toEqual([{ rule: BOUNDARY, line: 1 }]);
  });

  it('keeps the library from importing the standalone app', async () => {
    expect(await lint('src/conversations/x.ts', [
      "import { readConfig } from '../app/config.js';",
      'export const f = () => readConfig;',
    ].join('\n'))).toEqual([{ rule: BOUNDARY, line: 1 }]);
    expect(await lint('src/x.ts', "export { buildApp } from './app/build-app.js';")).toEqual([{ rule: BOUNDARY, line: 1 }]);

    // the app itself uses the library and its own modules
    expect(await lint('src/app/x.ts', [
      "import { createChatsAdmin } from '../plugin.js';",
      "import { readConfig } from './config.js';",
      'export const f = () => [createChatsAdmin, readConfig];',
    ].join('\n'))).toEqual([]);
  });

  it('forbids the console in the library, not in the app', async () => {
    const code = "export function f(): void { console.log('hello'); }";
    expect(await lint('src/conversations/x.ts', code)).toEqual([{ rule: 'no-console', line: 1 }]);
    expect(await lint('src/x.ts', code)).toEqual([{ rule: 'no-console', line: 1 }]);
    expect(await lint('src/app/x.ts', code)).toEqual([]);
    expect(await lint('scripts/x.ts', code)).toEqual([]);
  });
});
