import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditCategory } from '../audit/audit-event.entity';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { Optional } from '../platform/http/validation';
import { ErrorCode } from '../platform/http/error-code';
import { FieldAccess } from './access.types';
import { beginExport, ExportFormat, type ExportColumnType } from './export-file';
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

/** How an object's records become the columns of an export. */
export interface ExportShape<E, D extends object> {
  toDto: (record: E) => D;
  /** Fields under field rules (hidden ones are left out as columns, masked ones masked). */
  protectedFields: ReadonlyArray<keyof D & string>;
  /** Every column, in order. */
  columns: ReadonlyArray<keyof D & string>;
  /** Columns whose strings are decimals or days (typed cells in a workbook). */
  types?: Partial<Record<keyof D & string, ExportColumnType>>;
}

/**
 * Exports (CSV or Excel) of one object type, through the same engine as its list: the scope in the SQL, hidden fields left out
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

  async write(principal: Principal, options: ListOptions, format: ExportFormat | undefined, response: Response): Promise<void> {
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
      details: { rows: total, columns, format: format ?? ExportFormat.Csv, filters: { ...options.filters, q: options.q, sort: options.sort, ...(options.ids ? { ids: options.ids.length } : {}) } },
    });
    const file = beginExport(response, { name: `${objectType}s`, columns, format: format ?? ExportFormat.Csv, types: this.shape.types });
    let cursor: string | undefined;
    do {
      const { page } = await this.records.list(principal, { ...options, limit: PAGE, cursor });
      await file.write(page.data.map((record) => access.project(this.shape.toDto(record), this.shape.protectedFields) as Record<string, unknown>));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await file.end();
  }
}
