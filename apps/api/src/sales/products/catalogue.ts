import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';

/** A non-negative decimal string with at most two decimals; never a JSON number. */
export const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
export const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A money input: a decimal string (a JSON number is 400). */
export function IsMoney(required = true): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: 'string', pattern: MONEY.source, example: '1380000.00' }),
    IsString(),
    Matches(MONEY, { message: '$property must be a non-negative decimal string with at most 2 decimals, e.g. 1380000.00' }),
  );
}

/** An ISO 4217 currency code. */
export function IsCurrency(required = true): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: 'string', pattern: CURRENCY.source, example: 'CNY' }),
    IsString(),
    Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' }),
  );
}

/** Every ISO 4217 code this runtime knows: a well-formed but made-up code (`XYZ`) is refused rather than stored. */
export const KNOWN_CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

/** An ISO 4217 code this runtime knows (`XYZ` is 400 as well as `usd`). */
export function IsKnownCurrency(required = true): PropertyDecorator {
  return applyDecorators(IsCurrency(required), IsIn(KNOWN_CURRENCIES, { message: '$property must be a known ISO 4217 currency code' }));
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsCalendarDate(required = true, nullable = false): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: 'string', format: 'date', example: '2027-01-01', nullable: nullable || undefined }),
    IsString(),
    Matches(DATE, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' }),
  );
}

/** The catalogue actions: reading it, and adding to or changing it (no deletes: products and lists are deactivated). */
export type CatalogueAction = AccessAction.Read | AccessAction.Create | AccessAction.Update;

const LABEL: Partial<Record<ObjectType, string>> = { [ObjectType.Product]: 'the product catalogue', [ObjectType.PriceList]: 'price lists' };

/**
 * The catalogue (products, their categories, price lists) is not owned records: a level other than `none` for the
 * action is the whole right. 403 otherwise. Answers the caller's access, for field rules.
 */
export async function catalogueAccess(access: AccessService, principal: Principal, objectType: ObjectType.Product | ObjectType.PriceList, action: CatalogueAction): Promise<ObjectAccess> {
  const objectAccess = await access.forObject(principal, objectType);
  if (objectAccess.level(action) === AccessLevel.None) {
    const verb = action === AccessAction.Read ? 'read' : action === AccessAction.Create ? 'add to' : 'change';
    throw new AppError(ErrorCode.Forbidden, `You may not ${verb} ${LABEL[objectType]}`);
  }
  return objectAccess;
}

/** Changes between two snapshots for the audit log, only fields that moved. */
export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const field of fields) {
    if (after[field] === undefined) continue;
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) changes[field] = { old: before[field] ?? null, new: after[field] };
  }
  return changes;
}

/** Whether a PostgreSQL error is the violation of the named unique constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
