// ESM TypeScript through ts-jest (transpile only: `npm run typecheck` does the type checking).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // generous: on a shared 2-core machine under load a fresh database and app take tens of seconds
  testTimeout: 120000,
  // the transform cache of this checkout only: a cache shared by several checkouts in /tmp once
  // served one checkout's compiled module to another ("does not provide an export named …")
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // Browser tests drive one Chromium; database tests each open their own database.
  maxWorkers: 2,
};
