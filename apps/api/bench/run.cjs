// `pnpm bench <name>`: runs bench/<name>.bench.ts (TypeScript through swc-node). Benchmarks print figures; they never assert.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const name = process.argv[2];
const file = join(__dirname, `${name}.bench.ts`);
if (!name || !existsSync(file)) {
  console.error('usage: pnpm bench <name>   (available: access, analytics, customer-insights, drill, metrics, sales, satisfaction)');
  process.exit(2);
}
require(file);
