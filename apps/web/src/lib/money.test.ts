import { describe, expect, it } from 'vitest';
import { formatCompact, formatMoney } from './money';

describe('money formats', () => {
  it('groups a decimal string without floats', () => {
    expect(formatMoney('1234567.5', 'CNY', 'en')).toBe('CNY 1,234,567.50');
  });

  it('shortens an axis tick in the reader\'s language', () => {
    expect(formatCompact(5_000_000_000, 'en')).toBe('5B');
    expect(formatCompact(5_000_000_000, 'zh-CN')).toBe('50亿');
    expect(formatCompact(12_500, 'zh-CN')).toBe('1.3万');
    expect(formatCompact(0, 'en')).toBe('0');
  });
});
