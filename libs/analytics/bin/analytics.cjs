#!/usr/bin/env node
// The analysts' command line (`pnpm --silent analytics <command> …` from the repository root), run from the
// TypeScript sources so that it needs no build step.
require('@swc-node/register');
process.exitCode = require('../src/cli/main.ts').main(process.argv.slice(2));
