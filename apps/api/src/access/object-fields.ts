import { ObjectType } from './access.types';
import { RECORD_ATTRIBUTE_FIELDS } from './record-attributes';

/** The fields under field rules, per object type: what the policy editor and /me/permissions list. */
export const OBJECT_FIELDS: Record<ObjectType, string[]> = {
  [ObjectType.Account]: ['name', 'kind', 'industry', 'region', 'phone', 'email', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.Contact]: ['accountId', 'name', 'title', 'phone', 'email', ...RECORD_ATTRIBUTE_FIELDS],
};

/** Where each object type's records live (for the explain endpoint's direct look-up). */
export const OBJECT_TABLES: Record<ObjectType, string> = {
  [ObjectType.Account]: 'accounts',
  [ObjectType.Contact]: 'contacts',
};
