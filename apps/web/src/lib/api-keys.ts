import type { Schema } from '@lianxi/api-client';

/** An API key as listed (never with its secret). */
export type ApiKey = Schema<'ApiKeyDto'>;
export type ApiKeyState = 'active' | 'expired' | 'revoked';

/** Whether the key still works: revoked wins over expired (both stop it, revoking is the deliberate act). */
export function apiKeyState(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: number = Date.now()): ApiKeyState {
  if (key.revokedAt) return 'revoked';
  return Date.parse(key.expiresAt) <= now ? 'expired' : 'active';
}
