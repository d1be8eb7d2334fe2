import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { paginate, type Page } from '../../platform/http/pagination';
import type { FieldErrorDto } from '../../platform/http/problem.dto';
import { PAGING_PARAMETERS, SAVED_VIEW_LISTS, SavedViewObjectType } from './saved-view-lists';
import { CreateSavedViewDto, SavedViewDefinitionDto, SavedViewQueryDto, UpdateSavedViewDto } from './saved-view.dto';
import { SavedViewDefinition, SavedViewEntity } from './saved-view.entity';

/** Keeps a user's list from growing without bound (a view is a few hundred bytes; nobody picks from thousands). */
const MAX_VIEWS_PER_LIST = 100;

/**
 * A user's saved list views. They are preferences, not business records: no audit trail, no sharing, and no access
 * check beyond "your own" — a view only stores query parameters, and the list endpoint checks them against the
 * caller's rights each time it is applied (a filter on a field they may no longer read answers 400 there).
 */
@Injectable()
export class SavedViewService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The caller's views, by name. */
  list(principal: Principal, query: SavedViewQueryDto): Promise<Page<SavedViewEntity>> {
    const builder = this.dataSource.getRepository(SavedViewEntity).createQueryBuilder('v').where('v.user_id = :userId', { userId: principal.userId });
    if (query.objectType) builder.andWhere('v.object_type = :objectType', { objectType: query.objectType });
    return paginate(builder, [{ expression: 'v.name', value: (v) => v.name }, { expression: 'v.id', value: (v) => v.id }], query, 'ASC');
  }

  /** 404 for a view that is not the caller's, as for one that does not exist: others' views are not there for them. */
  async get(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<SavedViewEntity> {
    const view = await manager.findOne(SavedViewEntity, { where: { id, userId: principal.userId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!view) throw AppError.notFound('Saved view');
    return view;
  }

  async create(principal: Principal, dto: CreateSavedViewDto): Promise<SavedViewEntity> {
    const definition = await this.checkedDefinition(dto.objectType, dto.definition);
    return this.dataSource.transaction(async (manager) => {
      // Serialises the caller's creates, so the cap and the name check cannot be raced by parallel requests.
      await manager.query('select pg_advisory_xact_lock(hashtext($1))', [`saved_views:${principal.userId}`]);
      const count = await manager.count(SavedViewEntity, { where: { userId: principal.userId, objectType: dto.objectType } });
      if (count >= MAX_VIEWS_PER_LIST) {
        throw new AppError(ErrorCode.Conflict, `You have ${MAX_VIEWS_PER_LIST} views of this list; delete one first`, { errors: [{ field: 'objectType', message: `at most ${MAX_VIEWS_PER_LIST} views per list` }] });
      }
      await this.assertNameFree(manager, principal, dto.objectType, dto.name);
      const view = manager.create(SavedViewEntity, { userId: principal.userId, objectType: dto.objectType, name: dto.name, definition });
      return manager.save(view);
    });
  }

  async update(principal: Principal, id: string, dto: UpdateSavedViewDto, expectedVersion: number | undefined): Promise<SavedViewEntity> {
    return this.dataSource.transaction(async (manager) => {
      const view = await this.get(principal, id, manager, true);
      assertVersion(view.version, expectedVersion, true);
      if (dto.name !== undefined && dto.name !== view.name) {
        await this.assertNameFree(manager, principal, view.objectType, dto.name);
        view.name = dto.name;
      }
      if (dto.definition !== undefined) view.definition = await this.checkedDefinition(view.objectType, dto.definition);
      return manager.save(view);
    });
  }

  /** If-Match is optional here (a personal view has no other writer to race), but a stale one is still refused. */
  async remove(principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const view = await this.get(principal, id, manager, true);
      assertVersion(view.version, expectedVersion, false);
      await manager.delete(SavedViewEntity, { id });
    });
  }

  private async assertNameFree(manager: EntityManager, principal: Principal, objectType: SavedViewObjectType, name: string): Promise<void> {
    if (await manager.exists(SavedViewEntity, { where: { userId: principal.userId, objectType, name } })) {
      throw new AppError(ErrorCode.Conflict, 'You already have a view of this list with this name', { errors: [{ field: 'name', message: 'is already taken' }] });
    }
  }

  /**
   * Checks a definition against the list it is for: filters and sort through that list's own query DTO (the same
   * rules as the endpoint, so a saved view never stores what the list would refuse as input), columns among the
   * object's fields. Every problem names its place, e.g. `definition.filters.colour`, `definition.columns[2]`.
   */
  private async checkedDefinition(objectType: SavedViewObjectType, definition: SavedViewDefinitionDto): Promise<SavedViewDefinition> {
    const list = SAVED_VIEW_LISTS[objectType];
    const errors: FieldErrorDto[] = [];
    const filters: Record<string, string> = {};
    for (const [key, value] of Object.entries(definition.filters ?? {})) {
      if (PAGING_PARAMETERS.has(key) || key === 'sort') errors.push({ field: `definition.filters.${key}`, message: 'is not a filter (paging and sort are not saved as filters)' });
      else if (typeof value !== 'string') errors.push({ field: `definition.filters.${key}`, message: 'must be a string (a query parameter value)' });
      else filters[key] = value;
    }
    const query = plainToInstance(list.query, { ...filters, ...(definition.sort !== undefined ? { sort: definition.sort } : {}) });
    const problems = await validate(query, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    errors.push(...problems.flatMap((problem: ValidationError) => {
      const field = problem.property === 'sort' ? 'definition.sort' : `definition.filters.${problem.property}`;
      const messages = Object.values(problem.constraints ?? {});
      return (messages.length ? messages : ['is not valid']).map((message) => ({ field, message: message.includes('should not exist') ? `is not a filter of the ${objectType} list` : message }));
    }));
    const seen = new Set<string>();
    (definition.columns ?? []).forEach((column, index) => {
      if (!list.fields.includes(column)) errors.push({ field: `definition.columns[${index}]`, message: `is not a field of ${objectType}` });
      else if (seen.has(column)) errors.push({ field: `definition.columns[${index}]`, message: 'is listed twice' });
      seen.add(column);
    });
    if (errors.length) throw new AppError(ErrorCode.ValidationFailed, `Invalid input: ${errors.map((e) => e.field).join(', ')}`, { errors });
    return {
      ...(Object.keys(filters).length ? { filters } : {}),
      ...(definition.sort !== undefined ? { sort: definition.sort } : {}),
      ...(definition.columns !== undefined ? { columns: definition.columns } : {}),
    };
  }
}
