import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { paginateDescending } from '../../platform/http/pagination';
import { KNOWN_CURRENCIES } from '../products/catalogue';
import { ExchangeRateDto, ExchangeRatePageDto, ExchangeRateQueryDto, PutExchangeRateDto, RATE, toExchangeRateDto } from './exchange-rate.dto';
import { ExchangeRateEntity } from './exchange-rate.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dated exchange rates into the base currency (object type `exchange_rate`, configuration: no records). Every
 * internal business role reads them; finance sets and deletes them (`update`). Each change is audited and logged in
 * `exchange_rate_changes`, which the metrics recompute consumes (analytics/metrics/metric-dirty.ts): the
 * customer metrics of the accounts with orders in that currency from that day on are rebuilt on the next run. Order
 * lines keep the cost converted on their day; a later rate does not rewrite them.
 */
@Injectable()
export class ExchangeRateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal, query: ExchangeRateQueryDto): Promise<ExchangeRatePageDto> {
    await this.assertMay(principal, AccessAction.Read);
    const qb = this.dataSource.getRepository(ExchangeRateEntity).createQueryBuilder('r');
    if (query.currency) qb.where('r.currency = :currency', { currency: query.currency });
    const page = await paginateDescending(qb, [
      { expression: 'r.valid_from', value: (r: ExchangeRateEntity) => r.validFrom },
      { expression: 'r.currency', value: (r: ExchangeRateEntity) => r.currency },
    ], query);
    return { data: page.data.map((r) => toExchangeRateDto(r, this.config.baseCurrency)), nextCursor: page.nextCursor, baseCurrency: this.config.baseCurrency };
  }

  /** Creates or replaces the rate of `currency` from `validFrom`; the same rate again changes (and audits) nothing. */
  async put(principal: Principal, currency: string, validFrom: string, dto: PutExchangeRateDto): Promise<ExchangeRateDto> {
    await this.assertMay(principal, AccessAction.Update);
    this.assertKey(currency, validFrom);
    if (!RATE.test(dto.rate) || !/[1-9]/.test(dto.rate)) throw AppError.validation('rate', 'must be a positive decimal string with at most 10 decimals, e.g. 7.1234');
    return this.dataSource.transaction(async (manager) => {
      // Created or updated is decided by the upsert itself, not by a read before it: two simultaneous first PUTs both
      // read nothing, but only one of them inserts (xmax = 0); the other waits for it and updates (or, with the same
      // rate, changes nothing). `old.rate` (PostgreSQL 18) is the row the update replaced, as committed by the winner.
      // Numerically equal (7.10 = 7.1) is unchanged: idempotent, no audit entry, no metrics rebuild.
      const [row]: Array<{ inserted: boolean; old_rate: string | null }> = await manager.query(
        `insert into exchange_rates (currency, valid_from, rate, updated_at, updated_by) values ($1, $2, $3, now(), $4)
         on conflict (currency, valid_from) do update set rate = excluded.rate, updated_at = excluded.updated_at, updated_by = excluded.updated_by
           where exchange_rates.rate <> excluded.rate
         returning (xmax = 0) as inserted, old.rate::text as old_rate`,
        [currency, validFrom, dto.rate, principal.userId],
      );
      if (row) {
        await this.changed(manager, row.inserted ? 'exchange_rate.created' : 'exchange_rate.updated', currency, validFrom, { rate: { old: row.old_rate, new: dto.rate } });
      }
      return toExchangeRateDto(await manager.findOneByOrFail(ExchangeRateEntity, { currency, validFrom }), this.config.baseCurrency);
    });
  }

  /** 404 when there is no such rate. */
  async delete(principal: Principal, currency: string, validFrom: string): Promise<void> {
    await this.assertMay(principal, AccessAction.Update);
    this.assertKey(currency, validFrom);
    await this.dataSource.transaction(async (manager) => {
      const [deleted]: [Array<{ rate: string }>, number] = await manager.query(
        `delete from exchange_rates where currency = $1 and valid_from = $2 returning rate::text as rate`, [currency, validFrom]);
      if (!deleted.length) throw AppError.notFound('Exchange rate');
      await this.changed(manager, 'exchange_rate.deleted', currency, validFrom, { rate: { old: deleted[0].rate, new: null } });
    });
  }

  private async changed(manager: EntityManager, action: string, currency: string, validFrom: string, changes: Record<string, { old: unknown; new: unknown }>): Promise<void> {
    await manager.query(`insert into exchange_rate_changes (currency, valid_from) values ($1, $2)`, [currency, validFrom]);
    await this.audit.record(manager, { category: AuditCategory.Business, action, entityType: ObjectType.ExchangeRate, entityId: `${currency}/${validFrom}`, changes });
  }

  /** The path's currency (a known ISO 4217 code other than the base currency) and day (a real date). */
  private assertKey(currency: string, validFrom: string): void {
    if (!/^[A-Z]{3}$/.test(currency) || !KNOWN_CURRENCIES.includes(currency)) throw AppError.validation('currency', 'must be a known ISO 4217 currency code such as USD');
    if (currency === this.config.baseCurrency) throw AppError.validation('currency', `is the base currency (${this.config.baseCurrency}), whose rate is always 1`);
    const day = new Date(`${validFrom}T00:00:00Z`);
    if (!DATE.test(validFrom) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== validFrom) throw AppError.validation('validFrom', 'must be a real calendar date YYYY-MM-DD');
  }

  /** Configuration: a level other than none is the whole right (reading: `read`; setting and deleting: `update`). */
  private async assertMay(principal: Principal, action: AccessAction.Read | AccessAction.Update): Promise<void> {
    const access = await this.access.forObject(principal, ObjectType.ExchangeRate);
    if (access.level(action) === AccessLevel.None) {
      throw new AppError(ErrorCode.Forbidden, action === AccessAction.Read ? 'You may not read exchange rates' : 'You may not change exchange rates');
    }
  }
}
