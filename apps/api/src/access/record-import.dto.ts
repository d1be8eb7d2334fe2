import { IsBoolean, IsEnum } from 'class-validator';
import { Optional } from '../platform/http/validation';

/** What an import does with a row that looks like a record you can read (or an earlier row of the file). */
export enum ImportDuplicateMode {
  /** Leave the row out (it is still reported in `duplicates`). */
  Skip = 'skip',
  /** Create it anyway (and report it). */
  Create = 'create',
}

/** The options every CSV import takes besides its file (each import declares its own `csv` and columns). */
export class CsvImportOptionsDto {
  /** Default `create`, as a single create does: possible duplicates are reported, not refused. */
  @Optional()
  @IsEnum(ImportDuplicateMode)
  onDuplicate?: ImportDuplicateMode;

  /** Check the file and report what would happen, writing nothing (`ids` stays empty). Default false. */
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportRowErrorDto {
  /** 1-based line of the file (the header is line 1). */
  row!: number;
  field!: string;
  message!: string;
}

/** A record a row looks like: a live record you can read (`id`) or an earlier row of the same file (`row`). */
export class ImportDuplicateCandidateDto {
  /** The candidate's kind: `account`, `contact` or `lead` (a lead import reports accounts and leads). */
  objectType!: string;
  /** The record's id; for an earlier row, the record it became (null when it was not written, e.g. in a dry run). */
  id!: string | null;
  /** The earlier row of the file (1-based line); null for an existing record. */
  row!: number | null;
  name!: string;
  /** What matched: `name`, `phone`, `email` (a lead row matches on `name`: its company, or its name without one). */
  matchedOn!: string[];
}

export class ImportDuplicateDto {
  /** 1-based line of the file. */
  row!: number;
  /** Existing records first (oldest first, at most 10), then earlier rows of the file. */
  candidates!: ImportDuplicateCandidateDto[];
}

export class ImportResultDto {
  /** Rows imported (all in one transaction) — or that would be, in a dry run. */
  imported!: number;
  /** The new records' ids, in file order; empty in a dry run. */
  ids!: string[];
  /** The lines imported (or that would be), in file order. */
  rows!: number[];
  /** Rows left out, each with its line and the field at fault. */
  errors!: ImportRowErrorDto[];
  /** Rows that look like a record you can read or an earlier row; skipped or created as `onDuplicate` says. */
  duplicates!: ImportDuplicateDto[];
  dryRun!: boolean;
}
