import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { AuditCategory } from '../audit/audit-event.entity';
import { AuditService, diffFields } from '../audit/audit.service';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import { assertVersion } from '../platform/http/etag';
import { paginate, type Page, type PageQueryDto } from '../platform/http/pagination';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from './access.types';
import { AccessService } from './access.service';
import type { ObjectAccess, SqlPredicate } from './object-access';
import { paginateSearch, searchSql, type SearchSql } from './record-search';
import { BusinessRecord, type RecyclableRecord } from './record-attributes';

export interface ListOptions extends PageQueryDto {
  /** A field to sort by, `-field` for descending. */
  sort?: string;
  /** Exact-match filters by field. */
  filters?: Record<string, string | undefined>;
  /** Filters a module words itself (an opportunity's stage kind), each on the field it reads, readable as any filter. */
  conditions?: Array<SqlPredicate & { field: string }>;
  /** Only these records (an export of a selection); ids the caller may not see are simply not there. */
  ids?: string[];
  /** Substring search over `searchFields`. */
  q?: string;
  /** Also count the matches (same scope, filters and search). */
  withTotal?: boolean;
}

export interface ScopedRecordsConfig<E = unknown> {
  objectType: ObjectType;
  /** The NOT NULL text field records are named by, the default sort (default `name`). */
  nameField?: string;
  /** Entity property names that may be sorted on (text columns), beside the name field. */
  sortable: string[];
  searchFields: string[];
  /**
   * Further fields `q` also matches, each only for callers who may read it in full: a hidden or masked field is
   * left out of the search (never a 400, never a match that would reveal it).
   */
  alsoSearch?: string[];
  /** Business fields under field rules and in the audit trail (besides the record attributes). */
  fields: string[];
  /** Deleting moves records to the recycle bin, restorable (the entity extends RecyclableRecord). */
  recycleBin?: RecycleBinConfig;
  /**
   * Sortable fields that are not text columns: a text expression over the alias whose order (collation "C") is the
   * field's order, and the same text from a row, for the cursor. `guardedBy`: the field whose rule decides whether
   * the caller may sort by it, when that is not the key itself (a quote's total is one of its `prices`).
   */
  sortKeys?: Record<string, { sql: (alias: string) => string; value: (row: E) => string; guardedBy?: string }>;
  /**
   * Called in the write's transaction once the caller's rights are checked, before anything is written: validates
   * and completes `values` (e.g. references to other records, defaults derived from them). `before` is the locked
   * record on update, undefined on create.
   */
  prepare?: (manager: EntityManager, principal: Principal, values: Partial<E>, before: E | undefined) => Promise<void>;
  /** Called in the write's transaction after the record is written (e.g. a history row). */
  written?: (manager: EntityManager, principal: Principal, record: E, before: E | undefined) => Promise<void>;
}

export interface RecycleBinConfig {
  /** Child records that go to the bin with one of these and come back with it (an account's contacts). */
  takesAlong?: Array<{ objectType: ObjectType; table: string; column: string }>;
  /** The record this one belongs to: while that is in the bin, this one cannot come back (409 naming `field`). */
  parent?: { table: string; field: string };
}

/** What the caller may do with one record they can see (answers of the record-scope predicates). */
export interface RecordCapabilities {
  update: boolean;
  delete: boolean;
  reassign: boolean;
  share: boolean;
  /** The business fields the caller may change on this record (empty without the update right). */
  editableFields: string[];
}

const CAPABILITY_ACTIONS = [AccessAction.Update, AccessAction.Delete, AccessAction.Reassign] as const;
const NOTHING_ALLOWED: RecordCapabilities = { update: false, delete: false, reassign: false, share: false, editableFields: [] };

type Identified = BusinessRecord & { id: string };
const WRITE_ATTRIBUTES = ['ownerId', 'ownerOnlyEdit', 'restricted', 'partnerAccountId'] as const;
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Reading and writing one business object type through the permission engine: every query carries the caller's
 * record scope, every response passes the field rules, every write checks fields, ownership rules and version,
 * and is audited in its transaction. Business services build on it rather than querying their tables directly.
 */
