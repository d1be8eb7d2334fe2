import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What every key starts with, so keys are recognisable (in headers, and by secret scanners in leaked code). */
export const API_KEY_MARK = 'lxk_';

/** `lxk_` + 16 hex characters (the public look-up id) + `_` + 32 random bytes in base64url (the secret). */
const API_KEY = /^lxk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** The whole key: shown to its owner once, never stored. */
  key: string;
  /** `lxk_<id part>`: stored and shown in lists, so a key can be recognised and looked up; not a secret. */
  prefix: string;
  secretHash: Buffer;
}

/**
 * SHA-256 of the whole key. A fast hash is right here (unlike passwords): the secret is 256 random bits, so there
 * is nothing to guess and nothing for a slow hash to protect, and the check runs on every request.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function newApiKey(): NewApiKey {
  const prefix = `${API_KEY_MARK}${randomBytes(8).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or null for anything else. */
export function apiKeyPrefix(key: string): string | null {
  const match = API_KEY.exec(key);
  return match ? `${API_KEY_MARK}${match[1]}` : null;
}

const NO_HASH = Buffer.alloc(32);

/** Whether `key` hashes to `storedHash`, in constant time; also spends that time when there is no stored hash. */
export function apiKeyMatches(key: string, storedHash: Buffer | null): boolean {
  const hash = hashApiKey(key);
  const matches = timingSafeEqual(hash, storedHash?.length === hash.length ? storedHash : NO_HASH);
  return matches && storedHash !== null;
}
