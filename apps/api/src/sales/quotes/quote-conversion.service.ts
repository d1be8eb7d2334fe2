import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../identity/auth/principal';
import type { OrderDto } from '../orders/order.dto';
import { OrderService } from '../orders/order.service';
import { QuoteService } from './quote.service';

/**
 * "Convert to order" (R-SAL-5/6): an approved, sent or accepted quote that has not expired becomes an order with its
 * lines, in one transaction — the quote is read and row-locked through the engine, the order created through it (the
 * create right on orders), and an order per quote at the most (409 naming quoteId), so a retried click makes one.
 */
@Injectable()
export class QuoteConversionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quotes: QuoteService,
    private readonly orders: OrderService,
  ) {}

  convert(principal: Principal, quoteId: string): Promise<OrderDto> {
    return this.dataSource.transaction(async (manager) => {
      const { quote, lines } = await this.quotes.loadConvertible(manager, principal, quoteId);
      // A line without its own description (none written since descriptions default to the product's name) takes
      // the product's name, as the quote's PDF shows it.
      const unnamed = lines.filter((line) => !line.description).map((line) => line.productId);
      const names = new Map(
        unnamed.length ? ((await manager.query('select id, name from products where id = any($1)', [unnamed])) as Array<{ id: string; name: string }>).map((p) => [p.id, p.name]) : [],
      );
      return this.orders.createFromQuote(manager, principal, {
        accountId: quote.accountId,
        quoteId: quote.id,
        currency: quote.currency,
        taxRate: quote.taxRate,
        lines: lines.map((line) => ({
          productId: line.productId,
          description: line.description ?? names.get(line.productId) ?? line.productId,
          quantity: line.quantity,
          listPrice: line.listPrice,
          discountPercent: line.discountPercent,
        })),
      });
    });
  }
}
