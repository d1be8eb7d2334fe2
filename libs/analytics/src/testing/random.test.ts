import { describe, expect, it } from 'vitest';
import { Random } from './random';

const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;
const variance = (values: number[]) => {
  const m = mean(values);
  return values.reduce((sum, x) => sum + (x - m) ** 2, 0) / (values.length - 1);
};
const draws = (count: number, draw: () => number) => Array.from({ length: count }, draw);

describe('Random', () => {
  it('repeats its draws for the same seed and differs for another', () => {
    const first = draws(5, ((r) => () => r.uniform())(new Random(42)));
    expect(draws(5, ((r) => () => r.uniform())(new Random(42)))).toEqual(first);
    expect(draws(5, ((r) => () => r.uniform())(new Random(43)))).not.toEqual(first);
  });

  it.each([
    [0.3, 2],
    [1, 1],
    [4.5, 0.5],
  ])('draws Gamma(%d, rate %d) with the right mean and variance', (shape, rate) => {
    const random = new Random(7);
    const values = draws(200_000, () => random.gamma(shape, rate));
    expect(mean(values)).toBeCloseTo(shape / rate, 1);
    expect(variance(values) / (shape / rate ** 2)).toBeCloseTo(1, 1);
  });

  it('draws Beta(a, b) with the right mean, and uniforms in [0, 1)', () => {
    const random = new Random(11);
    expect(mean(draws(100_000, () => random.beta(0.8, 2.4)))).toBeCloseTo(0.8 / 3.2, 2);
    const uniforms = draws(100_000, () => random.uniform());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    expect(mean(uniforms)).toBeCloseTo(0.5, 2);
  });
});
