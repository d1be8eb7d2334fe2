import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditCategory } from '../audit/audit-event.entity';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import { FieldAccess } from './access.types';
import type { BusinessRecord } from './record-attributes';
import type { ListOptions, ScopedRecords } from './scoped-records';

/** Beyond this an export is refused (narrow it with filters): a spreadsheet, not a database dump. */
export const EXPORT_MAX_ROWS = 100_000;
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
      details: { rows: total, columns, filters: { ...options.filters, q: options.q, sort: options.sort } },
    });
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${objectType}s-${new Date().toISOString().slice(0, 10)}.csv"`);
    // The byte order mark makes Excel read UTF-8 (Chinese names) correctly.
    response.write(`\uFEFF${stringify([columns])}`);
    let cursor: string | undefined;
    do {
      const { page } = await this.records.list(principal, { ...options, limit: PAGE, cursor });
      const lines = page.data.map((record) => {
        const dto = access.project(this.shape.toDto(record), this.shape.protectedFields) as Record<string, unknown>;
        return columns.map((column) => cell(dto[column]));
      });
      if (lines.length) response.write(stringify(lines));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    response.end();
  }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
