import { applyDecorators, ArgumentMetadata, Param, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches, ValidateIf } from 'class-validator';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';
import type { FieldErrorDto } from './problem.dto';

function flatten(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  return errors.flatMap((error) => {
    // Array items are named like JavaScript does: `lines[2].discountPercent`.
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Body, query and path validation: unknown properties are refused, types are converted, every error names its
 * field, and a body must be a JSON object (not an array, string, null, or missing).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && !isPlainObject(value)) {
      throw AppError.validation('body', value === undefined ? 'is required (a JSON object)' : 'must be a JSON object');
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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

/**
 * An optional property that, when present, must be valid: unlike class-validator's @IsOptional, `null` is not a
 * way around the other rules. (Properties that may be cleared use @IsOptional and are typed `| null`.)
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** An optional RFC 3339 date-time with a time zone and a real calendar date, e.g. `2026-11-23T08:00:00Z`. */
export function IsOptionalDateTime(): PropertyDecorator {
  return applyDecorators(
    Optional(),
    ApiPropertyOptional({ type: 'string', format: 'date-time' }),
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, { message: '$property must be a date-time with a time zone, e.g. 2026-11-23T08:00:00Z' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date and time' }),
  );
}

const PHONE = /^\+?[0-9 ()-]{5,30}$/;

/** Phones as people write them: digits, spaces, +, -, parentheses; 5–30 characters. */
export function IsPhone(): PropertyDecorator {
  return applyDecorators(
    Matches(PHONE, { message: '$property must be 5–30 digits, spaces, +, -, ( or )' }),
    ApiPropertyOptional({ type: 'string', pattern: PHONE.source, example: '+86 138 0013 8000' }),
  );
}

/** Path parameter that must be a UUID; a malformed one is a 400 naming the parameter, not a 500 or a 404. */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => AppError.validation(name, 'must be a UUID') });
}

/** `@UuidParam('id') id: string`: validated as a UUID and documented as one. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, uuidPipe(name))(target, key, index);
    if (key !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) ApiParam({ name, type: 'string', format: 'uuid', required: true })(target, key, descriptor);
    }
  };
}
