import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A name's grams now say where they stand: the 1- and 2-grams at its start carry a chr(1) tag, the others none.
 * Company names start with their city (苏州…), so a common short term's matches cluster in name order and a list
 * sorted by name had to fetch and sort every match (264 ms p95 for 苏州 over a million accounts). With the tag the
 * search splits the matches into those that start with the term — one range of the name index, read in order —
 * and those that contain it further in, found by their untagged grams (access/record-search.ts).
 * "Contains anywhere" becomes `search_grams(x) && array[t, chr(1) || t]`.
 */
const COLUMNS = ['accounts.name', 'contacts.name', 'leads.name', 'leads.company'];

export class SearchGramsByPosition1764000000160 implements MigrationInterface {
  name = 'SearchGramsByPosition1764000000160';

  async up(q: QueryRunner): Promise<void> {
    await this.defineGrams(q, `case when i = 1 then chr(1) else '' end || substr(lower(value), i, n)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.defineGrams(q, `substr(lower(value), i, n)`);
  }

  // The indexes store the function's results, so replacing it means rebuilding them.
  private async defineGrams(q: QueryRunner, gram: string): Promise<void> {
    await q.query(`
      create or replace function search_grams(value text) returns text[]
      language sql immutable strict parallel safe as $$
        select coalesce(array_agg(distinct ${gram}), '{}')
          from generate_series(1, 2) n, generate_series(1, char_length(value) - n + 1) i
      $$`);
    for (const column of COLUMNS) {
      const [table, field] = column.split('.');
      await q.query(`reindex index ${table}_${field}_grams_idx`);
    }
  }
}
