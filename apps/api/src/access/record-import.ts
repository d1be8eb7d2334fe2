import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { AccessAction } from './access.types';
import type { BusinessRecord } from './record-attributes';
import { type CsvImportOptionsDto, ImportDuplicateMode, type ImportDuplicateCandidateDto, type ImportDuplicateDto, type ImportResultDto, type ImportRowErrorDto } from './record-import.dto';
import type { ScopedRecords } from './scoped-records';

/** Beyond this an import is refused (400): split the file. */
export const IMPORT_MAX_ROWS = 5000;
/** Existing records reported per duplicate row, as for a single create. */
const MAX_CANDIDATES = 10;

/** A valid row of the file: its 1-based line and its values, validated as `rowType`. */
export interface ImportRow<D> {
  row: number;
  values: D;
}

/** How one object's CSV rows become records. */
export interface ImportShape<E, D extends object> {
  /** The class each row is validated as, like a create body (unknown properties refused). */
  rowType: ClassConstructor<D>;
  /** Header → field of `rowType`: field names and the Chinese labels a spreadsheet made in China would carry. */
  columns: Record<string, keyof D & string>;
  /** Columns the header must have (by field). */
  required: ReadonlyArray<keyof D & string>;
  /** The record's fields a row's field writes (for the up-front field rights check); default the field itself. */
  writes?: Partial<Record<keyof D & string, string>>;
  /** A row's name in a duplicate report. */
  label: (values: D) => string;
  /**
   * After validation: resolves what rows refer to (e.g. a contact's account, among those the caller reads) and
   * answers a row error for each row that cannot be imported; those rows are left out.
   */
  resolve?: (principal: Principal, rows: Array<ImportRow<D>>, manager: EntityManager) => Promise<ImportRowErrorDto[]>;
  /** Live records the caller can READ each row looks like (index-aligned with `rows`), oldest first. */
  existing: (principal: Principal, rows: Array<ImportRow<D>>, manager: EntityManager) => Promise<Array<Array<Omit<ImportDuplicateCandidateDto, 'row'>>>>;
  /**
   * What rows of one file are compared by (index-aligned): per match kind (`name`, `phone`, …) zero or more
   * normalised keys; two rows sharing a key of a kind are duplicates on it.
   */
  keys: (rows: Array<ImportRow<D>>, manager: EntityManager) => Promise<Array<Record<string, string[]>>>;
  /** The record a row creates, through the engine's create path (owner, team, audit). */
  toRecord: (values: D) => Partial<E>;
}

/**
 * CSV imports of one object type through the engine: one parser, header mapping, per-row validation with line
 * numbers and row limit for every object; duplicates against live records the caller can read and against earlier
 * rows; the rows written in one transaction by the engine's create path (or none, in a dry run).
 */
