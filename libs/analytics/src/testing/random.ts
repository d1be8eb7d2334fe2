// Seeded random numbers for simulation tests and benchmarks: the same seed gives the same draws on every machine.

/** Uniform draws in [0, 1) from a seeded mulberry32 generator (32-bit state; ample for test simulations). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1): safe to take the logarithm of. */
  private open(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  normal(): number {
    // Box–Muller: one of the pair is enough here.
    return Math.sqrt(-2 * Math.log(this.open())) * Math.cos(2 * Math.PI * this.uniform());
  }

  exponential(rate: number): number {
    return -Math.log(this.open()) / rate;
  }

  /** Gamma(shape, rate): mean shape / rate. Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.open(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.open();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  }

  /** Beta(a, b) as G_a / (G_a + G_b) of two independent gamma draws. */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }
}
