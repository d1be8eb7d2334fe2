// BG/NBD fit time on 100,000 simulated customers (seeded), with the fitted against the true parameters.
// Run from libs/analytics: `pnpm bench` (node -r @swc-node/register bench/fit-bgnbd.ts).
import { fitBgNbd, type BgNbdParams } from '../src/btyd/bgnbd';
import { Random } from '../src/testing/random';
import { cohortLengths, simulateBgNbd } from '../src/testing/simulate';

const CUSTOMERS = 100_000;
// CDNOW-like: customers join over 12 weeks, calibration period of 39 weeks.
const TRUTH: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const random = new Random(20050101);
const histories = simulateBgNbd(random, TRUTH, cohortLengths(random, CUSTOMERS, 39, 12));
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const fit = fitBgNbd(histories);
const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuBefore);

console.log(`BG/NBD fit on ${fit.customers.toLocaleString('en')} simulated customers: ${milliseconds.toFixed(0)} ms`);
// CPU time too: on a machine busy with other work the wall time says more about the neighbours than about the fit.
console.log(`(CPU time ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`);
console.log('parameter   true     fitted');
for (const name of ['r', 'alpha', 'a', 'b'] as const) console.log(`${name.padEnd(9)} ${TRUTH[name].toFixed(3).padStart(7)} ${fit[name].toFixed(3).padStart(9)}`);
console.log(`log-likelihood ${fit.logLikelihood.toFixed(1)}`);
