#!/usr/bin/env node
// The `aftercare` command. Runs the TypeScript sources through tsx, so `npx aftercare ...` works
// straight from a clone with no build step.
'use strict';
require('tsx/cjs');
const { runCli } = require('../src/cli/main.ts');
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`aftercare: ${error && error.message ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
