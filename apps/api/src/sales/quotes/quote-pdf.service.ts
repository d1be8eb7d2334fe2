import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { ObjectType } from '../../access/access.types';
import { renderQuotePdf } from './quote-pdf';
import { QuoteService } from './quote.service';

/** The PDF export: the quote read through the engine (404 if unseen, prices per field rules), rendered, audited. */
@Injectable()
export class QuotePdfService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quotes: QuoteService,
    private readonly audit: AuditService,
  ) {}

  async render(principal: Principal, id: string): Promise<{ fileName: string; pdf: Buffer }> {
    const quote = await this.quotes.get(principal, id);
    const [owner]: Array<{ name: string; name_en: string }> = await this.dataSource.query('select name, name_en from users where id = $1', [quote.ownerId ?? null]);
    const pdf = await renderQuotePdf(quote, { accountName: quote.accountName ?? '', ownerName: owner ? `${owner.name} ${owner.name_en}` : '' });
    await this.audit.record(this.dataSource.manager, { category: AuditCategory.Business, action: 'quote.exported', entityType: ObjectType.Quote, entityId: id, details: { format: 'pdf', withPrices: quote.grandTotal !== undefined } });
    return { fileName: `${quote.number}-r${quote.revision}.pdf`, pdf };
  }
}
