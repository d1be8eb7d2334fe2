import { ErrorCode } from './error-code';
import type { FieldErrorDto } from './problem.dto';

/** The one exception type services throw; the problem filter turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { errors?: FieldErrorDto[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  static validation(field: string, message: string): AppError {
    return new AppError(ErrorCode.ValidationFailed, `Invalid ${field}: ${message}`, { errors: [{ field, message }] });
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NotFound, `${what} not found`);
  }
}
