import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'ahp-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('analytics ahp', () => {
  it('prints the weights, λmax, CI, CR and consistency of a matrix', () => {
    const path = file('ok.json', { criteria: ['profit', 'quality', 'speed'], matrix: [[1, 3, 5], [0.3333, 1, 3], [0.2, 0.3333, 1]] });
    const result = runCli(['ahp', '--matrix', path]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['criteria', 'weights', 'lambdaMax', 'ci', 'cr', 'consistent']);
    expect(output.weights.map((w: number) => Number(w.toFixed(3)))).toEqual([0.637, 0.258, 0.105]);
    expect(output.cr).toBeCloseTo(0.033, 3);
    expect(output.consistent).toBe(true);
  });

  it('says when the judgements are inconsistent', () => {
    const path = file('bad-cr.json', { criteria: ['a', 'b', 'c'], matrix: [[1, 9, 1], [1 / 9, 1, 9], [1, 1 / 9, 1]] });
    const output = JSON.parse(runCli(['ahp', '--matrix', path]).stdout);
    expect(output.consistent).toBe(false);
    expect(output.message).toMatch(/please revise/);
  });

  it('ranks the alternatives of a model', () => {
    const path = file('model.json', {
      alternatives: ['Installation', 'Maintenance'],
      comparisons: [[1, 1], [1, 1]],
      criteria: [
        { name: 'Profit', scores: [1, 3] },
        { name: 'Quality', comparisons: [[1, 2], [0.5, 1]] },
      ],
    });
    const result = runCli(['ahp', '--model', path]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).ranking.map((r: { alternative: string }) => r.alternative)).toEqual(['Maintenance', 'Installation']);
  });

  it.each([
    ['non-reciprocal', { criteria: ['a', 'b', 'c'], matrix: [[1, 3, 5], [1 / 3, 1, 3], [5, 1 / 3, 1]] }, /error: matrix\[2\]\[0\]: 5 is not the reciprocal of matrix\[0\]\[2\]/],
    ['non-positive', { criteria: ['a', 'b'], matrix: [[1, 0], [1, 1]] }, /error: matrix\[0\]\[1\]: 0 is not a positive number/],
    ['the wrong size', { criteria: ['a', 'b', 'c'], matrix: [[1, 2], [0.5, 1]] }, /error: matrix: has 2 rows, expected 3/],
    ['not JSON', '{"matrix": [[1,', /error: .*not JSON/],
    ['not an object', '[1]', /error: expected an object/],
  ])('refuses a %s file naming the cell, without a stack trace', (_, content, message) => {
    const result = runCli(['ahp', '--matrix', file('bad.json', content)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a missing file and a missing option', () => {
    expect(runCli(['ahp', '--matrix', join(dir, 'nope.json')]).stderr).toMatch(/error: --matrix: cannot read .*nope\.json \(ENOENT\)/);
    expect(runCli(['ahp']).stderr).toMatch(/error: give exactly one of --matrix or --model/);
  });
});
