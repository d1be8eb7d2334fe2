import { CsvImportOptionsDto } from '../../access/record-import.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { IsPhone, Optional } from '../../platform/http/validation';
import { AccountDto } from '../accounts/account.dto';
import { LeadEntity, LeadRating, LeadSource, LeadStatus } from './lead.entity';

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** A lead as the caller may see it: fields the caller may not read are omitted, masked ones masked. */
export class LeadDto extends BusinessRecordDto {
  /** The person. @example 陈志远 */
  name?: string;
  /** @example 苏州宏图建设工程有限公司 */
  company?: string | null;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource' })
  source?: LeadSource;
  @ApiPropertyOptional({ enum: LeadStatus, enumName: 'LeadStatus' })
  status?: LeadStatus;
  /** Why it was disqualified (only for `disqualified`). */
  disqualifiedReason?: string | null;
  /** hot, warm or cold (a LeadRating). */
  @ApiPropertyOptional({ type: 'string', enum: ['hot', 'warm', 'cold'], nullable: true })
  rating?: string | null;
  region?: string | null;
  industry?: string | null;
  notes?: string | null;
  /** When it was converted (status `converted`), with the records it became. */
  convertedAt?: Date | null;
  convertedAccountId?: string | null;
  convertedContactId?: string | null;
  convertedOpportunityId?: string | null;
}

export class LeadPageDto {
  data!: LeadDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** Every record you may see that matches, when asked with `withTotal=true`. */
  total?: number;
}

/** Sort orders of lead lists; `-` means descending. */
export enum LeadSort {
  Name = 'name',
  NameDesc = '-name',
  Company = 'company',
  CompanyDesc = '-company',
  CreatedAt = 'createdAt',
  CreatedAtDesc = '-createdAt',
}

export class LeadQueryDto extends RecordPageQueryDto {
  /** Default `name`. */
  @Optional()
  @IsEnum(LeadSort)
  sort?: LeadSort;

  /** Substring of the name or the company. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @ApiPropertyOptional({ enum: LeadStatus, enumName: 'LeadStatus' })
  @IsEnum(LeadStatus)
  status?: LeadStatus;

  @Optional()
  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource' })
  @IsEnum(LeadSource)
  source?: LeadSource;

  @Optional()
  @IsUUID()
  ownerId?: string;
}

/** The lead's own fields, shared by the create DTO, the CSV import's rows and the public web form. */
export class LeadFieldsDto {
  /** The person. @example 陈志远 */
  @IsString()
  @Length(1, 200)
  name!: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  company?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  title?: string;

  @Optional()
  @IsPhone()
  phone?: string;

  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @Optional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class CreateLeadDto extends CreateBusinessRecordDto {
  /** The person. @example 陈志远 */
  @IsString()
  @Length(1, 200)
  name!: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  company?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  title?: string;

  @Optional()
  @IsPhone()
  phone?: string;

  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** Default `manual`. */
  @Optional()
  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource' })
  @IsEnum(LeadSource)
  source?: LeadSource;

  @Optional()
  @ApiPropertyOptional({ enum: LeadRating, enumName: 'LeadRating' })
  @IsEnum(LeadRating)
  rating?: LeadRating;

  @Optional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @Optional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

/** Statuses a PATCH may set; `converted` only comes from the convert operation. */
export enum LeadWritableStatus {
  New = 'new',
  Contacted = 'contacted',
  Qualified = 'qualified',
  Disqualified = 'disqualified',
}

export class UpdateLeadDto extends UpdateBusinessRecordDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  company?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  title?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Optional()
  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource' })
  @IsEnum(LeadSource)
  source?: LeadSource;

  /** `disqualified` needs `disqualifiedReason`; leaving it clears the reason. `converted` only by converting. */
  @Optional()
  @ApiPropertyOptional({ enum: LeadWritableStatus, enumName: 'LeadWritableStatus' })
  @IsEnum(LeadWritableStatus)
  status?: LeadWritableStatus;

  @Optional()
  @IsString()
  @Length(1, 500)
  disqualifiedReason?: string;

  /** null clears it. */
  @IsOptional()
  @ApiPropertyOptional({ type: 'string', enum: ['hot', 'warm', 'cold'], nullable: true })
  @IsEnum(LeadRating)
  rating?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

/** The optional opportunity a conversion creates; defaults: the lead's company as name, the default pipeline's first open stage. */
export class ConvertOpportunityDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  /** Default: the default pipeline. */
  @Optional()
  @IsUUID()
  pipelineId?: string;

  @Optional()
  @IsUUID()
  stageId?: string;

  @ApiPropertyOptional({ type: 'string', pattern: AMOUNT.source, example: '1234567.89' })
  @Optional()
  @IsString()
  @Matches(AMOUNT, { message: '$property must be a non-negative decimal string with at most 2 decimals, e.g. 1234567.89' })
  amount?: string;

  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  currency?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-03-31' })
  @Optional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  expectedCloseDate?: string;
}

export class ConvertLeadDto {
  /**
   * An existing account you can see to attach the contact (and opportunity) to. Without it, a live account you can
   * read whose normalised name equals the lead's company (or its name, for a person) is used; only when there is
   * none is a new account created.
   */
  @Optional()
  @IsUUID()
  accountId?: string;

