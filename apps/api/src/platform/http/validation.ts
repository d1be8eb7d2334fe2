import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';
import type { FieldErrorDto } from './problem.dto';

function flatten(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Body, query and path validation: unknown properties are refused, types are converted, every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const list = fieldErrors.length ? fieldErrors : [{ field: 'body', message: 'must be a JSON object' }];
      return new AppError(ErrorCode.ValidationFailed, `Invalid input: ${list.map((e) => e.field).join(', ')}`, { errors: list });
    },
  });
}

/** Path parameter that must be a UUID; a malformed one is a 400 naming the parameter, not a 500 or a 404. */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => AppError.validation(name, 'must be a UUID') });
}
