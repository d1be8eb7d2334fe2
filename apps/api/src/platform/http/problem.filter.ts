import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';
import { buildProblem, sendProblem } from './problem';

const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  412: ErrorCode.PreconditionFailed,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  428: ErrorCode.PreconditionRequired,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/** The single place where any thrown error becomes an RFC 9457 problem+json response. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const context = { instance: request.originalUrl, requestId: String(request.id ?? '') };

    if (exception instanceof AppError) {
      const problem = buildProblem(exception.code, exception.message, { ...context, errors: exception.options.errors });
      return sendProblem(response, problem, exception.options.retryAfterSeconds);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
      const problem = buildProblem(code, exception.message, context);
      return sendProblem(response, { ...problem, status }, undefined);
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string } | undefined)?.code;
      // Constraint violations that slipped past validation are still the caller's input, not our failure.
      if (pgCode === '23505') return sendProblem(response, buildProblem(ErrorCode.Conflict, 'A record with these values already exists', context));
      if (pgCode === '23503') {
        // Deleting something still referenced is a conflict with other records; inserting a dangling reference is bad input.
        return exception.message.startsWith('update or delete')
          ? sendProblem(response, buildProblem(ErrorCode.Conflict, 'Other records still refer to this one; remove or move them first', context))
          : sendProblem(response, buildProblem(ErrorCode.ValidationFailed, 'A referenced record does not exist', context));
      }
      if (pgCode === '22P02' || pgCode === '22001' || pgCode === '22003') {
        return sendProblem(response, buildProblem(ErrorCode.ValidationFailed, 'A value has the wrong format or is out of range', context));
      }
    }
    this.logger.error({ err: exception, requestId: context.requestId }, 'unhandled error');
    sendProblem(response, buildProblem(ErrorCode.Internal, 'An unexpected error occurred; it has been logged', context));
  }
}
