import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, type ObjectLiteral } from 'typeorm';
import { beginExport, ExportFormat } from '../../access/export-file';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { EXPORT_MAX_ROWS } from '../../access/record-export';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { continueAfter, cursorOf, orderByKeyset, type KeysetColumn } from '../../platform/http/pagination';
import { AccountService } from '../accounts/account.service';
import { OrderStatus } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import { SatisfactionItemBy } from './satisfaction.dto';
import {
  SatisfactionCustomerDto,
  SatisfactionCustomerKind,
  SatisfactionCustomerPageDto,
  SatisfactionCustomersExportQueryDto,
  SatisfactionCustomersQueryDto,
} from './satisfaction-customers.dto';
import { addMonths, periodStart } from './periods';
import { assertReadsSatisfactionOrders, satisfactionWindow } from './satisfaction-window';

const EXPORT_PAGE = 1000;
const EXPORT_COLUMNS = ['accountId', 'name', 'firstOrderOn', 'lastOrderOn'] as const;
/** A service item's key on a line joined to its product (`pr`), as in the report. */
const ITEM_KEY: Record<SatisfactionItemBy, string> = {
  [SatisfactionItemBy.Category]: 'pr.category_id',
  [SatisfactionItemBy.Product]: 'pr.id',
};

interface CustomerRow {
  account_id: string;
  first_on: string;
  last_on: string;
}

/** The drill-down, resolved: whose customers, over which days, ordered by which of their days. */
interface Drill {
  kind: SatisfactionCustomerKind;
  from: string;
  to: string;
  /** Churned: the first day of the period before. */
  previous?: string;
  item?: { by: SatisfactionItemBy; id: string };
}

/**
 * The customers behind the satisfaction report's churned and attracted figures (R-ANA-3, issue 5's drill-down from a
 * chart to the customers behind it), by the report's own definitions (docs/analytics.md, "Satisfaction and
 * activity") over the same orders: the engine's order read scope, so a rep's are their team's customers and a
 * restricted order counts only for who sees it; cancelled orders left out. Keyset pages ordered by the day that
 * defines them — attracted customers by their first order day, churned ones by their last — then by account.
 */
@Injectable()
export class SatisfactionCustomers {
  constructor(
    private readonly orders: OrderService,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, query: SatisfactionCustomersQueryDto): Promise<SatisfactionCustomerPageDto> {
    const drill = resolve(query);
    const { orderAccess, accountAccess } = await this.accessFor(principal);
    const page = await this.page(orderAccess, accountAccess, drill, query.limit ?? 50, query.cursor);
    return { ...page, kind: drill.kind, from: drill.from, to: drill.to };
  }

