import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../platform/database/like-pattern';
import { continueAfter, cursorOf, orderByKeyset, paginate, type KeysetColumn, type Page, type PageQueryDto } from '../platform/http/pagination';
import type { SqlPredicate } from './object-access';

/** pg_trgm answers `ilike '%term%'` from its GIN index only for terms of at least 3 characters. */
const TRIGRAM_LENGTH = 3;
/** Rows of the caller's scope, in sort order, that a search reads before it turns to the search indexes. */
export const SEARCH_WINDOW = 1000;

/**
 * `table.column` pairs with an index of `search_grams()` (migrations 1764000000095 and …160): a name's 1- and
 * 2-grams in lower case, those at its start tagged with chr(1).
 */
const GRAM_SEARCHED_COLUMNS = new Set(['accounts.name', 'contacts.name', 'leads.name', 'leads.company']);

/** A substring search as SQL, in two equivalent forms. */
export interface SearchSql {
  /** The form the search indexes answer: for a scan of the matches. */
  indexed: SqlPredicate;
  /** The form cheapest to test row by row: for a walk along the sort order. */
  rowFilter: SqlPredicate;
  /**
   * The same matches in two parts, for a list sorted by `column`: those starting with the term (one range of the
   * column's order) and those containing it further in. Set for a 1–2 character term without case (Chinese) over
   * one grams-indexed column, where a common term's matches cluster in that order (names start with their city).
   */
  byPosition?: { column: string; starting: SqlPredicate; inside: SearchSql };
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
  // A control character would be mistaken for the start tag; nobody searches for one, so it simply gets no index.
  if ([...term].length >= TRIGRAM_LENGTH || [...term].some((c) => c.charCodeAt(0) < 0x20)) return { indexed: ilike([...columns, ...alsoColumns]), rowFilter: ilike([...columns, ...alsoColumns]) };
  const grams = (column: string) => gramsIndexed(table, column);
  const indexed = columns.map((column) =>
    grams(column) ? `search_grams(${alias}.${column}) && array[lower(:q_term), chr(1) || lower(:q_term)]` : `${alias}.${column} ilike :q`,
  );
  const search: SearchSql = { indexed: { sql: `(${indexed.join(' or ')})`, params }, rowFilter: ilike(columns) };
  const [column] = columns;
  const caseless = term.toLowerCase() === term && term.toUpperCase() === term;
  const last = term.codePointAt(term.length - 1)!;
  if (columns.length === 1 && grams(column) && caseless && last < 0x10ffff) {
    const followsTerm = term.slice(0, term.length - String.fromCodePoint(last).length) + String.fromCodePoint(last + 1);
    search.byPosition = {
      column: `${alias}.${column}`,
      starting: { sql: `${alias}.${column} >= :q_from and ${alias}.${column} < :q_to`, params: { q_from: term, q_to: followsTerm } },
      inside: {
        indexed: { sql: `search_grams(${alias}.${column}) @> array[lower(:q_term)]`, params },
        rowFilter: { sql: `substr(${alias}.${column}, 2) ilike :q`, params },
      },
    };
  }
  return search;
}

function gramsIndexed(table: string, column: string): boolean {
  return GRAM_SEARCHED_COLUMNS.has(`${table}.${column}`);
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
  if (search.byPosition?.column === keyset[0].expression) return paginateByPosition(dataSource, scope, search.byPosition, keyset, page, direction, window);
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

/**
 * A page sorted by the searched column, from its two parts: the matches starting with the term are one range of the
 * sort order (read in order, however many there are), the others are searched as any term is. The page is the first
 * rows of the union of the two parts' pages, put in order by PostgreSQL (its collation, not ours, decides).
 */
async function paginateByPosition<E extends ObjectLiteral>(
  dataSource: DataSource,
  scope: SelectQueryBuilder<E>,
  parts: NonNullable<SearchSql['byPosition']>,
  keyset: KeysetColumn<E>[],
  page: PageQueryDto,
  direction: 'ASC' | 'DESC',
  window: number,
): Promise<Page<E>> {
  const starting = await paginate(scope.clone().andWhere(parts.starting.sql, parts.starting.params), keyset, page, direction);
  const inside = await paginateSearch(dataSource, scope, parts.inside, keyset, page, direction, window);
  const unique = keyset[keyset.length - 1];
  const keys = [...new Set([...starting.data, ...inside.data].map((row) => unique.value(row)))];
  if (!keys.length) return { data: [], nextCursor: null };
  const merged = await paginate(scope.clone().andWhere(`${unique.expression} in (:...position_keys)`, { position_keys: keys }), keyset, { limit: page.limit }, direction);
  // Either part having more means the union has more than this page, even when the merged rows fit it exactly.
  const more = merged.nextCursor ?? (starting.nextCursor || inside.nextCursor ? cursorOf(keyset, merged.data[merged.data.length - 1]) : null);
  return { data: merged.data, nextCursor: more };
}
