import { maskValue } from './masking';

describe('maskValue', () => {
  it('keeps the first 3 and last 4 digits of phones', () => {
    expect(maskValue('phone', '13812345678')).toBe('138****5678');
    expect(maskValue('phone', '+86 138 1234 5678')).toBe('861****5678');
    expect(maskValue('phone', '12345')).toBe('****');
  });

  it('keeps the first letter and the domain of emails', () => {
    expect(maskValue('email', 'zhang.wei@example.com')).toBe('z***@example.com');
  });

  it('hides anything else entirely and leaves null alone', () => {
    expect(maskValue('name', '王磊')).toBe('****');
    expect(maskValue('phone', null)).toBeNull();
  });
});
