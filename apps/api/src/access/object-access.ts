import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import type { FieldErrorDto } from '../platform/http/problem.dto';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from './access.types';
import { maskValue } from './masking';
import type { ObjectPolicy } from './policy.service';

/** An SQL predicate over the record alias, with its named parameters. */
export interface SqlPredicate {
  sql: string;
  params: Record<string, unknown>;
}

/** The records of an object type as a refusal names them ("You may not read orders"); others say "<type> records". */
const RECORDS_NAME: Partial<Record<ObjectType, string>> = { [ObjectType.Order]: 'orders', [ObjectType.Opportunity]: 'opportunities', [ObjectType.Payment]: 'payments' };

function unreadableFieldErrors(fields: readonly string[]): FieldErrorDto[] {
  return fields.map((field) => ({ field, message: 'you may not read this field' }));
}

/**
 * One caller's access to one object type: record scopes compiled to SQL predicates, and field rules applied to
 * what goes out and what comes in. Services get it from AccessService and never decide access themselves.
 */
/** Records shared with the caller or their team, resolved before the query so the scope stays index-friendly. */
export interface SharedRecords {
  read: string[];
  edit: string[];
}

export class ObjectAccess {
  private readonly fieldAccesses = new Map<string, FieldAccess>();

  constructor(
    readonly principal: Principal,
    private readonly policy: ObjectPolicy,
    private readonly shares: SharedRecords,
  ) {}

  get objectType(): ObjectType {
    return this.policy.objectType;
  }

  level(action: AccessAction): AccessLevel {
    return this.policy.level(action);
  }

  /**
   * The records of `alias` on which the caller may perform `action`, as a predicate for the query itself:
   * role level (own/team/subtree/all) or an explicit share (an edit share for updates), narrowed by `restricted`
   * (owner and shares only, and then the share's own access), `ownerOnlyEdit` (owner only, for update and delete)
   * and the partner account.
   */
  scope(action: AccessAction, alias: string): SqlPredicate {
    const p = `acc_${alias}_${action}`;
    const params: Record<string, unknown> = { [`${p}_user`]: this.principal.userId };
    const byLevel = this.levelPredicate(this.level(action), alias, p, params);
    // Shares are ids known before the query: `id = any(…)` keeps the plan on the indexes (no per-row subquery).
    const shared = (ids: string[], name: string) => {
      if (!ids.length) return 'false';
      params[`${p}_${name}`] = ids;
      return `${alias}.id = any(:${p}_${name})`;
    };
    const anyShare = shared([...this.shares.read, ...this.shares.edit], 'shared');
    const editShare = shared(this.shares.edit, 'edit_shared');
    // A read share grants reading, an edit share also updating; deleting and reassigning come from the level alone.
    const grantingShare = action === AccessAction.Read ? anyShare : action === AccessAction.Update ? editShare : 'false';
    const grants = grantingShare === 'false' ? byLevel : `(${byLevel} or ${grantingShare})`;
    // On a restricted record the owner's shares are the whole access of everyone else, whatever their role level:
    // a read share reads, an edit share also updates, and only the owner deletes it.
    const restrictedTo = action === AccessAction.Read || action === AccessAction.Reassign ? anyShare : action === AccessAction.Update ? editShare : 'false';
    const clauses = [grants, `(not ${alias}.restricted or ${alias}.owner_id = :${p}_user${restrictedTo === 'false' ? '' : ` or ${restrictedTo}`})`];
    if (action === AccessAction.Update || action === AccessAction.Delete) clauses.push(`(not ${alias}.owner_only_edit or ${alias}.owner_id = :${p}_user)`);
    if (this.principal.partnerAccountId) {
      params[`${p}_partner`] = this.principal.partnerAccountId;
      clauses.push(`${alias}.partner_account_id = :${p}_partner`);
    }
    return { sql: `(${clauses.join(' and ')})`, params };
  }

