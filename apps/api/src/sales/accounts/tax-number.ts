import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const TAX_NUMBER_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character. */
export function isTaxNumber(value: unknown): boolean {
  if (typeof value !== 'string' || !TAX_NUMBER_PATTERN.test(value)) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + CHARS.indexOf(value[i]) * weight, 0);
  return CHARS[(31 - (sum % 31)) % 31] === value[17];
}

export function IsTaxNumber(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isTaxNumber',
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message: '$property must be an 18-character unified social credit code with a valid check character', ...options },
        validator: { validate: (value: unknown) => isTaxNumber(value) },
      }),
    ApiPropertyOptional({ type: 'string', pattern: TAX_NUMBER_PATTERN.source, example: '91320300MA1MABCD1G', minLength: 18, maxLength: 18 }),
  );
}

const WEBSITE = /^https?:\/\/[^\s/?#]+\.[^\s]+$/;

/** A web address: http(s)://, a host with a dot, no spaces; at most 300 characters. */
export function IsWebsite(): PropertyDecorator {
  return applyDecorators(
    Matches(WEBSITE, { message: '$property must be a web address starting with http:// or https://' }),
    MaxLength(300),
    ApiPropertyOptional({ type: 'string', pattern: WEBSITE.source, maxLength: 300, example: 'https://www.xzhd.example.cn' }),
  );
}
