import { hash, verify } from '@node-rs/argon2';

/** Argon2id with OWASP ASVS 5 (appendix C) minimums: 19 MiB memory, 2 iterations, parallelism 1. */
// algorithm 2 is Argon2id (the package exports it as a const enum, which isolated modules cannot read).
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * Verifies a password. Without a stored hash (unknown user, no password set) it still hashes, against a dummy,
 * so that the answer takes as long as for a real account and timing does not reveal which emails exist.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('lianxi-timing-equaliser');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
