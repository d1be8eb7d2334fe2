import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimize } from './optimize';

describe('minimize (Nelder–Mead with restarts)', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('stops on the stall rule when the best value keeps improving by less than its tolerance, and only then', () => {
    // Each evaluation is a hair better than the last (1e-13): the simplex never settles, as on BG/NBD's ridge where
    // a, b → ∞ with a/b fixed; without the rule the search spends its whole budget.
    const creeping = () => {
      let calls = 0;
      return ([u, v]: number[]) => 1 + (u - v) ** 2 - 1e-13 * ++calls;
    };
    const stall = { evaluations: 300, tolerance: 1e-9 };
    const unlimited = minimize(creeping(), [0, 0], { maxEvaluations: 5_000 });
    expect(unlimited).toMatchObject({ converged: false, stalled: false });
    expect(unlimited.evaluations).toBeGreaterThanOrEqual(5_000);
    const stopped = minimize(creeping(), [0, 0], { maxEvaluations: 5_000, stall });
    expect(stopped).toMatchObject({ converged: true, stalled: true });
    expect(stopped.evaluations).toBeLessThan(400);
    // A problem with a proper minimum converges as before, on the simplex's size.
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const converged = minimize(rosenbrock, [-1.2, 1], { stall });
    expect(converged).toMatchObject({ converged: true, stalled: false });
    expect(converged.point[0]).toBeCloseTo(1, 6);
  });

  it('finds the minimum of a 4-dimensional Rosenbrock function', () => {
    const rosenbrock = (p: number[]) => p.slice(0, -1).reduce((sum, x, i) => sum + (1 - x) ** 2 + 100 * (p[i + 1] - x * x) ** 2, 0);
    const result = minimize(rosenbrock, [-1, 0.5, -0.5, 2], { maxEvaluations: 50_000 });
    for (const coordinate of result.point) expect(coordinate).toBeCloseTo(1, 5);
  });

  it('finds the centre of any shifted, scaled quadratic bowl', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 5 }), (centre) => {
        const bowl = (p: number[]) => p.reduce((sum, x, i) => sum + (i + 1) * (x - centre[i]) ** 2, 0);
        const result = minimize(bowl, centre.map(() => 0));
        result.point.forEach((x, i) => expect(Math.abs(x - centre[i])).toBeLessThan(1e-6));
      }),
      { numRuns: 30 },
    );
  });

  it('treats infinite or NaN values as refused points and stays inside the allowed region', () => {
    // Minimum of (x − 3)² restricted to x ≤ 2 sits on the boundary.
    const result = minimize(([x]) => (x > 2 ? NaN : (x - 3) ** 2), [0]);
    expect(result.point[0]).toBeLessThanOrEqual(2);
    expect(result.point[0]).toBeCloseTo(2, 6);
  });

  it('refuses a start where the objective is not finite, and reports an exhausted budget', () => {
    expect(() => minimize(() => Infinity, [0])).toThrow(/not finite at the starting point/);
    const result = minimize(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], { maxEvaluations: 20 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(25);
  });
});
