import { fromScaled, orderTotals, priceLine, toScaled } from './order-money';

describe('order money', () => {
  it('round-trips decimal strings exactly', () => {
    expect(toScaled('12.5', 2)).toBe(1250n);
    expect(fromScaled(5n, 2)).toBe('0.05');
    expect(fromScaled(toScaled('99999999999999.99', 2), 2)).toBe('99999999999999.99');
  });

  it('prices a line half up to cents, where floats would drift', () => {
    // 0.1 + 0.2 territory: 3 × 0.10 at 0 % is 0.30, not 0.30000000000000004.
    expect(priceLine({ quantity: '3', listPrice: '0.10', discountPercent: '0' })).toEqual({ netPrice: '0.10', lineTotal: '0.30' });
    // 468000.50 × 0.85 = 397800.425 → 397800.43; × 2.5 = 994501.075 → 994501.08
    expect(priceLine({ quantity: '2.5', listPrice: '468000.50', discountPercent: '15' })).toEqual({ netPrice: '397800.43', lineTotal: '994501.08' });
  });

  it('totals with tax rounded half up', () => {
    expect(orderTotals(['100.01', '0.02'], '13')).toEqual({ subtotal: '100.03', taxAmount: '13.00', total: '113.03' });
    expect(orderTotals(['0.50'], '13')).toEqual({ subtotal: '0.50', taxAmount: '0.07', total: '0.57' });
  });
});
