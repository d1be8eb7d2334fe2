import { productSharedBuffers } from './embedded-postgres';

describe('productSharedBuffers', () => {
  it('is a quarter of the machine, at least PostgreSQL\'s default and at most 4 GB', () => {
    const gib = 2 ** 30;
    expect(productSharedBuffers(8 * gib)).toBe('2048MB');
    expect(productSharedBuffers(24 * gib)).toBe('4096MB');
    expect(productSharedBuffers(gib / 4)).toBe('128MB');
    expect(productSharedBuffers(3 * gib)).toBe('768MB');
  });
});
