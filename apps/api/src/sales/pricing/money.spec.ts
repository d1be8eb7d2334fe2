import { fromScaled, orderTotals, priceLine, quoteTotals, toScaled } from './money';

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

describe('quote totals', () => {
  const line = (quantity: string, listPrice: string, discountPercent: string) => ({ quantity, listPrice, discountPercent, ...priceLine({ quantity, listPrice, discountPercent }) });

  it('3 × 1234567.89 at 15 % with 13 % tax (worked by hand)', () => {
    // net 1234567.89 × 0.85 = 1049382.7065 → 1049382.71; × 3 = 3148148.13; tax 409259.2569 → 409259.26.
    expect(quoteTotals([line('3', '1234567.89', '15')], '13')).toEqual({
      subtotal: '3703703.67',
      discountTotal: '555555.54',
      netTotal: '3148148.13',
      taxTotal: '409259.26',
      grandTotal: '3557407.39',
      maxDiscountPercent: '15.00',
    });
  });

  it('an empty quote is all zeros; the largest line discount is reported', () => {
    expect(quoteTotals([], '13')).toEqual({ subtotal: '0.00', discountTotal: '0.00', netTotal: '0.00', taxTotal: '0.00', grandTotal: '0.00', maxDiscountPercent: '0.00' });
    expect(quoteTotals([line('1', '100', '5'), line('2.5', '10.01', '12.5')], '0').maxDiscountPercent).toBe('12.50');
  });
});
