import { createHmac, randomBytes } from 'node:crypto';

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An HS256 JWT, for tokens the server must refuse (wrong key, expired). */
export function signJwt(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = header.alg === 'none' ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

export function decodeJwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface BadCredential {
  name: string;
  headers: Record<string, string>;
}

/**
 * Credentials that must all get 401: none, garbage, a token for a real session signed with another key, the
 * same token unsigned (alg none), a correctly signed token that expired, and API keys that do not exist (as a
 * bearer token and in X-API-Key).
 */
export function badBearerCredentials(realToken: string, serverSecret: string): BadCredential[] {
  const now = Math.floor(Date.now() / 1000);
  const claims = decodeJwtClaims(realToken);
  const live = { sub: claims.sub, sid: claims.sid, iat: now, exp: now + 600 };
  return [
    { name: 'no credentials', headers: {} },
    { name: 'garbage bearer token ("Bearer abc")', headers: { Authorization: 'Bearer abc' } },
    { name: 'bearer scheme without a token', headers: { Authorization: 'Bearer ' } },
    { name: 'real token under another scheme ("Token …")', headers: { Authorization: `Token ${realToken}` } },
    { name: 'JWT for a live session signed with another secret', headers: { Authorization: `Bearer ${signJwt(live, randomBytes(32).toString('hex'))}` } },
    { name: 'unsigned JWT (alg none) for a live session', headers: { Authorization: `Bearer ${signJwt(live, '', { alg: 'none', typ: 'JWT' })}` } },
    { name: 'expired JWT signed with the server secret', headers: { Authorization: `Bearer ${signJwt({ ...live, iat: now - 7200, exp: now - 3600 }, serverSecret)}` } },
    { name: 'unknown API key as the bearer token', headers: { Authorization: `Bearer ${unknownApiKey()}` } },
    { name: 'unknown API key in X-API-Key', headers: { 'X-API-Key': unknownApiKey() } },
    { name: 'garbage X-API-Key ("abc")', headers: { 'X-API-Key': 'abc' } },
  ];
}

/** Well-formed (`lxk_<16 hex>_<43 base64url>`) but never issued. */
function unknownApiKey(): string {
  return `lxk_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}

export function badRefreshCredentials(): BadCredential[] {
  return [
    { name: 'no refresh cookie', headers: {} },
    { name: 'forged refresh cookie', headers: { Cookie: `lx_refresh=${randomBytes(32).toString('base64url')}` } },
    { name: 'empty refresh cookie', headers: { Cookie: 'lx_refresh=' } },
  ];
}
