/** An amount as the API sends it (a decimal string) with its currency, grouped by thousands without floats. */
export function formatMoney(amount: string | undefined, currency: string | undefined, language: string): string {
  if (amount === undefined) return '—';
  const [whole, fraction = '00'] = amount.split('.');
  const separator = language.startsWith('zh') || language.startsWith('en') ? ',' : ' ';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${currency ?? ''} ${grouped}.${fraction.padEnd(2, '0')}`.trim();
}
