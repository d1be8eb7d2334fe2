import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { requestContext } from '../../platform/context/request-context';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { IS_PUBLIC, REQUIRED_ROLES, SESSION_ONLY } from '../../platform/http/endpoint.decorator';
import { createValidationPipe } from '../../platform/http/validation';
import type { RoleKey } from '../roles/role-key';
import { LoginDto } from './auth.dto';
import { sessionRequired } from './current-principal.decorator';
import type { Principal } from './principal';

/**
 * Global guard: every route needs credentials unless it is declared public with `@Endpoint({ isPublic })`: an
 * API key (tried first: `X-API-Key`, or a bearer token starting with `lxk_`) or else a session's JWT access token.
 * Routes declared `@Endpoint({ sessionOnly })` refuse API keys with 403. It also records the principal in the
 * request context for services, the audit log and logs.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['api-key', 'jwt']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const principal = context.switchToHttp().getRequest<Request & { user?: Principal }>().user;
    const store = requestContext.current();
    if (store && principal) store.principal = principal;
    if (principal?.authMethod !== 'session' && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets)) throw sessionRequired();
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error instanceof AppError ? error : new AppError(ErrorCode.Unauthenticated, 'The access token or API key is not valid');
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'The access token or API key is missing, expired or not valid');
    return user;
  }
}

/** Global guard: routes declaring roles need the caller to hold at least one of them. */
@Injectable()
export class RolesGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<RoleKey[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const principal = context.switchToHttp().getRequest<Request & { user?: Principal }>().user;
    if (principal && required.some((role) => principal.roles.includes(role))) return true;
    throw new AppError(ErrorCode.Forbidden, `This needs one of the roles: ${required.join(', ')}`);
  }
}

/** Login: validates the body like every other endpoint (400 naming the field), then runs passport's local strategy. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    await this.validation.transform(request.body, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new AppError(ErrorCode.InvalidCredentials, 'Wrong email or password');
    return user;
  }
}
