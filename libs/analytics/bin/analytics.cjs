#!/usr/bin/env node
// The analysts' command line (`pnpm --silent analytics <command> …` from the repository root), run from the
// TypeScript sources so that it needs no build step.
require('@swc-node/register');
// `… | head` closes the pipe early: that is the reader being done, not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = require('../src/cli/main.ts').main(process.argv.slice(2));
