/** How a masked value is shown: enough to recognise it, not enough to use it. */
export function maskValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const text = String(value);
  if (/phone|mobile|fax/i.test(field)) {
    const digits = text.replace(/\D/g, '');
    return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
  }
  if (/email/i.test(field)) {
    const [local, domain] = text.split('@');
    return domain ? `${local.slice(0, 1)}***@${domain}` : '***';
  }
  return '****';
}