  /** Every page as CSV or a workbook (the one export path), audited before any data leaves; over EXPORT_MAX_ROWS is 400. */
  async export(principal: Principal, query: SatisfactionCustomersExportQueryDto, response: Response): Promise<void> {
    const drill = resolve(query);
    const { orderAccess, accountAccess } = await this.accessFor(principal);
    const [{ n }] = await this.run<{ n: number }>(`select count(*)::int as n from (${customersSql(this.visibleOrders(orderAccess).getQuery(), drill)}) x`, this.params(orderAccess, drill));
    if (n > EXPORT_MAX_ROWS) {
      throw new AppError(ErrorCode.ValidationFailed, `The export would have ${n} rows; narrow it to at most ${EXPORT_MAX_ROWS}`, {
        errors: [{ field: 'start', message: `matches ${n} customers, more than ${EXPORT_MAX_ROWS}` }],
      });
    }
    const format = query.format ?? ExportFormat.Csv;
    await this.audit.record(this.dataSource.manager, {
      category: AuditCategory.Business,
      action: 'reports.satisfaction_customers_exported',
      entityType: ObjectType.Order,
      details: { rows: n, columns: [...EXPORT_COLUMNS], format, filters: { kind: drill.kind, from: drill.from, to: drill.to, ...(drill.item ? { itemBy: drill.item.by, item: drill.item.id } : {}) } },
    });
    const file = beginExport(response, { name: `${drill.kind}-customers`, columns: EXPORT_COLUMNS, format, types: { firstOrderOn: 'date', lastOrderOn: 'date' } });
    let cursor: string | undefined;
    do {
      const page = await this.page(orderAccess, accountAccess, drill, EXPORT_PAGE, cursor);
      await file.write(page.data as unknown as Array<Record<string, unknown>>);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await file.end();
  }

  /** The report's own checks: 403 without the read right on orders, or naming the order fields its counts read. */
  private async accessFor(principal: Principal): Promise<{ orderAccess: ObjectAccess; accountAccess: ObjectAccess }> {
    const orderAccess = await this.orders.records.accessFor(principal);
    // What the report's counts read of an order, and so what its customers read: the same 403 for the same caller.
    assertReadsSatisfactionOrders(orderAccess);
    return { orderAccess, accountAccess: await this.accounts.records.accessFor(principal) };
  }

  private async page(orderAccess: ObjectAccess, accountAccess: ObjectAccess, drill: Drill, limit: number, cursor: string | undefined): Promise<{ data: SatisfactionCustomerDto[]; nextCursor: string | null }> {
    const keyset: KeysetColumn<CustomerRow>[] = [
      { expression: drill.kind === SatisfactionCustomerKind.Churned ? 'x.last' : 'x.first', value: (row) => (drill.kind === SatisfactionCustomerKind.Churned ? row.last_on : row.first_on) },
      { expression: 'x.account_id', value: (row) => row.account_id },
    ];
    const q = this.dataSource
      .createQueryBuilder()
      .from(`(${customersSql(this.visibleOrders(orderAccess).getQuery(), drill)})`, 'x')
      .select('x.account_id::text', 'account_id')
      .addSelect(`to_char(x.first, 'YYYY-MM-DD')`, 'first_on')
      .addSelect(`to_char(x.last, 'YYYY-MM-DD')`, 'last_on')
      .setParameters(this.params(orderAccess, drill));
    // The query is over a subquery, the rows are raw: the SQL side of the keyset reads only the expressions.
    const sqlKeyset: KeysetColumn<ObjectLiteral>[] = keyset.map(({ expression }) => ({ expression, value: () => '' }));
    continueAfter(q, sqlKeyset, { cursor }, 'ASC');
    orderByKeyset(q, sqlKeyset, 'ASC');
    const rows = await q.limit(limit + 1).getRawMany<CustomerRow>();
    const hasMore = rows.length > limit;
    const data = hasMore ? rows.slice(0, limit) : rows;
    const last = data[data.length - 1];
    const names = await this.names(accountAccess, data.map((row) => row.account_id));
    return {
      data: data.map((row) => {
        const account = names.get(row.account_id);
        return { accountId: row.account_id, name: account?.name ?? null, accountVisible: account !== undefined, firstOrderOn: row.first_on, lastOrderOn: row.last_on };
      }),
      nextCursor: hasMore && last ? cursorOf(keyset, last) : null,
    };
  }

  /**
   * The page's accounts the caller may see, with their names under the field rules (hidden: null, masked: masked): an
   * order may be visible (a share) where its account is not, and then the customer is listed without a name.
   */
  private async names(accountAccess: ObjectAccess, ids: string[]): Promise<Map<string, { name: string | null }>> {
    if (!ids.length || accountAccess.level(AccessAction.Read) === AccessLevel.None) return new Map();
    const rows = await this.accounts.records
      .readable(accountAccess)
      .select('r.id::text', 'id')
      .addSelect('r.name', 'name')
      .andWhere('r.id in (:...scAccounts)', { scAccounts: ids })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((row) => [row.id, { name: accountAccess.project({ name: row.name as string | null }, ['name']).name ?? null }]));
  }

  /** The report's visible orders: readable, not cancelled, dated up to the last day drilled into. */
  private visibleOrders(orderAccess: ObjectAccess) {
    return this.orders.records
      .readable(orderAccess)
      .select('r.id', 'id')
      .addSelect('r.account_id', 'account_id')
      .addSelect('r.order_date', 'order_date')
      .andWhere('r.status <> :scCancelled')
      .andWhere('r.order_date <= :scTo');
  }

