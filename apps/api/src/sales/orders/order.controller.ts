import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { PageQueryDto } from '../../platform/http/pagination';
import {
  AccountPaymentPageDto,
  AccountReceivablesDto,
  ChangeOrderStatusDto,
  CreateOrderDto,
  CreatePaymentDto,
  OrderDto,
  OrderPageDto,
  OrderQueryDto,
  OrderStatusChangeDto,
  PaymentDto,
  ReceivablesDto,
  ReceivablesQueryDto,
  UpdateOrderDto,
} from './order.dto';
import { OrderService } from './order.service';

/** Orders, payments and receivables, through the permission engine: what a caller may not see does not exist for them. */
@ApiTags('orders')
@Controller()
export class OrderController {
  constructor(private readonly orders: OrderService) {}

  /** Without lines; filter by status, account or owner; keyset paging. */
  @Get('orders')
  @Endpoint({ summary: 'List the orders you may see' })
  listOrders(@CurrentPrincipal() principal: Principal, @Query() query: OrderQueryDto): Promise<OrderPageDto> {
    return this.orders.list(principal, query);
  }

  /** Only the orders you may see, of an account you may see (404 otherwise). */
  @Get('accounts/:id/orders')
  @Endpoint({ summary: 'List an account\'s orders', errors: [404] })
  listAccountOrders(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: OrderQueryDto): Promise<OrderPageDto> {
    return this.orders.list(principal, query, id);
  }

  /**
   * Open receivables of the orders you may see, aged by days past the due date (current, 1–30, 31–60, 61–90, 90+),
   * per account and currency and per currency, in decimal strings. 403 naming the fields if you may not read the amounts.
   */
  @Get('receivables')
  @Endpoint({ summary: 'Receivables with ageing over the orders you may see', errors: [403] })
  listReceivables(@CurrentPrincipal() principal: Principal, @Query() query: ReceivablesQueryDto): Promise<ReceivablesDto> {
    return this.orders.receivables(principal, query);
  }

  /** As GET /receivables for one account you may see (404 otherwise), with its open orders. */
  @Get('accounts/:id/receivables')
  @Endpoint({ summary: 'An account\'s receivables with ageing', errors: [403, 404] })
  getAccountReceivables(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: ReceivablesQueryDto): Promise<AccountReceivablesDto> {
    return this.orders.accountReceivables(principal, id, query);
  }

  /** With its lines; prices you may not read are omitted (the quality inspector sees none). */
  @Get('orders/:id')
  @Endpoint({ summary: 'Get an order with its lines', errors: [404] })
  async getOrder(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<OrderDto> {
    const order = await this.orders.get(principal, id);
    setVersionEtag(response, order.version);
    return order;
  }

  /**
   * A manual order: the account must be one you see (400 naming accountId), products existing ones (400 naming
   * `lines[i].productId`); net prices, line totals, subtotal, tax and total are computed on the server.
   */
  @Post('orders')
  @Endpoint({ summary: 'Create an order with its lines', errors: [403] })
  async createOrder(@CurrentPrincipal() principal: Principal, @Body() dto: CreateOrderDto, @Res({ passthrough: true }) response: Response): Promise<OrderDto> {
    const order = await this.orders.create(principal, dto);
    setVersionEtag(response, order.version);
    return order;
  }

  /** Needs If-Match. Payment terms, notes, owner and flags; lines and amounts do not change after ordering. */
  @Patch('orders/:id')
  @Endpoint({ summary: 'Update or reassign an order', errors: [403, 404, 412, 428] })
  async updateOrder(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateOrderDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDto> {
    const order = await this.orders.update(principal, id, dto, version);
    setVersionEtag(response, order.version);
    return order;
  }

  /**
   * Needs If-Match. The next step only (paid → shipped → delivered → confirmed; cancelled from ordered without
   * payments): 409 naming `status` for a skip, a step back or a paid status (those follow from payments).
   */
  @Post('orders/:id/status')
  @Endpoint({ summary: 'Move an order to its next status', status: 200, errors: [403, 404, 409, 412, 428] })
  async changeOrderStatus(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: ChangeOrderStatusDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDto> {
    const order = await this.orders.changeStatus(principal, id, dto, version);
    setVersionEtag(response, order.version);
    return order;
  }

  /** Oldest first: who took each step when (the first is `ordered`). 404 if you cannot see the order. */
  @Get('orders/:id/status-history')
  @Endpoint({ summary: 'List the status changes of an order', errors: [404] })
  listOrderStatusHistory(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<OrderStatusChangeDto[]> {
    return this.orders.statusHistory(principal, id);
  }

  /** 403 without a read right on payments; 404 if you cannot see the order. */
  @Get('orders/:id/payments')
  @Endpoint({ summary: 'List the payments of an order', errors: [403, 404] })
  listOrderPayments(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<PaymentDto[]> {
    return this.orders.payments(principal, id);
  }

  /**
   * Newest first, keyset-paged: only payments of the account's orders you can see. 403 without a read right on
   * payments; 404 if you cannot see the account.
   */
  @Get('accounts/:id/payments')
  @Endpoint({ summary: 'List an account\'s payments', errors: [403, 404] })
  listAccountPayments(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<AccountPaymentPageDto> {
    return this.orders.accountPayments(principal, id, query);
  }

  /**
   * Finance records payments (create right on `payment`; 403 otherwise). At most the outstanding amount (409 naming
   * `amount`); the order becomes partly or fully paid in the same transaction.
   */
  @Post('orders/:id/payments')
  @Endpoint({ summary: 'Record a payment against an order', errors: [403, 404, 409] })
  createOrderPayment(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreatePaymentDto): Promise<PaymentDto> {
    return this.orders.recordPayment(principal, id, dto);
  }

  /** Who the order is explicitly shared with. 404 if you cannot see it. */
  @Get('orders/:id/shares')
  @Endpoint({ summary: 'List the shares of an order', errors: [404] })
  listOrderShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.orders.shares.list(principal, id);
  }

  /** As for accounts: exactly one of userId and teamId; needs the right to change the order (403). */
  @Post('orders/:id/shares')
  @Endpoint({ summary: 'Share an order with a user or a team', errors: [403, 404] })
  createOrderShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.orders.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the order, as for sharing. */
  @Delete('orders/:id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing an order with a user or a team', status: 204, errors: [403, 404] })
  deleteOrderShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.orders.shares.revoke(principal, id, shareId);
  }
}
