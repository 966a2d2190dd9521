// Type checking is `npm run typecheck` (tsc); jest only transpiles, which keeps the suite fast.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 30000,
  // The PostgreSQL suites share one throw-away cluster per run (skipped, with one line, when
  // PostgreSQL is not installed; never under CI=true).
  globalSetup: '<rootDir>/test/setup/postgres-global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/postgres-global-teardown.ts',
  // Tests open SQLite files, HTTP servers and a browser: two workers fit a 2-core machine.
  maxWorkers: 2,
};
