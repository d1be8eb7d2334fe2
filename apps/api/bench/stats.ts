/** Latency summary of a sample in milliseconds. */
export function summarise(samples: number[]): { n: number; p50: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { n: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length) };
}

/** Runs `task` `warmup` times unmeasured, then `count` times, one at a time; returns each duration in ms. */
export async function measure(task: () => Promise<void>, count: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await task();
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await task();
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return durations;
}