  /**
   * The read level as a set of teams, for reads served from per-team pre-aggregates (docs/analytics.md, "Customer
   * dashboards"): the level's predicate over `alias.team_id`, or null when the scope is not a set of teams — level
   * `own`, or a partner user (limited to their partner account). It leaves out what `scope` adds to the level:
   * shares and the restricted rule; whoever sums per team adds those records one by one, judged by `scope` itself.
   */
  teamScope(alias: string): SqlPredicate | null {
    const level = this.level(AccessAction.Read);
    if (this.principal.partnerAccountId || level === AccessLevel.Own) return null;
    const params: Record<string, unknown> = {};
    return { sql: this.levelPredicate(level, alias, `acc_${alias}_teams`, params), params };
  }

  /** Adds the read scope to a query: records the caller may not see do not exist for it. */
  applyReadScope<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string): SelectQueryBuilder<E> {
    const { sql, params } = this.scope(AccessAction.Read, alias);
    return query.andWhere(sql, params);
  }

  /**
   * Whether the caller may give records to `owner`: within the reach of their reassign level (their team, their
   * subtree, anyone), and for partner users only within their partner account. Oneself is always fine.
   */
  mayAssignTo(owner: { userId: string; teamId: string | null; teamPath: string | null; partnerAccountId: string | null }): boolean {
    if (owner.userId === this.principal.userId) return true;
    if (this.principal.partnerAccountId && owner.partnerAccountId !== this.principal.partnerAccountId) return false;
    switch (this.level(AccessAction.Reassign)) {
      case AccessLevel.None:
      case AccessLevel.Own:
        return false;
      case AccessLevel.Team:
        return owner.teamId !== null && owner.teamId === this.principal.teamId;
      case AccessLevel.Subtree:
        return owner.teamPath !== null && this.principal.teamPath !== null && owner.teamPath.startsWith(this.principal.teamPath);
      case AccessLevel.All:
        return true;
    }
  }

  assertMay(action: AccessAction.Create): void {
    if (this.level(action) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, `You may not ${action} ${this.objectType} records`);
  }

  /** A field's effective access: the explicit rule of the caller's roles, else what the object permission implies. */
  fieldAccess(field: string): FieldAccess {
    // Asked for every field of every row of a page: decided once per field for this (per-request) access.
    let access = this.fieldAccesses.get(field);
    if (access === undefined) {
      if (this.level(AccessAction.Read) === AccessLevel.None) access = FieldAccess.Hidden;
      else access = this.policy.fieldRule(field) ?? (this.level(AccessAction.Update) === AccessLevel.None ? FieldAccess.Read : FieldAccess.Edit);
      this.fieldAccesses.set(field, access);
    }
    return access;
  }

  /** The response as the caller may see it: hidden fields omitted, masked fields masked (so they are optional in T). */
  project<T extends object>(record: T, protectedFields: ReadonlyArray<keyof T & string>): T {
    const hidden = protectedFields.filter((field) => this.fieldAccess(field) === FieldAccess.Hidden);
    // Copied without the hidden fields rather than `delete`d from a copy: a delete turns the object into a slow
    // dictionary for everything after it (JSON.stringify of the page included).
    let out: Record<string, unknown>;
    if (!hidden.length) out = { ...record } as Record<string, unknown>;
    else {
      out = {};
      for (const key of Object.keys(record)) if (!hidden.includes(key as keyof T & string)) out[key] = (record as Record<string, unknown>)[key];
    }
    for (const field of protectedFields) if (this.fieldAccess(field) === FieldAccess.Masked) out[field] = maskValue(field, record[field]);
    return out as T;
  }

  /**
   * Whether the caller may change `field` of a record: by the field's explicit rule if it has one, else by whether
   * they may update the record (`recordUpdatable`: from the level or from an edit share) — so an edit share lets a
   * read-only role change the fields no rule protects. Without a record (create), by the object permission.
   */
  mayEdit(field: string, recordUpdatable?: boolean): boolean {
    if (recordUpdatable === undefined) return this.fieldAccess(field) === FieldAccess.Edit;
    const rule = this.policy.fieldRule(field);
    return recordUpdatable && (rule === undefined || rule === FieldAccess.Edit);
  }

  /** A write may only name fields the caller may edit: 403 naming each other field, before anything is written. */
  assertWritable(body: object, recordUpdatable?: boolean): void {
    const refused = Object.keys(body).filter((field) => (body as Record<string, unknown>)[field] !== undefined && !this.mayEdit(field, recordUpdatable));
    if (refused.length) {
      throw new AppError(ErrorCode.Forbidden, `You may not change: ${refused.join(', ')}`, { errors: refused.map((field) => ({ field, message: 'you may not change this field' })) });
    }
  }

  /** Sorting or filtering by a field the caller cannot read would reveal it by inference: 400 naming it. */
  assertReadable(field: string, purpose: 'sort' | 'filter' | 'search'): void {
    const access = this.fieldAccess(field);
    if (access === FieldAccess.Hidden || access === FieldAccess.Masked) {
      throw AppError.validation(purpose === 'sort' ? 'sort' : field, `you may not ${purpose} by ${field}`);
    }
  }

  /**
   * Summing, grouping or filtering an aggregate by a field the caller does not read in full (hidden or masked) would
   * reveal it: 403 naming each such field (forecast, receivables, reports).
   */
  assertReadsInFull(fields: readonly string[]): void {
    const unreadable = this.notReadInFull(fields);
    if (unreadable.length) throw new AppError(ErrorCode.Forbidden, `You may not read: ${unreadable.join(', ')}`, { errors: unreadableFieldErrors(unreadable) });
  }

  /**
   * A figure over the records (a report, receivables, a count) needs the read right on them — 403 "You may not read
   * orders" before any field is judged, so a caller without it learns nothing about the field rules — and then
   * `fields` read in full (`assertReadsInFull`). `nameFieldsWithoutRead`: the first 403 names `fields` too — the
   * customer dashboards' money, whose refusal names the fields asked for whatever the reason (docs/api.md).
   */
  assertMayAggregate(fields: readonly string[], { nameFieldsWithoutRead = false }: { nameFieldsWithoutRead?: boolean } = {}): void {
    if (this.level(AccessAction.Read) === AccessLevel.None) {
      const records = RECORDS_NAME[this.objectType] ?? `${this.objectType} records`;
      throw new AppError(ErrorCode.Forbidden, `You may not read ${records}`, nameFieldsWithoutRead ? { errors: unreadableFieldErrors(fields) } : {});
    }
    this.assertReadsInFull(fields);
  }

  /** Of `fields`, those the caller does not read in full (hidden or masked): what an aggregate over them would reveal. */
  notReadInFull(fields: readonly string[]): string[] {
    return [...new Set(fields)].filter((field) => [FieldAccess.Hidden, FieldAccess.Masked].includes(this.fieldAccess(field)));
  }

  private levelPredicate(level: AccessLevel, alias: string, p: string, params: Record<string, unknown>): string {
    switch (level) {
      case AccessLevel.None:
        return 'false';
      case AccessLevel.Own:
        return `${alias}.owner_id = :${p}_user`;
      // A record's team is its owner's team (kept so when records or users move), so the owner is covered here.
      case AccessLevel.Team:
        if (!this.principal.teamId) return 'false';
        params[`${p}_myteam`] = this.principal.teamId;
        return `${alias}.team_id = :${p}_myteam`;
      case AccessLevel.Subtree:
        if (!this.principal.teamPath) return 'false';
        params[`${p}_path`] = `${this.principal.teamPath}%`;
        return `${alias}.team_id in (select t.id from teams t where t.path like :${p}_path)`;
      case AccessLevel.All:
        return 'true';
    }
  }
}
