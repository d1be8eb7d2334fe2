import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import { stream as excelStream } from 'exceljs';
import type { Response } from 'express';
import { Optional } from '../platform/http/validation';

/** The file an export is written as. */
export enum ExportFormat {
  /** UTF-8 with a byte order mark (Excel reads Chinese names right), one header row. */
  Csv = 'csv',
  /** An Excel workbook (Office Open XML): one sheet, a header row, numbers and dates as typed cells. */
  Xlsx = 'xlsx',
}

/** `format` of an export: `csv` (default) or `xlsx`. */
export function IsExportFormat(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: ExportFormat, enumName: 'ExportFormat', default: ExportFormat.Csv, description: 'The file: `csv` (UTF-8 with BOM) or `xlsx` (an Excel workbook)' }),
    Optional(),
    IsEnum(ExportFormat),
  );
}

/**
 * What a column's string values are, where the value alone cannot tell (a phone number looks like a number too):
 * `decimal` — a decimal string from a PostgreSQL numeric (money, scores); `date` — a calendar day `YYYY-MM-DD`.
 * Numbers, booleans and `Date`s are typed by their value; anything else is text.
 */
export type ExportColumnType = 'decimal' | 'date';

/** An export being written: rows page by page, then `end` (the file is complete once it resolves). */
export interface ExportFile {
  write(records: ReadonlyArray<Record<string, unknown>>): Promise<void>;
  end(): Promise<void>;
}

export interface ExportFileOptions {
  /** The file is named `<name>-YYYY-MM-DD.<format>` (today, UTC). */
  name: string;
  columns: readonly string[];
  format: ExportFormat;
  types?: Readonly<Partial<Record<string, ExportColumnType>>>;
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  [ExportFormat.Csv]: 'text/csv; charset=utf-8',
  [ExportFormat.Xlsx]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Starts the download of an export: the headers, then the header row. Every export (records, customer analytics)
 * writes through here, so the formats read alike whatever is exported; the rows stream page by page in both formats,
 * so a 100,000-row file never sits in memory.
 */
export function beginExport(response: Response, options: ExportFileOptions): ExportFile {
  response.setHeader('Content-Type', CONTENT_TYPE[options.format]);
  response.setHeader('Content-Disposition', `attachment; filename="${options.name}-${new Date().toISOString().slice(0, 10)}.${options.format}"`);
  return options.format === ExportFormat.Xlsx ? xlsxFile(response, options) : csvFile(response, options.columns);
}

function csvFile(response: Response, columns: readonly string[]): ExportFile {
  response.write(`\uFEFF${stringify([columns])}`);
  return {
    write: async (records) => {
      if (records.length) response.write(stringify(records.map((record) => columns.map((column) => text(record[column])))));
      await drained(response);
    },
    end: async () => {
      response.end();
    },
  };
}

/**
 * Resolves once the client has taken what was sent (or is gone): the next page is read only then, so a slow download
 * holds about a page in memory, not the whole file.
 */
function drained(response: Response): Promise<void> {
  if (!response.writableNeedDrain || response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** The text of a cell: empty for null and undefined, ISO 8601 for dates, JSON for objects (addresses). */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A workbook streamed to the response (exceljs' `WorkbookWriter`: each committed row is zipped and sent, not kept).
 * Inline strings rather than a shared-string table, which would hold every distinct text until the end.
 */
function xlsxFile(response: Response, { columns, types = {} }: ExportFileOptions): ExportFile {
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: response, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('export', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...columns]);
  header.font = { bold: true };
  header.commit();
  return {
    write: async (records) => {
      for (const record of records) {
        const cells = columns.map((column) => xlsxCell(record[column], types[column]));
        const row = sheet.addRow(cells.map((cell) => cell.value));
        cells.forEach((cell, i) => {
          if (cell.numFmt) row.getCell(i + 1).numFmt = cell.numFmt;
        });
        row.commit();
      }
      await drained(response);
    },
    end: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** Excel keeps 15 significant digits: a decimal with at most that many is the same number in a cell, digit for digit. */
const EXACT_DIGITS = 15;
const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

/**
 * One cell of the workbook. A decimal string becomes a number cell showing its own decimals (`0.00` for money) when
 * Excel holds it exactly (≤ 15 significant digits); longer ones, and masked values (`****`), stay text cells with every
 * digit — never a silently rounded number. A day is a date cell, a timestamp a date-time cell (UTC).
 */
export function xlsxCell(value: unknown, type: ExportColumnType | undefined): { value: string | number | boolean | Date | null; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  if (value instanceof Date) return { value, numFmt: 'yyyy-mm-dd hh:mm:ss' };
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (typeof value === 'string' && type === 'decimal') {
    const match = DECIMAL.exec(value);
    if (match && `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '').length <= EXACT_DIGITS) {
      const decimals = match[2]?.length ?? 0;
      return { value: Number(value), numFmt: decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' };
    }
  }
  if (typeof value === 'string' && type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), numFmt: 'yyyy-mm-dd' };
  }
  return { value: text(value) };
}
