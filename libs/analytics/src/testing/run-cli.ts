import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'analytics.cjs');

/** Runs the real command line in a child process (as an analyst would) and returns its exit code and output. */
export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CDNOW sample copied into the library (see data/cdnow/README.md). */
export const CDNOW_DIR = join(__dirname, '..', '..', 'data', 'cdnow');
