import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditCategory } from '../audit/audit-event.entity';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { Optional } from '../platform/http/validation';
import { ErrorCode } from '../platform/http/error-code';
import { FieldAccess } from './access.types';
import type { BusinessRecord } from './record-attributes';
import type { ListOptions, ScopedRecords } from './scoped-records';

/** Beyond this an export is refused (narrow it with filters): a spreadsheet, not a database dump. */
export const EXPORT_MAX_ROWS = 100_000;
/** At most this many ids in one export of a selection: they travel in the query string (≈ 7.5 kB at 200). */
export const EXPORT_MAX_IDS = 200;

/**
 * `ids` of an export: only these records (the rows picked in a list), comma-separated (or repeated parameters);
 * at most EXPORT_MAX_IDS UUIDs. Ids the caller may not see are simply absent from the file.
 */
export function IsExportSelection(): PropertyDecorator {
  return applyDecorators(
    // Comma-separated like the directory's `ids`; repeated parameters are accepted too.
    ApiPropertyOptional({
      type: 'string',
      description: `Only these records (a selection): comma-separated ids, at most ${EXPORT_MAX_IDS}; ids you may not see are left out`,
      example: '01a20909-1c08-705a-93fb-5d11d4e08468,01a20909-1c08-705a-93fb-5d11d4e08469',
    }),
    Optional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : value)),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(EXPORT_MAX_IDS),
    IsUUID('all', { each: true }),
  );
}
const PAGE = 1000;

/** How an object's records become CSV columns. */
export interface ExportShape<E, D extends object> {
  toDto: (record: E) => D;
  /** Fields under field rules (hidden ones are left out as columns, masked ones masked). */
  protectedFields: ReadonlyArray<keyof D & string>;
  /** Every column, in order. */
  columns: ReadonlyArray<keyof D & string>;
}

/**
 * CSV exports of one object type, through the same engine as its list: the scope in the SQL, hidden fields left out
 * as columns, masked ones masked. The checks (sort/filter/search by what the caller may not read, size) happen
 * before the first byte, so they still answer problem+json; every export is audited before any data leaves.
 */
export class RecordExport<E extends BusinessRecord & { id: string }, D extends object> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly records: ScopedRecords<E>,
    private readonly shape: ExportShape<E, D>,
  ) {}

  async csv(principal: Principal, options: ListOptions, response: Response): Promise<void> {
    const total = await this.records.count(principal, options);
    if (total > EXPORT_MAX_ROWS) {
      throw new AppError(ErrorCode.ValidationFailed, `The export would have ${total} rows; narrow it to at most ${EXPORT_MAX_ROWS} with filters`, {
        errors: [{ field: 'q', message: `matches ${total} records, more than ${EXPORT_MAX_ROWS}` }],
      });
    }
    const access = await this.records.accessFor(principal);
    const guarded = this.shape.protectedFields as readonly string[];
    const columns = this.shape.columns.filter((column) => !guarded.includes(column) || access.fieldAccess(column) !== FieldAccess.Hidden);
    const objectType = this.records.config.objectType;
    await this.audit.record(this.dataSource.manager, {
      category: AuditCategory.Business,
      action: `${objectType}.exported`,
      entityType: objectType,
      details: { rows: total, columns, filters: { ...options.filters, q: options.q, sort: options.sort, ...(options.ids ? { ids: options.ids.length } : {}) } },
    });
    beginCsvDownload(response, `${objectType}s`, columns);
    let cursor: string | undefined;
    do {
      const { page } = await this.records.list(principal, { ...options, limit: PAGE, cursor });
      writeCsvRows(response, columns, page.data.map((record) => access.project(this.shape.toDto(record), this.shape.protectedFields) as Record<string, unknown>));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    response.end();
  }
}

/**
 * Starts a CSV download of today named `<name>-YYYY-MM-DD.csv`: the headers, then the header row after a byte order
 * mark (it makes Excel read UTF-8, e.g. Chinese names, correctly). Every CSV export writes through here and
 * `writeCsvRows`, so they all read alike.
 */
export function beginCsvDownload(response: Response, name: string, columns: readonly string[]): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`);
  response.write(`\uFEFF${stringify([columns])}`);
}

/** Writes one CSV line per record, `columns` in order (null and undefined as empty cells, dates as ISO). */
export function writeCsvRows(response: Response, columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): void {
  if (records.length) response.write(stringify(records.map((record) => columns.map((column) => cell(record[column])))));
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