export class RecordImport<E extends BusinessRecord & { id: string }, D extends object> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ScopedRecords<E>,
    private readonly shape: ImportShape<E, D>,
  ) {}

  /**
   * Invalid rows are reported with their line and field and left out; the others are created in one transaction
   * (all of them, or — on a failure of the whole request such as a missing right — none). The create right and the
   * right to write each column are checked before anything else, so a dry run answers 403 as the import would.
   */
  async run(principal: Principal, csv: string, options: CsvImportOptionsDto): Promise<ImportResultDto> {
    const { header, body } = readCsv(csv);
    const fields = this.mapHeader(header);
    const access = await this.records.accessFor(principal);
    access.assertMay(AccessAction.Create);
    access.assertWritable(Object.fromEntries(fields.map((field) => [this.shape.writes?.[field] ?? field, true])));

    const errors: ImportRowErrorDto[] = [];
    let rows: Array<ImportRow<D>> = [];
    for (const [index, cells] of body.entries()) {
      const row = index + 2;
      if (cells.length > header.length) {
        errors.push({ row, field: 'csv', message: `has ${cells.length} cells for ${header.length} columns` });
        continue;
      }
      const plain: Record<string, string> = {};
      fields.forEach((field, i) => {
        if (cells[i] !== undefined && cells[i] !== '') plain[field] = cells[i];
      });
      const values = plainToInstance(this.shape.rowType, plain);
      const problems = await validate(values, { whitelist: true, forbidNonWhitelisted: true });
      if (problems.length) {
        for (const problem of problems) errors.push({ row, field: problem.property, message: Object.values(problem.constraints ?? {}).join('; ') || 'is invalid' });
        continue;
      }
      rows.push({ row, values });
    }

    const manager = this.dataSource.manager;
    if (this.shape.resolve && rows.length) {
      const unresolved = await this.shape.resolve(principal, rows, manager);
      errors.push(...unresolved);
      const bad = new Set(unresolved.map((error) => error.row));
      rows = rows.filter((row) => !bad.has(row.row));
    }
    errors.sort((a, b) => a.row - b.row);

    const duplicates = rows.length ? await this.duplicates(principal, rows, manager) : new Map<number, ImportDuplicateCandidateDto[]>();
    const skip = options.onDuplicate === ImportDuplicateMode.Skip;
    const chosen = rows.filter((row) => !(skip && duplicates.has(row.row)));
    const ids: string[] = [];
    if (!options.dryRun && chosen.length) {
      const created = await this.dataSource.transaction(async (transaction) => {
        const made: string[] = [];
        for (const { values } of chosen) made.push((await this.records.create(principal, this.shape.toRecord(values), transaction)).record.id);
        return made;
      });
      ids.push(...created);
      // An earlier row named as a candidate is now a record: say which.
      const idOfRow = new Map(chosen.map((row, i) => [row.row, created[i]]));
      for (const candidates of duplicates.values()) for (const candidate of candidates) if (candidate.row !== null) candidate.id = idOfRow.get(candidate.row) ?? null;
    }
    return {
      imported: chosen.length,
      ids,
      rows: chosen.map((row) => row.row),
      errors,
      duplicates: [...duplicates.entries()].map(([row, candidates]): ImportDuplicateDto => ({ row, candidates })),
      dryRun: options.dryRun === true,
    };
  }

  /** Per duplicate row (by line): the readable records it looks like, then the earlier valid rows sharing a key. */
  private async duplicates(principal: Principal, rows: Array<ImportRow<D>>, manager: EntityManager): Promise<Map<number, ImportDuplicateCandidateDto[]>> {
    const existing = await this.shape.existing(principal, rows, manager);
    const keys = await this.shape.keys(rows, manager);
    const seen = new Map<string, number[]>();
    const found = new Map<number, ImportDuplicateCandidateDto[]>();
    rows.forEach((row, i) => {
      const candidates: ImportDuplicateCandidateDto[] = existing[i].slice(0, MAX_CANDIDATES).map((candidate) => ({ ...candidate, row: null }));
      const earlier = new Map<number, string[]>();
      for (const [kind, values] of Object.entries(keys[i])) {
        for (const value of new Set(values.filter(Boolean))) {
          const key = `${kind}\u0000${value}`;
          for (const index of seen.get(key) ?? []) {
            const matched = earlier.get(index) ?? [];
            if (!matched.includes(kind)) earlier.set(index, [...matched, kind]);
          }
          seen.set(key, [...(seen.get(key) ?? []), i]);
        }
      }
      for (const [index, matchedOn] of [...earlier.entries()].sort(([a], [b]) => a - b)) {
        candidates.push({ objectType: this.records.config.objectType, id: null, row: rows[index].row, name: this.shape.label(rows[index].values), matchedOn });
      }
      if (candidates.length) found.set(row.row, candidates);
    });
    return found;
  }

  private mapHeader(header: string[]): Array<keyof D & string> {
    const { columns, required } = this.shape;
    const fields = header.map((h) => columns[h.trim()] ?? columns[h.trim().toLowerCase()]);
    const unknown = header.filter((_, i) => !fields[i]);
    if (unknown.length) throw AppError.validation('csv', `unknown columns: ${unknown.join(', ')} (expected ${Object.keys(columns).join(', ')})`);
    const twice = fields.filter((field, i) => fields.indexOf(field) !== i);
    if (twice.length) throw AppError.validation('csv', `more than one column for: ${[...new Set(twice)].join(', ')}`);
    for (const field of required) if (!fields.includes(field)) throw AppError.validation('csv', `needs a ${field} column`);
    return fields;
  }
}

/** The file's header and rows (a leading byte order mark ignored, blank lines skipped, cells trimmed); 400 on `csv`. */
function readCsv(csv: string): { header: string[]; body: string[][] } {
  let rows: string[][];
  try {
    rows = parse(csv.replace(/^\uFEFF/, ''), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw AppError.validation('csv', `is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header || !body.length) throw AppError.validation('csv', 'needs a header row and at least one row');
  if (body.length > IMPORT_MAX_ROWS) throw AppError.validation('csv', `has ${body.length} rows; at most ${IMPORT_MAX_ROWS} per import`);
  return { header, body };
}
