import { apiKeyMatches, apiKeyPrefix, hashApiKey, newApiKey } from './api-key-format';

describe('API key format', () => {
  it('makes lxk_<16 hex>_<43 base64url> keys whose prefix is the part before the secret', () => {
    const { key, prefix, secretHash } = newApiKey();
    expect(key).toMatch(/^lxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(secretHash.equals(hashApiKey(key))).toBe(true);
    expect(newApiKey().key).not.toBe(key);
  });

  it('recognises only well-formed keys', () => {
    const { key } = newApiKey();
    for (const bad of ['', 'lxk_', key.slice(0, -1), `${key}x`, key.replace('lxk_', 'lxx_'), key.toUpperCase(), ` ${key}`, 'eyJhbGciOiJIUzI1NiJ9.e30.x']) {
      expect(apiKeyPrefix(bad)).toBeNull();
    }
  });

  it('matches the stored hash of the same key only', () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(apiKeyMatches(a.key, a.secretHash)).toBe(true);
    expect(apiKeyMatches(a.key, b.secretHash)).toBe(false);
    expect(apiKeyMatches(a.key, null)).toBe(false);
    expect(apiKeyMatches(a.key, Buffer.alloc(3))).toBe(false);
  });
});
