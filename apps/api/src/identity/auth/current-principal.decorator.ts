import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import type { Principal, SessionPrincipal } from './principal';

/** The authenticated caller (only on non-public routes, where the authentication guard has set it). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return (ctx.switchToHttp().getRequest<Request & { user: Principal }>()).user;
});

/** The 403 for an API key on a route that needs an interactive session (`@Endpoint({ sessionOnly })`). */
export function sessionRequired(): AppError {
  return new AppError(ErrorCode.Forbidden, 'This needs an interactive session: sign in with your password; API keys cannot do this');
}

/**
 * The caller of a `@Endpoint({ sessionOnly })` route, typed as a session. The authentication guard has already
 * refused API keys there; this only gives the handler the narrower type (and refuses alike if a route forgot).
 */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionPrincipal => {
  const principal = ctx.switchToHttp().getRequest<Request & { user: Principal }>().user;
  if (principal.authMethod !== 'session') throw sessionRequired();
  return principal;
});
