import type { Response } from 'express';
import { ErrorCode } from './error-code';
import type { FieldErrorDto, ProblemDto } from './problem.dto';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One status and title per code; typed as a total Record so a new code cannot be forgotten. */
const STATUS_AND_TITLE: Record<ErrorCode, [number, string]> = {
  [ErrorCode.ValidationFailed]: [400, 'Invalid request'],
  [ErrorCode.MalformedBody]: [400, 'Malformed request body'],
  [ErrorCode.Unauthenticated]: [401, 'Authentication required'],
  [ErrorCode.InvalidCredentials]: [401, 'Invalid credentials'],
  [ErrorCode.Forbidden]: [403, 'Forbidden'],
  [ErrorCode.NotFound]: [404, 'Not found'],
  [ErrorCode.Conflict]: [409, 'Conflict'],
  [ErrorCode.PreconditionFailed]: [412, 'Precondition failed'],
  [ErrorCode.PreconditionRequired]: [428, 'Precondition required'],
  [ErrorCode.PayloadTooLarge]: [413, 'Payload too large'],
  [ErrorCode.UnsupportedMediaType]: [415, 'Unsupported media type'],
  [ErrorCode.PasswordRejected]: [422, 'Password rejected'],
  [ErrorCode.IdempotencyKeyReused]: [422, 'Idempotency key reused'],
  [ErrorCode.TooManyRequests]: [429, 'Too many requests'],
  [ErrorCode.ServiceUnavailable]: [503, 'Service unavailable'],
  [ErrorCode.Internal]: [500, 'Internal server error'],
};

export function statusOf(code: ErrorCode): number {
  return STATUS_AND_TITLE[code][0];
}

export function buildProblem(
  code: ErrorCode,
  detail: string,
  context: { instance?: string; requestId?: string; errors?: FieldErrorDto[] } = {},
): ProblemDto {
  const [status, title] = STATUS_AND_TITLE[code];
  return {
    type: `https://lianxi.dev/problems/${code.replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    ...(context.instance ? { instance: context.instance } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(context.errors?.length ? { errors: context.errors } : {}),
  };
}

export function sendProblem(response: Response, problem: ProblemDto, retryAfterSeconds?: number): void {
  if (response.headersSent) return;
  if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
