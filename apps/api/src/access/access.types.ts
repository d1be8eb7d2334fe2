/** What a permission is about. Business modules add their object types here. */
export enum ObjectType {
  Account = 'account',
  Contact = 'contact',
  Opportunity = 'opportunity',
  Activity = 'activity',
  Lead = 'lead',
  /** Orders (R-SAL-6): business records; their lines follow the order's field rules as `lines.<field>`. */
  Order = 'order',
  /** Payments against orders: no records of their own, visible with their order (`read`; `create` records one). */
  Payment = 'payment',
  /** Configuration, not records: `read` to use pipelines and stages, `update` at level `all` to change them. */
  Pipeline = 'pipeline',
  /** Catalogue, not records: products and their category tree (`read`; `create`/`update` at any level to change). */
  Product = 'product',
  /** Catalogue, not records: price lists with their entries and quantity tiers. */
  PriceList = 'price_list',
  Quote = 'quote',
  /** Configuration, not records: the special-price approval rules (`read`; `update` at level `all` to change them). */
  ApprovalRule = 'approval_rule',
  /** Configuration-like, no records: `read` to use the customer analytics, `update` to start a metrics recompute. */
  Analytics = 'analytics',
  /** Configuration, no records: the dated exchange rates into the base currency (`read`; `update` to set or delete one). */
  ExchangeRate = 'exchange_rate',
  /** Analytic Hierarchy Process models (R-ANA-4): business records (owner, team) of the analytics module. */
  AhpModel = 'ahp_model',
}

export enum AccessAction {
  Read = 'read',
  Create = 'create',
  Update = 'update',
  Delete = 'delete',
  /** Change a record's owner (and team), even on owner-only-edit records: customers are never orphaned. */
  Reassign = 'reassign',
}

/** How far an action reaches, in increasing order. */
export enum AccessLevel {
  None = 'none',
  Own = 'own',
  Team = 'team',
  Subtree = 'subtree',
  All = 'all',
}

/** Per-field access, in increasing order. */
export enum FieldAccess {
  Hidden = 'hidden',
  Masked = 'masked',
  Read = 'read',
  Edit = 'edit',
}

export const LEVEL_ORDER = [AccessLevel.None, AccessLevel.Own, AccessLevel.Team, AccessLevel.Subtree, AccessLevel.All];
export const FIELD_ORDER = [FieldAccess.Hidden, FieldAccess.Masked, FieldAccess.Read, FieldAccess.Edit];

export const maxLevel = (a: AccessLevel, b: AccessLevel): AccessLevel => (LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b);
export const maxFieldAccess = (a: FieldAccess, b: FieldAccess): FieldAccess => (FIELD_ORDER.indexOf(a) >= FIELD_ORDER.indexOf(b) ? a : b);