  private params(orderAccess: ObjectAccess, drill: Drill): Record<string, unknown> {
    return {
      ...this.visibleOrders(orderAccess).getParameters(),
      scCancelled: OrderStatus.Cancelled,
      scFrom: drill.from,
      scTo: drill.to,
      ...(drill.previous ? { scPrevious: drill.previous } : {}),
      ...(drill.item ? { scItem: drill.item.id } : {}),
    };
  }

  private run<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return this.dataSource.query(text, values);
  }
}

/**
 * The query's days from the report's window and the figure asked for: 400 naming the parameter at fault (`to` before
 * `from`, a window over 120 periods, `start` not the first day of one of its periods, `churned` without `start` or
 * with `item`).
 */
export function resolve(query: SatisfactionCustomersQueryDto): Drill {
  const { period, step, first, lastStart } = satisfactionWindow(query);
  if (query.start !== undefined && (periodStart(query.start, period) !== query.start || query.start < first || query.start > lastStart)) {
    throw AppError.validation('start', `must be the first day of a ${period} of the window (${first} … ${lastStart})`);
  }
  if (query.kind === SatisfactionCustomerKind.Churned) {
    if (query.start === undefined) throw AppError.validation('start', 'is required for churned customers: the period they churned in');
    if (query.item !== undefined) throw AppError.validation('item', 'applies to attracted customers only');
  }
  const from = query.start ?? first;
  const to = addMonths(query.start ?? lastStart, step, -1);
  return {
    kind: query.kind,
    from,
    to,
    ...(query.kind === SatisfactionCustomerKind.Churned ? { previous: addMonths(from, -step) } : {}),
    ...(query.item !== undefined ? { item: { by: query.itemBy ?? SatisfactionItemBy.Category, id: query.item } } : {}),
  };
}

/**
 * Per customer of the figure: account, first and last visible order day (up to `:scTo`). Attracted: the first order
 * day falls in the days drilled into (and, for an item, one of that day's orders has a line of it) — the report's
 * `firstPurchaseSql`. Churned: an order in the period before, none in the period (the last one is before it) — the
 * report's `activitySql`, for one period.
 *
 * Both walk the orders of the days that define the list — the period before for churned customers, the days drilled
 * into for attracted ones — by the order-date index, in the list's order (day, then account), and keep an order that
 * is its customer's last up to `:scTo` (churned) or first (attracted): one probe of the customer's orders each, so a
 * page costs about a page of probes whatever the volume. Grouping every such customer's whole history first took
 * 2.7 s for a quarter's churned customers and 29 s for a year's attracted by a category, for the general manager at
 * a million customers; the walk answers the same rows in 30–40 ms. The other day of a row is looked up for the page's
 * rows only.
 */
function customersSql(vo: string, drill: Drill): string {
  const churned = drill.kind === SatisfactionCustomerKind.Churned;
  // The customer's last order up to :scTo (no later one), or its first (no earlier one). Both checks end in `offset 0`,
  // which keeps them checks of each walked order (subplans) rather than joins: as joins the planner may hash the whole
  // window's orders when it misjudges how soon a page fills (a year's attracted customers by a category, general
  // manager at 1M: 2.8 s hashed against 21 ms walked).
  const defining = churned
    ? `not exists (select 1 from (${vo}) n where n.account_id = o.account_id and n.order_date > o.order_date offset 0)`
    : `not exists (select 1 from (${vo}) n where n.account_id = o.account_id and n.order_date < o.order_date offset 0)`;
  const item = drill.item
    ? `and exists (select 1 from (${vo}) i join order_lines l on l.order_id = i.id join products pr on pr.id = l.product_id
                    where i.account_id = o.account_id and i.order_date = o.order_date and ${ITEM_KEY[drill.item.by]} = :scItem offset 0)`
    : '';
  const days = churned ? `o.order_date >= :scPrevious and o.order_date < :scFrom` : `o.order_date >= :scFrom`;
  const other = `(select ${churned ? 'min' : 'max'}(f.order_date) from (${vo}) f where f.account_id = d.account_id)`;
  return `
    select d.account_id, ${churned ? `${other} as first, d.day as last` : `d.day as first, ${other} as last`}
      from (select distinct on (o.order_date, o.account_id) o.account_id, o.order_date as day
              from (${vo}) o
             where ${days} and ${defining} ${item}
             order by o.order_date, o.account_id) d`;
}
