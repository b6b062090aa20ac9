// ESLint (flat config): the recommended JavaScript and typescript-eslint rules (no type-aware
// rules, no style rules), plus the import boundaries of the layout, which are errors:
//   - src/domain/** imports nothing of ours but src/domain/** (node builtins and packages are fine);
//   - src/channels/** never imports src/admin/**;
//   - the library (src/ except src/app/**) never imports the standalone app, src/app/**;
//   - the library never writes to the console (it takes a logger, src/logger.ts); src/app/** may.
// test/lint/boundaries.test.ts lints snippets against this file to prove the boundaries hold.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ROOT = import.meta.dirname;

export default tseslint.config(
  {
    ignores: [
      'node_modules/', 'dist/', '.adminjs/', 'coverage/', 'screenshots/', 'test-results/', 'tmp/', 'data/',
      'src/generated/', // Prisma's generated client
      'prisma/', // the schema, migrations and a vendored DMMF generator
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `== null` stays allowed; any other loose comparison is a deliberate, commented exception
      eqeqeq: ['error', 'smart'],
      // a variable read in a closure before its one assignment (let server!: …) cannot be const
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `a ? b() : c()` and `a && b()` as statements are idioms of the browser scripts
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
      // off: the regexes that match control characters (\x00-\x1f) strip them on purpose
      // (file names, spreadsheet cells, widget input); the rule reports nothing else here
      'no-control-regex': 'off',
      // `_`-prefixed arguments and variables are unused on purpose (Express error handlers, skipped tuple items)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // React components bundled by AdminJS, and the widget's plain scripts served to visitors' pages
    files: ['components/**', 'src/channels/web/assets/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['components/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // off: the effects that leave dependencies out load once per record on purpose (ConnectFacebook,
      // Dashboard, DeleteChat, ExportReport, FrameCode, BotRulesEdit); the rule reported only those
      'react-hooks/exhaustive-deps': 'off',
    },
  },
  {
    files: ['src/**', 'test/**', 'bench/**', 'scripts/**', 'components/**'],
    plugins: { import: importPlugin },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // resolves the `.js` specifiers of NodeNext to the `.ts` sources
      'import/resolver': { typescript: { project: `${ROOT}/tsconfig.json` }, node: true },
    },
    rules: {
      'import/no-restricted-paths': ['error', {
        basePath: ROOT,
        zones: [
          {
            target: 'src/domain',
            from: 'src',
            except: ['domain'],
            message: 'src/domain holds pure rules: it imports nothing of ours outside src/domain.',
          },
          {
            target: 'src/channels',
            from: 'src/admin',
            message: 'Channels do not depend on the AdminJS admin: move what both need to domain/ or conversations/.',
          },
          {
            target: ['src/!(app)/**', 'src/*'],
            from: 'src/app',
            message: 'The library never imports the standalone app (src/app): the app uses the library, not the other way round.',
          },
        ],
      }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/app/**'],
    rules: {
      // the library reports through the host's logger (src/logger.ts)
      'no-console': 'error',
    },
  },
);
