import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, in order. Modules add theirs here (explicit, so bundling and tests need no glob). */
export const MIGRATIONS = [Foundation1764000000000];
