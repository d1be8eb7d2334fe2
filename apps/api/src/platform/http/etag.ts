import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';

/** A record's version as a weak ETag: `W/"3"`. */
export function setVersionEtag(response: Response, version: number): void {
  response.setHeader('ETag', `W/"${version}"`);
}

const readIfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<Request>().header('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw AppError.validation('If-Match', 'must be the ETag of the record, e.g. W/"3"');
  return Number(match[1]);
});

/** The version named by an `If-Match` header (`W/"3"`, `"3"`), undefined when absent; documented on the operation. */
export function IfMatchVersion(): ParameterDecorator {
  return (target, key, index) => {
    readIfMatch()(target, key, index);
    const descriptor = key !== undefined ? Object.getOwnPropertyDescriptor(target, key) : undefined;
    if (key !== undefined && descriptor) {
      ApiHeader({
        name: 'If-Match',
        required: false,
        description: 'The ETag you read (`W/"<version>"`); updates of shared records answer 428 without it and 412 when it is stale',
      })(target, key, descriptor);
    }
  };
}

/**
 * The one optimistic-concurrency check: refuses a write based on a stale read (412), and, where `required`,
 * a write that does not say which version it read (428). Nothing is written in either case.
 */
export function assertVersion(current: number, expected: number | undefined, required: boolean): void {
  if (expected === undefined) {
    if (required) throw new AppError(ErrorCode.PreconditionRequired, 'Send If-Match with the ETag you read', { errors: [{ field: 'If-Match', message: 'is required' }] });
    return;
  }
  if (expected !== current) {
    throw new AppError(ErrorCode.PreconditionFailed, `The record is at version ${current}; you sent ${expected}. Reload and apply your change again.`, {
      errors: [{ field: 'If-Match', message: `stale version ${expected}; current is ${current}` }],
    });
  }
}
