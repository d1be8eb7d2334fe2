import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { containsPattern } from '../../platform/database/like-pattern';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { paginate } from '../../platform/http/pagination';
import { catalogueAccess, changesOf, isUniqueViolation } from './catalogue';
import {
  CreateProductCategoryDto,
  CreateProductDto,
  PRODUCT_FIELDS,
  ProductCategoryDto,
  ProductDto,
  ProductPageDto,
  ProductQueryDto,
  ProductSort,
  toProductCategoryDto,
  toProductDto,
  UpdateProductCategoryDto,
  UpdateProductDto,
} from './product.dto';
import { ProductCategoryEntity, ProductEntity } from './product.entity';

const CODE_TAKEN = () => new AppError(ErrorCode.Conflict, 'A product with this code exists', { errors: [{ field: 'code', message: 'is already taken' }] });

/**
 * The product catalogue (R-SAL-4): products and their category tree. Catalogue data, not owned records: object type
 * `product`, whose read level lets a role read it and whose create/update levels let it add and change products and
 * categories. Field rules apply on the way out and in (`costPrice` is hidden from most roles). Partners see active
 * products only.
 */
@Injectable()
export class ProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal, query: ProductQueryDto): Promise<ProductPageDto> {
    const access = await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Read);
    const qb = this.readable(this.dataSource.manager, principal);
    if (query.q) qb.andWhere('(p.code ilike :q or p.name ilike :q or p.name_en ilike :q)', { q: containsPattern(query.q) });
    if (query.active !== undefined) qb.andWhere('p.active = :active', { active: query.active });
    if (query.categoryId) {
      qb.andWhere(`p.category_id in (select d.id from product_categories d join product_categories c on d.path like c.path || '%' where c.id = :categoryId)`, { categoryId: query.categoryId });
    }
    const sort = query.sort ?? ProductSort.Code;
    const descending = sort.startsWith('-');
    const keyset =
      sort === ProductSort.Code || sort === ProductSort.CodeDesc
        ? [{ expression: 'p.code', value: (p: ProductEntity) => p.code }]
        : [{ expression: 'p.name', value: (p: ProductEntity) => p.name }, { expression: 'p.id', value: (p: ProductEntity) => p.id }];
    const page = await paginate(qb, keyset, query, descending ? 'DESC' : 'ASC');
    return { data: page.data.map((p) => this.project(access, p)), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<ProductDto> {
    const access = await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Read);
    return this.project(access, await this.load(this.dataSource.manager, principal, id));
  }

  async create(principal: Principal, dto: CreateProductDto): Promise<ProductDto> {
    const access = await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Create);
    access.assertWritable(dto);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.assertCategory(manager, dto.categoryId);
        if (await manager.exists(ProductEntity, { where: { code: dto.code } })) throw CODE_TAKEN();
        const product = manager.create(ProductEntity, {
          code: dto.code,
          name: dto.name,
          nameEn: dto.nameEn,
          categoryId: dto.categoryId,
          unit: dto.unit,
          active: dto.active ?? true,
          description: dto.description ?? null,
          costPrice: dto.costPrice ?? null,
          costCurrency: dto.costCurrency ?? this.config.baseCurrency,
        });
        await manager.insert(ProductEntity, product);
        const saved = await manager.findOneByOrFail(ProductEntity, { id: product.id });
        await this.audited(manager, 'product.created', saved.id, changesOf({}, toProductDto(saved) as unknown as Record<string, unknown>, PRODUCT_FIELDS));
        return this.project(access, saved);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'products_code_key')) throw CODE_TAKEN();
      throw error;
    }
  }

  /** Needs If-Match (428 without, 412 when stale); fields the caller may not edit are 403 naming them. */
  async update(principal: Principal, id: string, dto: UpdateProductDto, version: number | undefined): Promise<ProductDto> {
    const access = await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Update);
    access.assertWritable(dto, true);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const product = await this.load(manager, principal, id, true);
        assertVersion(product.version, version, true);
        if (dto.categoryId !== undefined) await this.assertCategory(manager, dto.categoryId);
        if (dto.code !== undefined && dto.code !== product.code && (await manager.exists(ProductEntity, { where: { code: dto.code } }))) throw CODE_TAKEN();
        const changes = changesOf(toProductDto(product) as unknown as Record<string, unknown>, dto as Record<string, unknown>, PRODUCT_FIELDS);
        if (!Object.keys(changes).length) return this.project(access, product);
        const values = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.new]));
        await manager.createQueryBuilder().update(ProductEntity).set({ ...values, version: () => 'version + 1', updatedAt: () => 'now()' }).where('id = :id', { id }).execute();
        await this.audited(manager, 'product.updated', id, changes);
        return this.project(access, await manager.findOneByOrFail(ProductEntity, { id }));
      });
    } catch (error) {
      if (isUniqueViolation(error, 'products_code_key')) throw CODE_TAKEN();
      throw error;
    }
  }

  /** The product if the caller may see it (partners: active ones only), else 404. Not projected: for other services. */
  async load(manager: EntityManager, principal: Principal, id: string, lock = false): Promise<ProductEntity> {
    const qb = this.readable(manager, principal).andWhere('p.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const product = await qb.getOne();
    if (!product) throw AppError.notFound('Product');
    return product;
  }

  /** Several products the caller may see, in one query, by id (the ones they may not see are absent). */
  async loadMany(manager: EntityManager, principal: Principal, ids: string[]): Promise<Map<string, ProductEntity>> {
    if (!ids.length) return new Map();
    const products = await this.readable(manager, principal).andWhere('p.id = any(:ids)', { ids: [...new Set(ids)] }).getMany();
    return new Map(products.map((product) => [product.id, product]));
  }

  // Categories

  /** The whole tree, parents before their children, siblings by position and name. */
  async listCategories(principal: Principal): Promise<ProductCategoryDto[]> {
    await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Read);
    const all = await this.dataSource.getRepository(ProductCategoryEntity).find({ order: { position: 'ASC', name: 'ASC' } });
    const children = new Map<string | null, ProductCategoryEntity[]>();
    for (const c of all) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
    const ordered: ProductCategoryEntity[] = [];
    const walk = (parentId: string | null) => {
      for (const c of children.get(parentId) ?? []) {
        ordered.push(c);
        walk(c.id);
      }
    };
    walk(null);
    return ordered.map(toProductCategoryDto);
  }

  async getCategory(principal: Principal, id: string): Promise<ProductCategoryDto> {
    await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Read);
    return toProductCategoryDto(await this.loadCategory(this.dataSource.manager, id));
  }

  async createCategory(principal: Principal, dto: CreateProductCategoryDto): Promise<ProductCategoryDto> {
    await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Create);
    return this.dataSource.transaction(async (manager) => {
      const parent = dto.parentId ? await this.assertCategory(manager, dto.parentId, 'parentId') : null;
      const category = manager.create(ProductCategoryEntity, { parentId: parent?.id ?? null, name: dto.name, nameEn: dto.nameEn, position: dto.position ?? 0 });
      category.path = `${parent?.path ?? '/'}${category.id}/`;
      await manager.insert(ProductCategoryEntity, category);
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: 'product_category.created',
        entityType: 'product_category',
        entityId: category.id,
        changes: changesOf({}, { ...dto }, ['name', 'nameEn', 'parentId', 'position']),
      });
      return toProductCategoryDto(await this.loadCategory(manager, category.id));
    });
  }

  /** Renames, reorders or moves a category with its subtree (not below itself: 400 naming parentId). Needs If-Match. */
  async updateCategory(principal: Principal, id: string, dto: UpdateProductCategoryDto, version: number | undefined): Promise<ProductCategoryDto> {
    await catalogueAccess(this.access, principal, ObjectType.Product, AccessAction.Update);
    return this.dataSource.transaction(async (manager) => {
      // Moves rewrite the paths of a subtree: one tree change at a time.
      await manager.query(`select pg_advisory_xact_lock(hashtext('product_categories'))`);
      const category = await this.loadCategory(manager, id);
      assertVersion(category.version, version, true);
      const changes = changesOf({ ...category }, { ...dto }, ['name', 'nameEn', 'parentId', 'position']);
      if (!Object.keys(changes).length) return toProductCategoryDto(category);
      if (changes.parentId) {
        const parent = dto.parentId ? await this.assertCategory(manager, dto.parentId, 'parentId') : null;
        if (parent && parent.path.startsWith(category.path)) throw AppError.validation('parentId', 'cannot move a category below itself');
        const path = `${parent?.path ?? '/'}${category.id}/`;
        await manager.query(`update product_categories set path = $2 || substr(path, length($1) + 1) where path like $1 || '%'`, [category.path, path]);
      }
      const values: Partial<ProductCategoryEntity> = {};
      if (changes.name) values.name = dto.name;
      if (changes.nameEn) values.nameEn = dto.nameEn;
      if (changes.position) values.position = dto.position;
      if (changes.parentId) values.parentId = dto.parentId ?? null;
      await manager.createQueryBuilder().update(ProductCategoryEntity).set({ ...values, version: () => 'version + 1', updatedAt: () => 'now()' }).where('id = :id', { id }).execute();
      await this.audit.record(manager, { category: AuditCategory.Business, action: 'product_category.updated', entityType: 'product_category', entityId: id, changes });
      return toProductCategoryDto(await this.loadCategory(manager, id));
    });
  }

  /** Products the caller may see: all for staff, active ones for partners. */
  private readable(manager: EntityManager, principal: Principal) {
    const qb = manager.getRepository(ProductEntity).createQueryBuilder('p');
    if (principal.partnerAccountId) qb.andWhere('p.active');
    return qb;
  }

  private project(access: ObjectAccess, product: ProductEntity): ProductDto {
    return access.project(toProductDto(product), [...PRODUCT_FIELDS]);
  }

  private async loadCategory(manager: EntityManager, id: string): Promise<ProductCategoryEntity> {
    const category = await manager.findOne(ProductCategoryEntity, { where: { id } });
    if (!category) throw AppError.notFound('Product category');
    return category;
  }

  private async assertCategory(manager: EntityManager, id: string, field = 'categoryId'): Promise<ProductCategoryEntity> {
    const category = await manager.findOne(ProductCategoryEntity, { where: { id } });
    if (!category) throw AppError.validation(field, 'no such product category');
    return category;
  }

  private async audited(manager: EntityManager, action: string, id: string, changes: Record<string, { old: unknown; new: unknown }>): Promise<void> {
    await this.audit.record(manager, { category: AuditCategory.Business, action, entityType: ObjectType.Product, entityId: id, changes });
  }
}
