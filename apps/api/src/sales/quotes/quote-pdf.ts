import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { QuoteDto } from './quote.dto';

/**
 * Fonts that can set Chinese text, first found wins: QUOTE_PDF_FONT (a .ttf/.otf, or a .ttc with
 * QUOTE_PDF_FONT_FAMILY), then Debian's fonts-noto-cjk (installed by CI and the Docker image). Without one, the PDF
 * uses the built-in Helvetica and prints characters it cannot set as "?" (docs/architecture.md).
 */
const CJK_FONTS: Array<{ path: string; family?: string }> = [
  ...(process.env.QUOTE_PDF_FONT ? [{ path: process.env.QUOTE_PDF_FONT, family: process.env.QUOTE_PDF_FONT_FAMILY }] : []),
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

export const cjkFont = (): { path: string; family?: string } | undefined => CJK_FONTS.find((font) => existsSync(font.path));

/** Who and what the PDF names beside the quote itself. */
export interface QuotePdfContext {
  accountName: string;
  ownerName: string;
}

/**
 * The quote as the caller may see it, as a PDF: the same projection as GET /quotes/{id}, so prices the caller may not
 * read are not in it (the document's Subject says which). Built in memory: a quote has at most 200 lines.
 */
export function renderQuotePdf(quote: QuoteDto, context: QuotePdfContext): Promise<Buffer> {
  const withPrices = quote.grandTotal !== undefined;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `Quotation ${quote.number} rev. ${quote.revision}`,
      Subject: withPrices ? 'Quotation with prices' : 'Quotation without prices',
      Author: 'Lianxi CRM',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const font = cjkFont();
  if (font) doc.registerFont('body', font.path, font.family as string);
  doc.font(font ? 'body' : 'Helvetica');
  // Helvetica only knows Latin-1: replace what it cannot set rather than print garbage.
  const text = (value: string) => (font ? value : value.replace(/[^\u0020-\u00ff]/g, '?'));

  doc.fontSize(18).text(text('报价单 Quotation'), { align: 'left' });
  doc.moveDown(0.5).fontSize(10);
  doc.text(text(`No. ${quote.number}   Rev. ${quote.revision}   Status: ${quote.status}`));
  doc.text(text(`客户 Customer: ${context.accountName}`));
  doc.text(text(`销售 Sales: ${context.ownerName}`));
  doc.text(text(`币种 Currency: ${quote.currency}   有效期至 Valid until: ${quote.validUntil}`));
  doc.moveDown();

  const columns = withPrices ? [48, 250, 310, 390, 440, 500] : [48, 400];
  const header = withPrices ? ['产品 Product', '数量 Qty', '单价 List', '折扣 Disc.%', '净价 Net', '金额 Total'] : ['产品 Product', '数量 Qty'];
  const row = (cells: string[]) => {
    const y = doc.y;
    cells.forEach((cell, index) => doc.text(text(cell), columns[index], y, { width: (columns[index + 1] ?? 547) - columns[index] - 4, lineBreak: index === 0 }));
    doc.x = 48;
    doc.moveDown(0.3);
  };
  doc.fontSize(9);
  row(header);
  for (const line of quote.lines ?? []) {
    row(withPrices ? [`${line.productCode} ${line.description ?? line.productName}`, line.quantity, line.listPrice ?? '', line.discountPercent ?? '', line.netPrice ?? '', line.lineTotal ?? ''] : [`${line.productCode} ${line.description ?? line.productName}`, line.quantity]);
  }
  doc.moveDown();
  if (withPrices) {
    doc.fontSize(10);
    doc.text(text(`小计 Subtotal: ${quote.subtotal} ${quote.currency}`), { align: 'right' });
    doc.text(text(`折扣 Discount: ${quote.discountTotal}`), { align: 'right' });
    doc.text(text(`净额 Net: ${quote.netTotal}`), { align: 'right' });
    doc.text(text(`税 Tax (${quote.taxRate} %): ${quote.taxTotal}`), { align: 'right' });
    doc.text(text(`总计 Total: ${quote.grandTotal} ${quote.currency}`), { align: 'right' });
  }
  if (quote.notes) doc.moveDown().fontSize(9).text(text(quote.notes));
  doc.end();
  return done;
}
