import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

/**
 * The 10,000 most common passwords, most common first. Taken from the ranked `passwords` frequency list of
 * the zxcvbn-ts project (@zxcvbn-ts/language-common, MIT); regenerate with `scripts/write-common-passwords.cjs`.
 */
function loadCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return commonPasswords;
}

/**
 * OWASP ASVS 5 password rules: length 12–128 (counted in Unicode code points), any characters, no composition
 * rules, not a common password, not the account's email or its local part. Returns what is wrong, or null.
 */
export function checkPasswordPolicy(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lowered = password.toLowerCase();
  if (loadCommonPasswords().has(lowered)) return 'is one of the 10,000 most common passwords';
  const normalisedEmail = email.trim().toLowerCase();
  const localPart = normalisedEmail.split('@')[0] ?? '';
  if (lowered === normalisedEmail || (localPart.length >= 4 && lowered === localPart)) return 'must not be your email address';
  return null;
}
