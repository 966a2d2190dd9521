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
  // Tests open SQLite files, HTTP servers and a browser: two workers fit a 2-core machine.
  maxWorkers: 2,
};
