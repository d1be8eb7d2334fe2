import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiSecurity } from '@nestjs/swagger';
import type { RoleKey } from '../../identity/roles/role-key';

export const IS_PUBLIC = 'lianxi:isPublic';
export const REQUIRED_ROLES = 'lianxi:requiredRoles';
export const SESSION_ONLY = 'lianxi:sessionOnly';
export const PROBLEM_STATUSES_EXTENSION = 'x-problem-statuses';

export interface EndpointOptions {
  /** One line for the OpenAPI summary. */
  summary: string;
  description?: string;
  /** No authentication: says so explicitly, in the code and in the OpenAPI document. */
  isPublic?: boolean;
  /** Callers need one of these roles (until the permission engine decides per object). */
  roles?: readonly RoleKey[];
  /**
   * Needs an interactive session (a signed-in person, not an API key): for what acts on the session or the
   * credentials themselves, e.g. logout, password change, creating API keys. API keys get 403.
   */
  sessionOnly?: boolean;
  /** Error statuses this operation can answer with besides those implied by the options. */
  errors?: number[];
  /** Success status when not the method's default (e.g. 204, 200 for a POST that creates nothing). */
  status?: number;
}

/**
 * Declares what an endpoint is and who may call it, in one place: summary, security scheme, role requirement
 * and every documented error response (problem+json). Every controller method uses it; a test over the
 * OpenAPI document fails for an operation without a summary, security or error responses.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const errors = new Set<number>(options.errors ?? []);
  errors.add(400);
  if (!options.isPublic) errors.add(401);
  if (options.roles?.length || options.sessionOnly) errors.add(403);
  const decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator> = [
    ApiOperation({ summary: options.summary, description: options.description }),
    // Turned into problem+json responses by the OpenAPI builder. Not ApiResponse: that would stop the CLI
    // plugin from adding the success response it infers from the method's return type.
    ApiExtension(PROBLEM_STATUSES_EXTENSION, [...errors].sort()),
  ];
  if (options.status) decorators.push(HttpCode(options.status));
  if (options.isPublic) {
    // The OpenAPI builder writes `security: []` for operations without a scheme.
    decorators.push(SetMetadata(IS_PUBLIC, true));
  } else if (options.sessionOnly) {
    decorators.push(SetMetadata(SESSION_ONLY, true), ApiBearerAuth('bearer'), ApiExtension('x-session-only', true));
  } else {
    // Either scheme: a session's access token, or an API key (as X-API-Key or as the bearer token).
    decorators.push(ApiBearerAuth('bearer'), ApiSecurity('apiKey'));
  }
  if (options.roles?.length) {
    decorators.push(SetMetadata(REQUIRED_ROLES, options.roles), ApiExtension('x-required-roles', options.roles));
  }
  return applyDecorators(...decorators);
}

/**
 * The success response is an export file, CSV or an Excel workbook as `format` asks (documented explicitly: the CLI
 * plugin would document a void method as empty).
 */
export function ExportResponse(description: string): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({
      description,
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );
}
