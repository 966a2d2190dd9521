#!/usr/bin/env node
// Runs a TypeScript entry point of this repository without a build step (tsx's CommonJS hook).
'use strict';
require('tsx/cjs');
const path = require('node:path');
const target = process.argv[2];
if (!target) {
  console.error('usage: node bin/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(2, 1);
require(path.resolve(__dirname, '..', target));
