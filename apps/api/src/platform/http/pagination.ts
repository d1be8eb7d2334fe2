import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from './app-error';
import { Optional } from './validation';

export const MAX_PAGE_SIZE = 200;

/** `limit` and `cursor`, shared by every list endpoint's query DTO. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: 'Page size' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`', maxLength: 512 })
  @Optional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** One sort key of a keyset: the SQL expression and how to read its value from a row. */
export interface KeysetColumn<E> {
  expression: string;
  value: (row: E) => string | number | Date;
}

function encodeCursor(values: Array<string | number | Date>): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

/** The values of a cursor of a keyset of `length` columns (400 naming `cursor` when it is not one). */
export function decodeCursor(cursor: string, length: number): Array<string | number> {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values as Array<string | number>;
    }
  } catch {
    // fall through
  }
  throw AppError.validation('cursor', 'is not a cursor returned by this list');
}

/**
 * Keyset pagination: orders by the given columns (all in one direction) and continues strictly after the
 * cursor's row, so pages stay stable under inserts and cost the same at any depth. The last column must be unique.
 */
export async function paginate<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  keyset: KeysetColumn<E>[],
  page: PageQueryDto,
  direction: 'ASC' | 'DESC',
): Promise<Page<E>> {
  const limit = page.limit ?? 50;
  continueAfter(query, keyset, page, direction);
  orderByKeyset(query, keyset, direction);
  const rows = await query.take(limit + 1).getMany();
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: hasMore && last ? cursorOf(keyset, last) : null };
}

/** The cursor that continues after `row`. */
export function cursorOf<E>(keyset: KeysetColumn<E>[], row: E): string {
  return encodeCursor(keyset.map((k) => k.value(row)));
}

/** Narrows `query` to the rows strictly after the page's cursor, in the keyset's order (nothing without a cursor). */
export function continueAfter<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, keyset: KeysetColumn<E>[], page: PageQueryDto, direction: 'ASC' | 'DESC'): void {
  if (!page.cursor) return;
  const values = decodeCursor(page.cursor, keyset.length);
  const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
  const comparison = direction === 'ASC' ? '>' : '<';
  query.andWhere(`(${keyset.map((k) => k.expression).join(', ')}) ${comparison} (${values.map((_, i) => `:cursor${i}`).join(', ')})`, params);
}

export function orderByKeyset<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, keyset: KeysetColumn<E>[], direction: 'ASC' | 'DESC'): void {
  keyset.forEach((k, i) => (i === 0 ? query.orderBy(k.expression, direction) : query.addOrderBy(k.expression, direction)));
}

/** Newest first (UUIDv7 ids and similar). */
export function paginateDescending<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, keyset: KeysetColumn<E>[], page: PageQueryDto): Promise<Page<E>> {
  return paginate(query, keyset, page, 'DESC');
}
