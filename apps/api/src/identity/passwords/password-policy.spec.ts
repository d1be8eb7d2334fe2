import { checkPasswordPolicy } from './password-policy';
import { hashPassword, verifyPassword } from './password-hasher';

describe('password policy (ASVS 5)', () => {
  const email = 'li.wei@lianxi.test';

  it('accepts a long passphrase of any characters without composition rules', () => {
    expect(checkPasswordPolicy('correct horse battery staple', email)).toBeNull();
    expect(checkPasswordPolicy('我的密码是一只小猫咪在睡觉', email)).toBeNull();
    expect(checkPasswordPolicy('a'.repeat(128), email)).toBeNull();
  });

  it('counts code points, not UTF-16 units, against the limits', () => {
    expect(checkPasswordPolicy('😀'.repeat(11), email)).toMatch(/at least 12/);
    expect(checkPasswordPolicy('😀'.repeat(12), email)).toBeNull();
  });

  it('refuses short, overlong, common and email-equal passwords', () => {
    expect(checkPasswordPolicy('elevenchars', email)).toMatch(/at least 12/);
    expect(checkPasswordPolicy('a'.repeat(129), email)).toMatch(/at most 128/);
    expect(checkPasswordPolicy('1qaz2wsx3edc', email)).toMatch(/most common/);
    expect(checkPasswordPolicy('QWERTY123456', email)).toMatch(/most common/);
    expect(checkPasswordPolicy('LI.WEI@lianxi.test', email)).toMatch(/email/);
  });

  it('ships the 10,000 most common passwords, compared case-insensitively', () => {
    expect(checkPasswordPolicy('LeaveMeAlone', email)).toMatch(/most common/);
  });
});

describe('Argon2id hashing', () => {
  it('uses argon2id with at least 19 MiB, 2 iterations, parallelism 1, and verifies', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'wrong horse battery staple')).resolves.toBe(false);
    await expect(verifyPassword(null, 'anything at all here')).resolves.toBe(false);
  });
});