export class ScopedRecords<E extends Identified> {
  readonly alias = 'r';

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly entity: EntityTarget<E> & (new () => E),
    readonly config: ScopedRecordsConfig<E>,
  ) {}

  accessFor(principal: Principal): Promise<ObjectAccess> {
    return this.access.forObject(principal, this.config.objectType);
  }

  /** A page of the records the caller may see; `within` narrows further (a related list: an account's contacts). */
  async list(principal: Principal, options: ListOptions, within?: SqlPredicate): Promise<{ page: Page<E> & { total?: number }; access: ObjectAccess }> {
    const access = await this.accessFor(principal);
    // No read right at all: nothing to list, and nothing a sort or filter could reveal.
    if (access.level(AccessAction.Read) === AccessLevel.None) return { page: { data: [], nextCursor: null, ...(options.withTotal ? { total: 0 } : {}) }, access };
    const { query, search, sortField, descending } = this.scopedQuery(access, options, within);
    // The name is NOT NULL: sorting by the bare column lets PostgreSQL walk the (…, name, id) indexes; nullable
    // columns sort with nulls as '' so the keyset comparison stays total.
    const column = `${this.alias}.${snake(sortField)}`;
    const custom = this.config.sortKeys?.[sortField];
    const expression = custom ? custom.sql(this.alias) : sortField === this.nameField() ? column : `coalesce(${column}, '')`;
    const keyset = [
      { expression, value: custom ? custom.value : (row: E) => String((row as Record<string, unknown>)[sortField] ?? '') },
      { expression: `${this.alias}.id`, value: (row: E) => row.id },
    ];
    const direction = descending ? 'DESC' : 'ASC';
    const page = search ? await paginateSearch(this.dataSource, query, search, keyset, options, direction) : await paginate(query, keyset, options, direction);
    return { page: options.withTotal ? { ...page, total: await this.count(principal, options, within) } : page, access };
  }

  /** How many records the caller may see match `options` (same scope, filters and search as the list). */
  async count(principal: Principal, options: ListOptions, within?: SqlPredicate): Promise<number> {
    const access = await this.accessFor(principal);
    if (access.level(AccessAction.Read) === AccessLevel.None) return 0;
    const { query, search } = this.scopedQuery(access, options, within);
    if (search) query.andWhere(search.indexed.sql, search.indexed.params);
    return query.getCount();
  }

  /**
   * The caller's read scope with filters applied, and the search predicate apart (a search pages its own way);
   * 400 for sorting, filtering or searching what they may not read.
   */
  private scopedQuery(access: ObjectAccess, options: ListOptions, within?: SqlPredicate) {
    const query = access.applyReadScope(this.liveRecords(this.dataSource.manager), this.alias);
    if (within) query.andWhere(within.sql, within.params);
    if (options.ids) query.andWhere(`${this.alias}.id IN (:...selectedIds)`, { selectedIds: options.ids.length ? options.ids : [null] });
    for (const [field, value] of Object.entries(options.filters ?? {})) {
      if (value === undefined) continue;
      access.assertReadable(field, 'filter');
      query.andWhere(`${this.alias}.${snake(field)} = :filter_${field}`, { [`filter_${field}`]: value });
    }
    for (const condition of options.conditions ?? []) {
      access.assertReadable(condition.field, 'filter');
      query.andWhere(condition.sql, condition.params);
    }
    let search: SearchSql | undefined;
    if (options.q) {
      for (const field of this.config.searchFields) access.assertReadable(field, 'search');
      const also = (this.config.alsoSearch ?? []).filter((field) => this.readsInFull(access, field));
      search = searchSql(this.alias, this.dataSource.getMetadata(this.entity).tableName, this.config.searchFields.map(snake), also.map(snake), options.q);
    }
    const descending = options.sort?.startsWith('-') ?? false;
    const sortField = options.sort?.replace(/^-/, '') ?? this.nameField();
    const sortable = [this.nameField(), ...this.config.sortable, ...Object.keys(this.config.sortKeys ?? {})];
    if (!sortable.includes(sortField)) throw AppError.validation('sort', `must be one of ${sortable.join(', ')}, optionally prefixed with -`);
    access.assertReadable(this.config.sortKeys?.[sortField]?.guardedBy ?? sortField, 'sort');
    return { query, search, sortField, descending };
  }

  /** Whether the caller reads `field` unmasked (so searching or matching on it reveals nothing new). */
  readsInFull(access: ObjectAccess, field: string): boolean {
    return [FieldAccess.Read, FieldAccess.Edit].includes(access.fieldAccess(field));
  }

  /**
   * The record if the caller may see it; otherwise 404, exactly as for an id that does not exist. Writers pass
   * `forUpdate` to read and row-lock it in the same statement, so the version they check is the one they change.
   * `may` says what the caller may do with it, decided by the same SQL predicates in that same statement.
   */
  async get(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<{ record: E; access: ObjectAccess; may: RecordCapabilities }> {
    const access = await this.accessFor(principal);
    const query = access.applyReadScope(this.liveRecords(manager), this.alias).andWhere(`${this.alias}.id = :id`, { id });
    for (const action of CAPABILITY_ACTIONS) {
      const { sql, params } = access.scope(action, this.alias);
      query.addSelect(sql, `may_${action}`).setParameters(params);
    }
    if (forUpdate) query.setLock('pessimistic_write');
    const { entities, raw } = await query.getRawAndEntities<Record<string, unknown>>();
    const record = entities[0];
    if (!record) throw AppError.notFound(this.label());
    const mayUpdate = raw[0]?.[`may_${AccessAction.Update}`] === true;
    const may: RecordCapabilities = {
      update: mayUpdate,
      delete: raw[0]?.[`may_${AccessAction.Delete}`] === true,
      reassign: raw[0]?.[`may_${AccessAction.Reassign}`] === true,
      // Sharing needs the right to change the record; a restricted record's shares are its owner's alone.
      share: mayUpdate && (!record.restricted || record.ownerId === principal.userId),
      editableFields: this.config.fields.filter((field) => access.mayEdit(field, mayUpdate)),
    };
    return { record, access, may };
  }

  /** `outer`: run inside the caller's transaction (a command that writes several records at once, e.g. a lead conversion). */
  async create(principal: Principal, values: Partial<E>, outer?: EntityManager): Promise<{ record: E; access: ObjectAccess }> {
    const access = await this.accessFor(principal);
    access.assertMay(AccessAction.Create);
    access.assertWritable(this.businessFields(values));
    const record = await this.inTransaction(outer, async (manager) => {
      const ownerId = values.ownerId ?? principal.userId;
      if (ownerId !== principal.userId && access.level(AccessAction.Reassign) === AccessLevel.None) {
        throw new AppError(ErrorCode.Forbidden, 'You may not create records for someone else', { errors: [{ field: 'ownerId', message: 'needs the reassign right' }] });
      }
      const owner = await this.owner(manager, ownerId);
      this.assertAssignable(access, owner);
      if ((values.restricted || values.ownerOnlyEdit) && ownerId !== principal.userId) {
        throw new AppError(ErrorCode.Forbidden, 'Only the owner marks a record restricted or owner-only', { errors: [{ field: values.restricted ? 'restricted' : 'ownerOnlyEdit', message: 'only the owner may set this' }] });
      }
      if (this.config.prepare) await this.config.prepare(manager, principal, values, undefined);
      const record = manager.create(this.entity, {
        ...values,
        ownerId,
        teamId: owner.teamId,
        // Partner users' records always belong to their partner account.
        partnerAccountId: principal.partnerAccountId ?? values.partnerAccountId ?? null,
        ownerOnlyEdit: values.ownerOnlyEdit ?? false,
        restricted: values.restricted ?? false,
      } as E);
      await manager.insert(this.entity, record as never);
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: `${this.config.objectType}.created`,
        entityType: this.config.objectType,
        entityId: record.id,
        changes: diffFields({}, record as Record<string, unknown>, this.auditedFields()),
      });
      if (this.config.written) await this.config.written(manager, principal, record, undefined);
      return manager.findOneByOrFail(this.entity, { id: record.id } as never);
    });
    return { record, access };
  }

  /**
   * Updates a visible record: 404 if unseen; 403 when the caller may not update it (level, read share,
   * owner-only) or may not change a field; owner changes need the reassign right (and work on owner-only
   * records); 412/428 for a stale or missing version.
   */
  async update(principal: Principal, id: string, values: Partial<E>, expectedVersion: number | undefined, outer?: EntityManager): Promise<{ record: E; access: ObjectAccess; may: RecordCapabilities }> {
    return this.inTransaction(outer, async (manager) => {
      const { record, access, may } = await this.get(principal, id, manager, true);
      const changes = this.businessFields(values);
      const reassigning = values.ownerId !== undefined && values.ownerId !== record.ownerId;
      const changesFlags = this.changesFlags(values, record);
      if (Object.keys(changes).length || changesFlags) {
        if (!may.update) throw new AppError(ErrorCode.Forbidden, `You may not change this ${this.label()}`);
        access.assertWritable(changes, true);
      }
      if (changesFlags && record.ownerId !== principal.userId) {
        throw new AppError(ErrorCode.Forbidden, 'Only the owner marks a record restricted or owner-only', { errors: [{ field: values.restricted !== undefined ? 'restricted' : 'ownerOnlyEdit', message: 'only the owner may change this' }] });
      }
      if (values.partnerAccountId !== undefined && values.partnerAccountId !== record.partnerAccountId && principal.partnerAccountId) {
        throw new AppError(ErrorCode.Forbidden, 'Partners cannot move records to another partner account', { errors: [{ field: 'partnerAccountId', message: 'you may not change this field' }] });
      }
      if (reassigning && !may.reassign) {
        throw new AppError(ErrorCode.Forbidden, `You may not reassign this ${this.label()}`, { errors: [{ field: 'ownerId', message: 'needs the reassign right over this record' }] });
      }
      const newOwner = reassigning ? await this.owner(manager, values.ownerId as string) : undefined;
      if (newOwner) this.assertAssignable(access, newOwner);
      assertVersion(record.version, expectedVersion, true);
      const before = { ...record };
      if (this.config.prepare) await this.config.prepare(manager, principal, values, before);
      Object.assign(record, values);
      if (newOwner) record.teamId = newOwner.teamId;
      const diff = diffFields(before as Record<string, unknown>, record as Record<string, unknown>, this.auditedFields());
      if (!diff) return { record, access, may };
      await manager.save(this.entity, record);
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: reassigning ? `${this.config.objectType}.reassigned` : `${this.config.objectType}.updated`,
        entityType: this.config.objectType,
        entityId: id,
        changes: diff,
      });
      if (this.config.written) await this.config.written(manager, principal, record, before);
      return this.readBack(principal, id, manager, access);
    });
  }

  /**
   * Gives several records to one owner in one transaction, each through `update` (so the same 404 / 403 / reach
   * checks and one audit event per record): the first refusal rolls everything back, so a bulk reassignment is all
   * or nothing. Records the new owner already has are left untouched and not counted.
   */
  async reassignMany(principal: Principal, ids: string[], ownerId: string): Promise<{ reassigned: number }> {
    return this.dataSource.transaction(async (manager) => {
      let reassigned = 0;
      for (const id of new Set(ids)) {
        const { record } = await this.get(principal, id, manager, true);
        if (record.ownerId === ownerId) continue;
        await this.update(principal, id, { ownerId } as Partial<E>, record.version, manager);
        reassigned++;
      }
      return { reassigned };
    });
  }

  /**
   * A record just written, read back through the engine: the saved record and what the caller may do with it now.
   * The write may have taken it out of their sight (a reassignment under an unusual policy): the write stands, and
   * they may do nothing more with it.
   */
  private readBack(principal: Principal, id: string, manager: EntityManager, access: ObjectAccess): Promise<{ record: E; access: ObjectAccess; may: RecordCapabilities }> {
    return this.get(principal, id, manager).catch(async (error: unknown) => {
      if (!(error instanceof AppError && error.code === ErrorCode.NotFound)) throw error;
      return { record: await manager.findOneByOrFail(this.entity, { id } as never), access, may: NOTHING_ALLOWED };
    });
  }

  /** Deletes a record the caller may delete: into the recycle bin when the type has one, else for good. */
  async remove(principal: Principal, id: string, expectedVersion: number | undefined, outer?: EntityManager): Promise<void> {
    await this.inTransaction(outer, async (manager) => {
      const { record, may } = await this.get(principal, id, manager, true);
      if (!may.delete) throw new AppError(ErrorCode.Forbidden, `You may not delete this ${this.label()}`);
      assertVersion(record.version, expectedVersion, true);
      if (this.config.recycleBin) return this.moveToRecycleBin(manager, principal, record, this.config.recycleBin);
      await manager.query(`delete from record_shares where object_type = $1 and record_id = $2`, [this.config.objectType, id]);
      await manager.delete(this.entity, { id } as never);
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: `${this.config.objectType}.deleted`,
        entityType: this.config.objectType,
        entityId: id,
        changes: diffFields(record as Record<string, unknown>, {}, this.auditedFields()),
      });
    });
  }

  /**
   * The caller's recycle bin for this type: records deleted on their own (not taken along by a parent) that the
   * caller may delete — the same scope decides who may restore them — most recently deleted first.
   */
  async listRecycleBin(principal: Principal, options: PageQueryDto): Promise<{ page: Page<E>; access: ObjectAccess }> {
    const access = await this.accessFor(principal);
    if (!this.config.recycleBin || access.level(AccessAction.Delete) === AccessLevel.None) return { page: { data: [], nextCursor: null }, access };
    const page = await paginate(
      this.binnedRecords(this.dataSource.manager, access),
      [
        { expression: `${this.alias}.deleted_at`, value: (row: E) => (row as E & RecyclableRecord).deletedAt as Date },
        { expression: `${this.alias}.id`, value: (row: E) => row.id },
      ],
      options,
      'DESC',
    );
    return { page, access };
  }

  /**
   * Brings a record back from the recycle bin, with what it took along; 404 unless it is in the caller's bin, 409
   * while its parent is still in the bin. Audited; answers the record as `get` does.
   */
  async restore(principal: Principal, id: string): Promise<{ record: E; access: ObjectAccess; may: RecordCapabilities }> {
    const bin = this.config.recycleBin;
    if (!bin) throw AppError.notFound(this.label());
    return this.dataSource.transaction(async (manager) => {
      const access = await this.accessFor(principal);
      const record = await this.binnedRecords(manager, access).andWhere(`${this.alias}.id = :id`, { id }).setLock('pessimistic_write').getOne();
      if (!record) throw AppError.notFound(this.label());
      if (bin.parent) {
        const parentId = (record as Record<string, unknown>)[bin.parent.field];
        const [parent]: Array<{ deleted_at: Date | null }> = await manager.query(`select deleted_at from ${bin.parent.table} where id = $1`, [parentId]);
        if (parent?.deleted_at) {
          throw new AppError(ErrorCode.Conflict, `Its parent is in the recycle bin: restore that first`, { errors: [{ field: bin.parent.field, message: 'is in the recycle bin' }] });
        }
      }
      await manager.query(`update ${this.table()} set deleted_at = null, deleted_by = null, version = version + 1, updated_at = now() where id = $1`, [id]);
      for (const child of bin.takesAlong ?? []) {
        const [rows] = (await manager.query(
          `update ${child.table} set deleted_at = null, deleted_by = null, deleted_with = null, version = version + 1, updated_at = now() where deleted_with = $1 returning id`,
          [id],
        )) as [Array<{ id: string }>, number];
        for (const row of rows) await this.audit.record(manager, { category: AuditCategory.Business, action: `${child.objectType}.restored`, entityType: child.objectType, entityId: row.id, details: { with: { objectType: this.config.objectType, id } } });
      }
      await this.audit.record(manager, { category: AuditCategory.Business, action: `${this.config.objectType}.restored`, entityType: this.config.objectType, entityId: id });
      return this.readBack(principal, id, manager, access);
    });
  }

  /** Deleting with a recycle bin: stamps the record and the children it takes along, in the caller's transaction. */
  private async moveToRecycleBin(manager: EntityManager, principal: Principal, record: E, bin: RecycleBinConfig): Promise<void> {
    const [[stamped]] = (await manager.query(
      `update ${this.table()} set deleted_at = date_trunc('milliseconds', now()), deleted_by = $2, version = version + 1, updated_at = now() where id = $1 returning deleted_at`,
      [record.id, principal.userId],
    )) as [Array<{ deleted_at: Date }>, number];
    const tookAlong: Record<string, number> = {};
    for (const child of bin.takesAlong ?? []) {
      const [rows] = (await manager.query(
        `update ${child.table} set deleted_at = $2, deleted_by = $3, deleted_with = $1, version = version + 1, updated_at = now() where ${child.column} = $1 and deleted_at is null returning id`,
        [record.id, stamped.deleted_at, principal.userId],
      )) as [Array<{ id: string }>, number];
      tookAlong[child.objectType] = rows.length;
      for (const row of rows) await this.audit.record(manager, { category: AuditCategory.Business, action: `${child.objectType}.deleted`, entityType: child.objectType, entityId: row.id, details: { with: { objectType: this.config.objectType, id: record.id } } });
    }
    await this.audit.record(manager, {
      category: AuditCategory.Business,
      action: `${this.config.objectType}.deleted`,
      entityType: this.config.objectType,
      entityId: record.id,
      changes: diffFields(record as Record<string, unknown>, {}, this.auditedFields()),
      details: { recycleBin: true, tookAlong },
    });
  }

  /** The live records the caller may read, for aggregates over them (alias `r`; select what to aggregate). */
  readable(access: ObjectAccess, manager: EntityManager = this.dataSource.manager) {
    return access.applyReadScope(this.liveRecords(manager), this.alias);
  }

  /** Records not in the recycle bin: where every read and write starts. */
  private liveRecords(manager: EntityManager) {
    const query = manager.getRepository(this.entity).createQueryBuilder(this.alias);
    return this.config.recycleBin ? query.where(`${this.alias}.deleted_at is null`) : query;
  }

  /** Records in the caller's recycle bin: deleted on their own, within the caller's delete scope. */
  private binnedRecords(manager: EntityManager, access: ObjectAccess) {
    const { sql, params } = access.scope(AccessAction.Delete, this.alias);
    return manager
      .getRepository(this.entity)
      .createQueryBuilder(this.alias)
      .where(`${this.alias}.deleted_at is not null and ${this.alias}.deleted_with is null`)
      .andWhere(sql, params);
  }

  private nameField(): string {
    return this.config.nameField ?? 'name';
  }

  /** The caller's transaction when given, else a new one. */
  private inTransaction<T>(outer: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  private table(): string {
    return this.dataSource.getMetadata(this.entity).tableName;
  }

  /** The fields of `values` under field rules (record attributes have rules of their own above). */
  private businessFields(values: Partial<E>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(values).filter(([key, value]) => value !== undefined && !(WRITE_ATTRIBUTES as readonly string[]).includes(key)));
  }

  private changesFlags(values: Partial<E>, record: E): boolean {
    return (values.restricted !== undefined && values.restricted !== record.restricted) || (values.ownerOnlyEdit !== undefined && values.ownerOnlyEdit !== record.ownerOnlyEdit);
  }

  private auditedFields(): string[] {
    return [...this.config.fields, 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'];
  }

  private async owner(manager: EntityManager, userId: string): Promise<{ userId: string; teamId: string | null; teamPath: string | null; partnerAccountId: string | null }> {
    const rows: Array<{ team_id: string | null; path: string | null; partner_account_id: string | null }> = await manager.query(
      'select u.team_id, t.path, u.partner_account_id from users u left join teams t on t.id = u.team_id where u.id = $1 and u.active',
      [userId],
    );
    if (!rows[0]) throw AppError.validation('ownerId', 'no such active user');
    return { userId, teamId: rows[0].team_id, teamPath: rows[0].path, partnerAccountId: rows[0].partner_account_id };
  }

  private assertAssignable(access: ObjectAccess, owner: Parameters<ObjectAccess['mayAssignTo']>[0]): void {
    if (!access.mayAssignTo(owner)) {
      throw new AppError(ErrorCode.Forbidden, 'The new owner is outside the teams you may assign records to', { errors: [{ field: 'ownerId', message: 'is outside the teams you may assign to' }] });
    }
  }

  private label(): string {
    return this.config.objectType.charAt(0).toUpperCase() + this.config.objectType.slice(1);
  }
}

/** numeric(18,2) as text is at most 19 characters; left-padded it sorts like the number in collation "C". */
const DECIMAL_WIDTH = 19;

/**
 * The sort key of a non-negative numeric(18,2) column (money): its text left-padded with zeros, which collation "C"
 * orders like the number, and the same text from the row's decimal string, for the cursor.
 */
export function decimalSortKey<E>(column: string, valueOf: (row: E) => string): { sql: (alias: string) => string; value: (row: E) => string } {
  return {
    sql: (alias) => `lpad(${alias}.${column}::text, ${DECIMAL_WIDTH}, '0') collate "C"`,
    value: (row) => valueOf(row).padStart(DECIMAL_WIDTH, '0'),
  };
}
