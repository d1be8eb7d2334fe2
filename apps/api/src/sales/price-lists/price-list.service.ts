import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, ObjectType } from '../../access/access.types';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { containsPattern } from '../../platform/database/like-pattern';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { catalogueAccess, changesOf, isUniqueViolation } from '../products/catalogue';
import { ProductService } from '../products/product.service';
import {
  CreatePriceListDto,
  EffectivePriceDto,
  EffectivePriceQueryDto,
  PRICE_LIST_FIELDS,
  PriceListDto,
  PriceListEntryDto,
  PriceListEntryPageDto,
  PriceListEntryQueryDto,
  PriceListQueryDto,
  PriceTierDto,
  ProductPriceDto,
  PutPriceListEntryDto,
  toPriceListDto,
  UpdatePriceListDto,
} from './price-list.dto';
import { PriceListEntity, PriceListEntryEntity, PriceListTierEntity } from './price-list.entity';

interface EntryRow {
  entry_id: string;
  product_id: string;
  code: string;
  name: string;
  name_en: string;
  unit: string;
  active: boolean;
  list_price: string;
  tiers: PriceTierDto[];
}

/** The tiers of entry `e` as JSON, prices kept as decimal strings (numeric → text, never a float). */
const TIERS_JSON = `coalesce((select json_agg(json_build_object('minQuantity', t.min_quantity, 'price', t.price::text) order by t.min_quantity)
                                from price_list_tiers t where t.entry_id = e.id), '[]'::json)`;

/**
 * Price lists (R-SAL-4): list prices per currency with validity dates and quantity tiers; one default list per
 * currency, which quotes price from (`effectivePrice`). Object type `price_list` (catalogue: read, create, update);
 * the quality inspector has no right on it. Partners see the entries of active products only.
 */
