import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { API_KEY_MARK } from '../api-keys/api-key-format';
import { ApiKeyService } from '../api-keys/api-key.service';
import type { ApiKeyPrincipal } from './principal';

type Verify = (key: string, done: (error: unknown, principal?: unknown) => void) => void;

/** One answer for every key that does not work, so the answer tells nothing about why. */
export const INVALID_API_KEY = 'The API key is not valid: unknown, revoked or expired, or its user is deactivated';

/**
 * The API key a request carries: `X-API-Key: lxk_…`, or `Authorization: Bearer lxk_…` (one header is all a partner
 * tool needs). `null` when it carries none (other bearer tokens are the JWT strategy's); an error when it carries
 * both headers, which would leave it unclear who is calling.
 */
export function apiKeyOf(request: Request): string | null | AppError {
  const header = request.headers['x-api-key'];
  const authorization = request.headers.authorization;
  if (header !== undefined) {
    if (authorization !== undefined) return new AppError(ErrorCode.Unauthenticated, 'Send one credential: X-API-Key or Authorization, not both');
    return String(header);
  }
  const bearer = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  return bearer?.startsWith(API_KEY_MARK) ? bearer : null;
}

/**
 * The smallest passport strategy that reads a header (passport adds success/fail/error to each attempt). A
 * request without a key fails over to the next strategy; one with a key is answered by the key alone.
 */
class HeaderApiKeyStrategy {
  declare success: (user: unknown) => void;
  declare fail: (status?: number) => void;
  declare error: (error: unknown) => void;

  constructor(private readonly verify: Verify) {}

  authenticate(request: Request): void {
    const key = apiKeyOf(request);
    if (key === null) return this.fail(401);
    if (key instanceof AppError) return this.error(key);
    this.verify(key, (error, principal) => (error ? this.error(error) : this.success(principal)));
  }
}

/** API keys: the key's user, loaded with their current roles, team and partner account on every request. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderApiKeyStrategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeyService) {
    super();
  }

  async validate(key: string): Promise<ApiKeyPrincipal> {
    const principal = await this.apiKeys.authenticate(key);
    if (!principal) throw new AppError(ErrorCode.Unauthenticated, INVALID_API_KEY);
    return principal;
  }
}
