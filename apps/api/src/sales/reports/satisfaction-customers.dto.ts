import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsString, IsUUID, Matches } from 'class-validator';
import { ExportFormat, IsExportFormat } from '../../access/export-file';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { DATE, SatisfactionItemBy, SatisfactionWindowDto } from './satisfaction.dto';

/** Which customers of the satisfaction report's figures. */
export enum SatisfactionCustomerKind {
  /** Active in the period before `start`'s and not in it (the period's `churnedCustomers`). */
  Churned = 'churned',
  /** Their first order in the period (`attractedCustomers`), or in the window with `item` on that day (an item's). */
  Attracted = 'attracted',
}

/**
 * The customers behind one figure of `GET /reports/satisfaction`: the report's own `from`, `to` and `period`, which
 * figure (`kind`), and either a period of the window (`start`, as the report's `periods[].start`) or a service item
 * (`itemBy`, `item`: its attracted customers over the window) — or both.
 */
export class SatisfactionCustomersQueryDto extends IntersectionType(PageQueryDto, SatisfactionWindowDto) {
  @ApiProperty({ enum: SatisfactionCustomerKind, enumName: 'SatisfactionCustomerKind' })
  @IsEnum(SatisfactionCustomerKind)
  kind!: SatisfactionCustomerKind;

  /** One period of the window: its first day (`periods[].start` of the report). Required for `churned`. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-04-01' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  start?: string;

  /** What `item` is: a product category (default) or a product. */
  @Optional()
  @IsEnum(SatisfactionItemBy)
  itemBy?: SatisfactionItemBy;

  /** A service item (`items[].key` of the report): only customers whose first purchase day included it (`attracted` only). */
  @ApiPropertyOptional({ type: 'string', format: 'uuid' })
  @Optional()
  @IsUUID()
  item?: string;
}

export class SatisfactionCustomersExportQueryDto extends SatisfactionCustomersQueryDto {
  @IsExportFormat()
  format?: ExportFormat;
}

/** One customer behind a satisfaction figure. */
export class SatisfactionCustomerDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;
  /** The account's name as you may read it (masked by field rules); null when you may not see the account or its name. */
  @ApiProperty({ type: 'string', nullable: true })
  name!: string | null;
  /** Whether you may open the account (its page). */
  accountVisible!: boolean;
  /** Their first order day among the orders you may read (cancelled ones excepted). */
  @ApiProperty({ type: 'string', format: 'date' })
  firstOrderOn!: string;
  /** Their last order day among those orders, up to the end of the period (or window) drilled into. */
  @ApiProperty({ type: 'string', format: 'date' })
  lastOrderOn!: string;
}

export class SatisfactionCustomerPageDto {
  data!: SatisfactionCustomerDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
  @ApiProperty({ enum: SatisfactionCustomerKind, enumName: 'SatisfactionCustomerKind' })
  kind!: SatisfactionCustomerKind;
  /** The days drilled into: the period of `start`, or the whole window. */
  @ApiProperty({ type: 'string', format: 'date' })
  from!: string;
  @ApiProperty({ type: 'string', format: 'date' })
  to!: string;
}
