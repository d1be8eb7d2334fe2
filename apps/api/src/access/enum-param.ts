import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { AppError } from '../platform/http/app-error';

/** A path parameter that must be one of an enum's values: 400 naming it otherwise, never a 404 or a 500. */
class EnumPipe implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly values: string[],
  ) {}

  transform(value: string): string {
    if (!this.values.includes(value)) throw AppError.validation(this.name, `must be one of ${this.values.join(', ')}`);
    return value;
  }
}

/** `@EnumParam('roleKey', RoleKey, 'sales_rep') roleKey: RoleKey`: validated against the enum and documented as one. */
export function EnumParam(name: string, values: Record<string, string>, example: string): ParameterDecorator {
  const list = Object.values(values);
  return (target, key, index) => {
    Param(name, new EnumPipe(name, list))(target, key, index);
    const descriptor = key !== undefined ? Object.getOwnPropertyDescriptor(target, key) : undefined;
    if (key !== undefined && descriptor) ApiParam({ name, required: true, schema: { type: 'string', enum: list, example } })(target, key, descriptor);
  };
}
