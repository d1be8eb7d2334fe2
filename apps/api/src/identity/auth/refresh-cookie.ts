import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../../platform/config/app-config';

export const REFRESH_COOKIE = 'lx_refresh';

function options(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.env === 'production' && process.env.COOKIE_SECURE !== 'false',
    // Sent only to the auth endpoints that need it.
    path: '/api/v1/auth',
    maxAge: config.refreshTokenTtlSeconds * 1000,
  };
}

export function setRefreshCookie(response: Response, token: string, config: AppConfig): void {
  response.cookie(REFRESH_COOKIE, token, options(config));
}

export function clearRefreshCookie(response: Response, config: AppConfig): void {
  const { maxAge: _ignored, ...rest } = options(config);
  response.clearCookie(REFRESH_COOKIE, rest);
}

export function readRefreshCookie(request: Request): string | undefined {
  const value: unknown = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}
