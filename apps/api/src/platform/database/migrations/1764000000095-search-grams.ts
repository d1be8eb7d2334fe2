import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search terms of one or two characters (a Chinese surname 赵, a city 苏州, a brand 三一) have no trigram, so the
 * pg_trgm indexes of migration 1764000000090 cannot answer them and PostgreSQL scanned the whole scope. The names
 * people search by therefore also get a GIN index of their 1- and 2-character grams (lower case): a short term is
 * found with `search_grams(column) @> array[lower(term)]`, which is exactly "contains the term, ignoring case".
 */
const GRAM_SEARCHED_COLUMNS = ['accounts.name', 'contacts.name', 'leads.name', 'leads.company'];

export class SearchGrams1764000000095 implements MigrationInterface {
  name = 'SearchGrams1764000000095';

  async up(q: QueryRunner): Promise<void> {
    // Declared immutable (lower() is, for a given database) so it may appear in an index expression.
    await q.query(`
      create function search_grams(value text) returns text[]
      language sql immutable strict parallel safe as $$
        select coalesce(array_agg(distinct substr(lower(value), i, n)), '{}')
          from generate_series(1, 2) n, generate_series(1, char_length(value) - n + 1) i
      $$`);
    for (const column of GRAM_SEARCHED_COLUMNS) {
      const [table, field] = column.split('.');
      await q.query(`create index ${table}_${field}_grams_idx on ${table} using gin (search_grams(${field})) where deleted_at is null`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of GRAM_SEARCHED_COLUMNS) {
      const [table, field] = column.split('.');
      await q.query(`drop index if exists ${table}_${field}_grams_idx`);
    }
    await q.query(`drop function if exists search_grams(text)`);
  }
}
