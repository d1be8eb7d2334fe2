import { xlsxCell } from './export-file';

describe('xlsxCell: what a workbook cell holds', () => {
  it('writes a decimal string as a number showing its own decimals when Excel holds it exactly', () => {
    expect(xlsxCell('1234567.80', 'decimal')).toEqual({ value: 1234567.8, numFmt: '#,##0.00' });
    expect(xlsxCell('-0.05', 'decimal')).toEqual({ value: -0.05, numFmt: '#,##0.00' });
    expect(xlsxCell('0.750000', 'decimal')).toEqual({ value: 0.75, numFmt: '#,##0.000000' });
    expect(xlsxCell('42', 'decimal')).toEqual({ value: 42, numFmt: '#,##0' });
    // 15 significant digits: still exact.
    expect(xlsxCell('9999999999999.99', 'decimal')).toEqual({ value: 9999999999999.99, numFmt: '#,##0.00' });
  });

  it('keeps a decimal Excel would round (over 15 significant digits), a masked value and a malformed one as text', () => {
    expect(xlsxCell('1234567890123456.78', 'decimal')).toEqual({ value: '1234567890123456.78' });
    expect(xlsxCell('99999999999999.99', 'decimal')).toEqual({ value: '99999999999999.99' });
    expect(xlsxCell('****', 'decimal')).toEqual({ value: '****' });
    expect(xlsxCell('1e5', 'decimal')).toEqual({ value: '1e5' });
  });

  it('types days, timestamps, numbers and booleans; leaves numeric-looking text (a phone number) text', () => {
    expect(xlsxCell('2024-02-29', 'date')).toEqual({ value: new Date('2024-02-29T00:00:00Z'), numFmt: 'yyyy-mm-dd' });
    const at = new Date('2024-05-01T08:30:00Z');
    expect(xlsxCell(at, undefined)).toEqual({ value: at, numFmt: 'yyyy-mm-dd hh:mm:ss' });
    expect(xlsxCell(3, undefined)).toEqual({ value: 3 });
    expect(xlsxCell(false, undefined)).toEqual({ value: false });
    expect(xlsxCell('013622223333', undefined)).toEqual({ value: '013622223333' });
    expect(xlsxCell(null, 'decimal')).toEqual({ value: null });
    expect(xlsxCell({ city: '徐州' }, undefined)).toEqual({ value: '{"city":"徐州"}' });
  });
});
