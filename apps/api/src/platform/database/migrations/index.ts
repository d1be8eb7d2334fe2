import { Foundation1764000000000 } from './1764000000000-foundation';
import { BuiltInRoles1764000000001 } from './1764000000001-built-in-roles';

/** Every migration, in order. Modules add theirs here (explicit, so bundling and tests need no glob). */
export const MIGRATIONS = [Foundation1764000000000, BuiltInRoles1764000000001];
