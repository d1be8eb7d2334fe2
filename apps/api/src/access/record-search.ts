import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../platform/database/like-pattern';
import { GRAM_SEARCHED_COLUMNS } from '../platform/database/migrations/1764000000095-search-grams';
import { continueAfter, orderByKeyset, paginate, type KeysetColumn, type Page, type PageQueryDto } from '../platform/http/pagination';
import type { SqlPredicate } from './object-access';

/** pg_trgm answers `ilike '%term%'` from its GIN index only for terms of at least 3 characters. */
const TRIGRAM_LENGTH = 3;
/** Rows of the caller's scope, in sort order, that a search reads before it turns to the search indexes. */
export const SEARCH_WINDOW = 1000;

const gramSearched = new Set<string>(GRAM_SEARCHED_COLUMNS);

/** A substring search as SQL, in two equivalent forms. */
export interface SearchSql {
  /** The form the search indexes answer: for a scan of the matches. */
  indexed: SqlPredicate;
  /** The form cheapest to test row by row: for a walk along the sort order. */
  rowFilter: SqlPredicate;
}

/**
 * The SQL of a substring search (`q`) over `columns` of `table`: `ilike '%term%'` (served by the trigram indexes)
 * for terms of 3 or more characters; for 1–2 characters the grams index where the column has one (computing a
 * row's grams is dearer than `ilike`, so a walk tests rows with `ilike`). Columns in `alsoColumns` (phones, emails)
 * take part only from 3 characters: a 1–2 character fragment of them says nothing, and without an index of theirs
 * one such column would turn every short search into a scan.
 */
export function searchSql(alias: string, table: string, columns: string[], alsoColumns: string[], term: string): SearchSql {
  const params = { q: containsPattern(term), q_term: term };
  const ilike = (searched: string[]): SqlPredicate => ({ sql: `(${searched.map((column) => `${alias}.${column} ilike :q`).join(' or ')})`, params });
  if ([...term].length >= TRIGRAM_LENGTH) return { indexed: ilike([...columns, ...alsoColumns]), rowFilter: ilike([...columns, ...alsoColumns]) };
  const indexed = columns.map((column) =>
    gramSearched.has(`${table}.${column}`) ? `search_grams(${alias}.${column}) @> array[lower(:q_term)]` : `${alias}.${column} ilike :q`,
  );
  return { indexed: { sql: `(${indexed.join(' or ')})`, params }, rowFilter: ilike(columns) };
}

/**
 * A page of search results in the list's own sort order, fast whether the term is rare or common.
 *
 * Left to itself, PostgreSQL assumes a common term's matches are spread evenly along the sort order and walks the
 * sort index, filtering, until it has a page. When the matches cluster late instead (company names start with
 * their city: 苏州…), that walk reads most of the table — 16 s for `苏州` over a million accounts. So the search
 * first looks at the next SEARCH_WINDOW rows of the scope in sort order (a dense term fills its page there, at the
 * cost of a short index walk); only when they hold less than a page does it take every match from the search
 * indexes and sort them, with index walks switched off for that one statement so the planner cannot gamble again:
 * linear in the number of matches, never worse than one pass over the table.
 */
export async function paginateSearch<E extends ObjectLiteral>(
  dataSource: DataSource,
  scope: SelectQueryBuilder<E>,
  search: SearchSql,
  keyset: KeysetColumn<E>[],
  page: PageQueryDto,
  direction: 'ASC' | 'DESC',
  window = SEARCH_WINDOW,
): Promise<Page<E>> {
  const expressions = keyset.map((k) => k.expression).join(', ');
  const windowEnd = scope.clone();
  continueAfter(windowEnd, keyset, page, direction);
  orderByKeyset(windowEnd, keyset, direction);
  windowEnd.select(keyset[0].expression, 'k0');
  keyset.slice(1).forEach((k, i) => windowEnd.addSelect(k.expression, `k${i + 1}`));
  const end = await windowEnd.offset(window - 1).limit(1).getRawOne<Record<string, unknown>>();

  const inWindow = scope.clone().andWhere(search.rowFilter.sql, search.rowFilter.params);
  if (end) {
    const bound = keyset.map((_, i) => `:window${i}`).join(', ');
    inWindow.andWhere(`(${expressions}) ${direction === 'ASC' ? '<=' : '>='} (${bound})`, Object.fromEntries(keyset.map((_, i) => [`window${i}`, end[`k${i}`]])));
  }
  const windowPage = await paginate(inWindow, keyset, page, direction);
  // No end: the scope ends inside the window, so the window's answer is the whole answer.
  if (!end || windowPage.nextCursor) return windowPage;

  return dataSource.transaction(async (manager) => {
    await manager.query('set local enable_indexscan = off');
    const everywhere = scope.clone().andWhere(search.indexed.sql, search.indexed.params).setQueryRunner(manager.queryRunner!);
    return paginate(everywhere, keyset, page, direction);
  });
}
