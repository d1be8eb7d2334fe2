export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __lianxiPostgres?: { stop(): Promise<void> } }).__lianxiPostgres?.stop();
}
