/** Records carry a Chinese `name` and an English `nameEn`; show the one of the UI language. */
export function localizedName(record: { name: string; nameEn: string }, language: string): string {
  return language === 'en' ? record.nameEn || record.name : record.name || record.nameEn;
}
