import { Workbook, type CellValue } from 'exceljs';
import type { Test } from 'supertest';

/** An export downloaded as an Excel workbook, opened with the library that wrote it. */
export interface Sheet {
  status: number;
  contentType: string;
  /** Row by row, cell by cell (1-based in exceljs; here 0-based): the values and their number formats. */
  rows: CellValue[][];
  formats: string[][];
}

/** The response's bytes, whatever its content type (supertest would otherwise try to parse or drop them). */
export function binary(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

export async function openSheet(request: Test): Promise<Sheet> {
  const response = await binary(request);
  const contentType = String(response.headers['content-type'] ?? '');
  if (response.status !== 200) return { status: response.status, contentType, rows: [], formats: [] };
  const workbook = new Workbook();
  // exceljs declares its argument as its own `Buffer extends ArrayBuffer`: hand it the bytes as an ArrayBuffer.
  const body = response.body as Buffer;
  await workbook.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: CellValue[][] = [];
  const formats: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const width = sheet.columnCount;
    rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value));
    formats.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).numFmt ?? ''));
  });
  return { status: response.status, contentType, rows, formats };
}
