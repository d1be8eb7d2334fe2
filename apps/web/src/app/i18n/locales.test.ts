import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { bucketLabelKey, KNOWN_KEYS } from '@/features/analytics/api/customers';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every leaf as [dotted path, value]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]): [string, unknown][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null ? leaves(value as object, path) : [[path, value]];
  });
}

/** Plural forms count as their base key: languages have different plural sets (zh: other; en: one, other). */
function keysOf(tree: object): string[] {
  return [...new Set(leaves(tree).map(([path]) => path.replace(PLURAL_SUFFIX, '')))].sort();
}

describe('locale resources', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keysOf(en)).toEqual(keysOf(zhCN));
  });

  it('have no empty strings', () => {
    const empty = [...leaves(zhCN), ...leaves(en)].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(empty).toEqual([]);
  });

  it('give every plural key its "other" form in both languages', () => {
    for (const tree of [zhCN, en]) {
      const paths = new Set(leaves(tree).map(([path]) => path));
      const pluralBases = [...paths].filter((path) => PLURAL_SUFFIX.test(path)).map((path) => path.replace(PLURAL_SUFFIX, ''));
      expect(pluralBases.filter((base) => !paths.has(`${base}_other`))).toEqual([]);
    }
  });

  it('name every RFM segment, lifecycle stage and behaviour class the analytics library knows, and the unscored bucket', () => {
    for (const by of ['segment', 'stage', 'class'] as const) {
      for (const key of [...KNOWN_KEYS[by], null]) {
        const path = String(bucketLabelKey(by, key)).split('.');
        for (const locale of [en, zhCN]) {
          const value = path.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locale);
          expect([path.join('.'), typeof value]).toEqual([path.join('.'), 'string']);
        }
      }
    }
  });
});
