import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

describe('analytics command line', () => {
  it('prints the usage and exits 2 without a command', () => {
    const result = runCli([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: pnpm --silent analytics <command>/);
  });

  it('names an unknown command', () => {
    const result = runCli(['no-such-command']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command "no-such-command"/);
  });
});
