/** An amount as the API sends it (a decimal string) with its currency, grouped by thousands without floats. */
export function formatMoney(amount: string | undefined, currency: string | undefined, language: string): string {
  if (amount === undefined) return '—';
  const [whole, fraction = '00'] = amount.split('.');
  const separator = language.startsWith('zh') || language.startsWith('en') ? ',' : ' ';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${currency ?? ''} ${grouped}.${fraction.padEnd(2, '0')}`.trim();
}

/**
 * A chart axis's tick in the reader's short form (`5B`, `50亿`): a full amount per tick crowds a half-width chart's
 * axis at 1,280 px. For axis ticks only — figures a reader compares exactly are shown with `formatMoney`.
 */
export function formatCompact(value: number, language: string): string {
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