@Injectable()
export class PriceListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly products: ProductService,
  ) {}

  /**
   * The unit price of `quantity` units of a product in `currency` on `onDate` — what quotes use: the default list of
   * that currency, when it is active and valid on that date (validFrom ≤ date ≤ validTo), and prices the (active)
   * product; then the lowest of its list price and the prices of the tiers the quantity reaches (minQuantity ≤
   * quantity). A decimal string, or null when there is no such list or entry. No access check: callers decide.
   */
  async effectivePrice(productId: string, currency: string, quantity: number | string, onDate: string | Date, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    return (await this.resolvePrice(manager, productId, currency, quantity, onDate))?.price ?? null;
  }

  /** The effective prices of several (product, quantity) pairs, in their order (null: no price), in one query: a quote's lines. */
  async effectivePrices(items: Array<{ productId: string; quantity: string }>, currency: string, onDate: string, manager: EntityManager): Promise<Array<string | null>> {
    return (await this.resolvePrices(manager, items, currency, onDate)).map((resolved) => resolved?.price ?? null);
  }

  private async resolvePrice(manager: EntityManager, productId: string, currency: string, quantity: number | string, onDate: string | Date): Promise<{ price: string; priceListId: string } | null> {
    const date = onDate instanceof Date ? onDate.toISOString().slice(0, 10) : onDate;
    return (await this.resolvePrices(manager, [{ productId, quantity: String(quantity) }], currency, date))[0];
  }

  /** Per item: the default list of `currency` valid on `onDate` (one per currency) and its price for the quantity. */
  private async resolvePrices(manager: EntityManager, items: Array<{ productId: string; quantity: string }>, currency: string, onDate: string): Promise<Array<{ price: string; priceListId: string } | null>> {
    if (!items.length) return [];
    const rows: Array<{ price: string | null; price_list_id: string | null }> = await manager.query(
      `select found.price, found.price_list_id
         from unnest($1::uuid[], $2::numeric[]) with ordinality as i(product_id, quantity, n)
         left join lateral (
           select least(e.list_price, (select min(t.price) from price_list_tiers t where t.entry_id = e.id and t.min_quantity <= i.quantity))::text as price,
                  l.id as price_list_id
             from price_lists l
             join price_list_entries e on e.price_list_id = l.id and e.product_id = i.product_id
             join products p on p.id = e.product_id and p.active
            where l.currency = $3 and l.is_default and l.active
              and l.valid_from <= $4::date and (l.valid_to is null or l.valid_to >= $4::date)
         ) found on true
        order by i.n`,
      [items.map((i) => i.productId), items.map((i) => i.quantity), currency, onDate],
    );
    return rows.map((row) => (row.price !== null && row.price_list_id !== null ? { price: row.price, priceListId: row.price_list_id } : null));
  }

  /** GET /products/{id}/effective-price: the product must be visible, and the caller must read price lists. */
  async effectivePriceFor(principal: Principal, productId: string, query: EffectivePriceQueryDto): Promise<EffectivePriceDto> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Read);
    await this.products.get(principal, productId);
    const quantity = query.quantity ?? 1;
    const date = query.date ?? new Date().toISOString().slice(0, 10);
    const resolved = await this.resolvePrice(this.dataSource.manager, productId, query.currency, quantity, date);
    return { productId, currency: query.currency, quantity, date, price: resolved?.price ?? null, priceListId: resolved?.priceListId ?? null };
  }

  /** Every price of a product the caller may see, default lists first. */
  async pricesOfProduct(principal: Principal, productId: string): Promise<ProductPriceDto[]> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Read);
    await this.products.get(principal, productId);
    const rows: Array<{ id: string; name: string; currency: string; valid_from: string; valid_to: string | null; is_default: boolean; active: boolean; list_price: string; tiers: PriceTierDto[] }> =
      await this.dataSource.query(
        `select l.id, l.name, l.currency, to_char(l.valid_from, 'YYYY-MM-DD') as valid_from, to_char(l.valid_to, 'YYYY-MM-DD') as valid_to, l.is_default, l.active,
                e.list_price::text as list_price, ${TIERS_JSON} as tiers
           from price_list_entries e join price_lists l on l.id = e.price_list_id
          where e.product_id = $1
          order by l.is_default desc, l.currency, l.valid_from desc, l.id`,
        [productId],
      );
    return rows.map((r) => ({ priceListId: r.id, priceListName: r.name, currency: r.currency, validFrom: r.valid_from, validTo: r.valid_to, isDefault: r.is_default, active: r.active, listPrice: r.list_price, tiers: r.tiers }));
  }

  /** Every price list (a short list): by currency, the default first, then newest validity first. */
  async list(principal: Principal, query: PriceListQueryDto): Promise<PriceListDto[]> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Read);
    const qb = this.dataSource.getRepository(PriceListEntity).createQueryBuilder('l');
    if (query.currency) qb.where('l.currency = :currency', { currency: query.currency });
    const lists = await qb.orderBy('l.currency').addOrderBy('l.is_default', 'DESC').addOrderBy('l.valid_from', 'DESC').addOrderBy('l.id').getMany();
    const counts = await this.entryCounts(this.dataSource.manager, principal, lists.map((l) => l.id));
    return lists.map((l) => toPriceListDto(l, counts.get(l.id) ?? 0));
  }

  async get(principal: Principal, id: string): Promise<PriceListDto> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Read);
    return this.dto(this.dataSource.manager, principal, await this.load(this.dataSource.manager, id));
  }

  async create(principal: Principal, dto: CreatePriceListDto): Promise<PriceListDto> {
    const access = await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Create);
    access.assertWritable(dto);
    if (dto.validTo && dto.validTo < dto.validFrom) throw AppError.validation('validTo', 'must be on or after validFrom');
    return this.defaultRace(() => this.dataSource.transaction(async (manager) => {
      if (dto.isDefault) await this.clearDefault(manager, dto.currency);
      const list = manager.create(PriceListEntity, {
        name: dto.name,
        currency: dto.currency,
        validFrom: dto.validFrom,
        validTo: dto.validTo ?? null,
        isDefault: dto.isDefault ?? false,
        active: dto.active ?? true,
        description: dto.description ?? null,
      });
      await manager.insert(PriceListEntity, list);
      await this.audited(manager, 'price_list.created', list.id, changesOf({}, { ...dto }, PRICE_LIST_FIELDS));
      return this.dto(manager, principal, await this.load(manager, list.id));
    }));
  }

  /** Needs If-Match (428/412). Making a list the default of its currency takes that role from the previous one. */
  async update(principal: Principal, id: string, dto: UpdatePriceListDto, version: number | undefined): Promise<PriceListDto> {
    const access = await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Update);
    access.assertWritable(dto, true);
    return this.defaultRace(() => this.dataSource.transaction(async (manager) => {
      const list = await this.load(manager, id, true);
      assertVersion(list.version, version, true);
      const next = { ...list, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) } as PriceListEntity;
      if (next.validTo && next.validTo < next.validFrom) throw AppError.validation('validTo', 'must be on or after validFrom');
      if (list.isDefault && dto.isDefault === false) throw AppError.validation('isDefault', 'make another list of the currency the default instead');
      const changes = changesOf({ ...list }, { ...dto }, PRICE_LIST_FIELDS);
      if (!Object.keys(changes).length) return this.dto(manager, principal, list);
      if (next.isDefault && (changes.isDefault || changes.currency)) await this.clearDefault(manager, next.currency, id);
      const values = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.new]));
      await manager.createQueryBuilder().update(PriceListEntity).set({ ...values, version: () => 'version + 1', updatedAt: () => 'now()' }).where('id = :id', { id }).execute();
      await this.audited(manager, 'price_list.updated', id, changes);
      return this.dto(manager, principal, await this.load(manager, id));
    }));
  }

  /** Two lists made the default of one currency at the same moment: the second is a 409 naming isDefault, never a 500. */
  private async defaultRace<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'price_lists_one_default_per_currency')) {
        throw new AppError(ErrorCode.Conflict, 'Another list of this currency became the default at the same time; reload and try again', { errors: [{ field: 'isDefault', message: 'another list just became the default' }] });
      }
      throw error;
    }
  }

  /** A page of a list's entries by product code (partners: active products only). */
  async entries(principal: Principal, id: string, query: PriceListEntryQueryDto): Promise<PriceListEntryPageDto> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Read);
    await this.load(this.dataSource.manager, id);
    const limit = query.limit ?? 50;
    const params: unknown[] = [id, limit + 1];
    const where = ['e.price_list_id = $1'];
    if (principal.partnerAccountId) where.push('p.active');
    if (query.q) {
      params.push(containsPattern(query.q));
      where.push(`(p.code ilike $${params.length} or p.name ilike $${params.length} or p.name_en ilike $${params.length})`);
    }
    if (query.cursor) {
      params.push(decodeCodeCursor(query.cursor));
      where.push(`p.code > $${params.length}`);
    }
    const rows: EntryRow[] = await this.dataSource.query(
      `select e.id as entry_id, p.id as product_id, p.code, p.name, p.name_en, p.unit, p.active, e.list_price::text as list_price, ${TIERS_JSON} as tiers
         from price_list_entries e join products p on p.id = e.product_id
        where ${where.join(' and ')}
        order by p.code limit $2`,
      params,
    );
    const hasMore = rows.length > limit;
    const data = (hasMore ? rows.slice(0, limit) : rows).map(toEntryDto);
    const last = data[data.length - 1];
    return { data, nextCursor: hasMore && last ? Buffer.from(JSON.stringify([last.productCode])).toString('base64url') : null };
  }

  /**
   * Sets a product's price in a list (adds or replaces the entry and its tiers). If-Match with the list's ETag is
   * optional (412 when stale); the list's version moves.
   */
  async putEntry(principal: Principal, id: string, productId: string, dto: PutPriceListEntryDto, version: number | undefined): Promise<PriceListEntryDto> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Update);
    const tiers = dto.tiers ?? [];
    if (new Set(tiers.map((t) => t.minQuantity)).size !== tiers.length) throw AppError.validation('tiers', 'each minQuantity at most once');
    return this.dataSource.transaction(async (manager) => {
      const list = await this.load(manager, id, true);
      assertVersion(list.version, version, false);
      await this.products.load(manager, principal, productId);
      const [old]: EntryRow[] = await manager.query(
        `select e.id as entry_id, e.list_price::text as list_price, ${TIERS_JSON} as tiers from price_list_entries e where e.price_list_id = $1 and e.product_id = $2`,
        [id, productId],
      );
      const entryId = old?.entry_id ?? new PriceListEntryEntity().id;
      if (old) {
        await manager.update(PriceListEntryEntity, { id: entryId }, { listPrice: dto.listPrice });
        await manager.delete(PriceListTierEntity, { entryId });
      } else {
        await manager.insert(PriceListEntryEntity, { id: entryId, priceListId: id, productId, listPrice: dto.listPrice });
      }
      for (const tier of tiers) await manager.insert(PriceListTierEntity, { entryId, minQuantity: tier.minQuantity, price: tier.price });
      await this.bump(manager, id);
      const entry = await this.entry(manager, id, productId);
      await this.audited(manager, 'price_list.entry_set', id, { [`entries.${productId}`]: { old: old ? { listPrice: old.list_price, tiers: old.tiers } : null, new: { listPrice: entry.listPrice, tiers: entry.tiers } } });
      return entry;
    });
  }

  /** Removes a product from a list (404 when it is not in it). If-Match optional, as for putEntry. */
  async deleteEntry(principal: Principal, id: string, productId: string, version: number | undefined): Promise<void> {
    await catalogueAccess(this.access, principal, ObjectType.PriceList, AccessAction.Update);
    await this.dataSource.transaction(async (manager) => {
      const list = await this.load(manager, id, true);
      assertVersion(list.version, version, false);
      const [deleted]: [Array<{ list_price: string }>, number] = await manager.query(`delete from price_list_entries where price_list_id = $1 and product_id = $2 returning list_price::text`, [id, productId]);
      if (!deleted.length) throw AppError.notFound('Price list entry');
      await this.bump(manager, id);
      await this.audited(manager, 'price_list.entry_removed', id, { [`entries.${productId}`]: { old: { listPrice: deleted[0].list_price }, new: null } });
    });
  }

  private async entry(manager: EntityManager, id: string, productId: string): Promise<PriceListEntryDto> {
    const [row]: EntryRow[] = await manager.query(
      `select e.id as entry_id, p.id as product_id, p.code, p.name, p.name_en, p.unit, p.active, e.list_price::text as list_price, ${TIERS_JSON} as tiers
         from price_list_entries e join products p on p.id = e.product_id where e.price_list_id = $1 and e.product_id = $2`,
      [id, productId],
    );
    if (!row) throw AppError.notFound('Price list entry');
    return toEntryDto(row);
  }

  private async bump(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`update price_lists set version = version + 1, updated_at = now() where id = $1`, [id]);
  }

  private async clearDefault(manager: EntityManager, currency: string, except?: string): Promise<void> {
    await manager.query(`update price_lists set is_default = false, version = version + 1, updated_at = now() where currency = $1 and is_default and id is distinct from $2`, [currency, except ?? null]);
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<PriceListEntity> {
    const qb = manager.getRepository(PriceListEntity).createQueryBuilder('l').where('l.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const list = await qb.getOne();
    if (!list) throw AppError.notFound('Price list');
    return list;
  }

  private async dto(manager: EntityManager, principal: Principal, list: PriceListEntity): Promise<PriceListDto> {
    const counts = await this.entryCounts(manager, principal, [list.id]);
    return toPriceListDto(list, counts.get(list.id) ?? 0);
  }

  private async entryCounts(manager: EntityManager, principal: Principal, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; count: number }> = await manager.query(
      `select e.price_list_id as id, count(*)::int as count from price_list_entries e join products p on p.id = e.product_id
        where e.price_list_id = any($1) ${principal.partnerAccountId ? 'and p.active' : ''} group by e.price_list_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.count]));
  }

  private async audited(manager: EntityManager, action: string, id: string, changes: Record<string, { old: unknown; new: unknown }>): Promise<void> {
    await this.audit.record(manager, { category: AuditCategory.Business, action, entityType: ObjectType.PriceList, entityId: id, changes });
  }
}

function toEntryDto(r: EntryRow): PriceListEntryDto {
  return { productId: r.product_id, productCode: r.code, productName: r.name, productNameEn: r.name_en, unit: r.unit, productActive: r.active, listPrice: r.list_price, tiers: r.tiers };
}

function decodeCodeCursor(cursor: string): string {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 1 && typeof values[0] === 'string') return values[0];
  } catch {
    // fall through
  }
  throw AppError.validation('cursor', 'is not a cursor returned by this list');
}