  /** Also create an opportunity on the account. */
  @Optional()
  @ValidateNested()
  @Type(() => ConvertOpportunityDto)
  opportunity?: ConvertOpportunityDto;
}

export class LeadConversionDto {
  /** The lead, now `converted`. */
  lead!: LeadDto;
  accountId!: string;
  /** true when an existing account was used (named or matched by name), false when one was created. */
  accountExisted!: boolean;
  contactId!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  opportunityId!: string | null;
}

export class ConversionMatchesDto {
  /** Live accounts you can read whose normalised name equals the lead's company (or name): the first is what convert uses. */
  accounts!: AccountDto[];
}

export class ImportLeadsDto extends CsvImportOptionsDto {
  /**
   * UTF-8 CSV text (a leading byte order mark is ignored) with a header row. Columns by field name or Chinese label:
   * name/姓名 (required), company/公司, title/职务, phone/电话, email/邮箱, source/来源, rating/评级, region/地区,
   * industry/行业, notes/备注. At most 5,000 rows.
   */
  @IsString()
  @Length(1, 900_000)
  csv!: string;
}

/** The public web form: who the lead is, which form sent it, and a honeypot that people leave empty. */
export class WebLeadDto extends LeadFieldsDto {
  /** The form's key, configured on the server (`WEB_LEAD_FORMS`): decides the owner of the lead. */
  @IsString()
  @Length(1, 100)
  formKey!: string;

  /** Leave empty (hidden on the form): a filled one marks a bot; the request is accepted and dropped. */
  @Optional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

export class WebLeadReceiptDto {
  /** Always true: a bot's request is answered the same, so it learns nothing. */
  received!: boolean;
}

export const LEAD_FIELDS = [
  'name', 'company', 'title', 'phone', 'email', 'source', 'status', 'disqualifiedReason', 'rating', 'region', 'industry', 'notes',
  'convertedAt', 'convertedAccountId', 'convertedContactId', 'convertedOpportunityId',
] as const;

export function toLeadDto(lead: LeadEntity): LeadDto {
  return toBusinessRecordDto<LeadDto>(lead, {
    name: lead.name,
    company: lead.company,
    title: lead.title,
    phone: lead.phone,
    email: lead.email,
    source: lead.source,
    status: lead.status,
    disqualifiedReason: lead.disqualifiedReason,
    rating: lead.rating,
    region: lead.region,
    industry: lead.industry,
    notes: lead.notes,
    convertedAt: lead.convertedAt,
    convertedAccountId: lead.convertedAccountId,
    convertedContactId: lead.convertedContactId,
    convertedOpportunityId: lead.convertedOpportunityId,
  });
}
