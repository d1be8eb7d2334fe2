import { OmitType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { ExportFormat, IsExportFormat } from '../../access/export-file';
import { IsExportSelection } from '../../access/record-export';
import { IsPhone, Optional } from '../../platform/http/validation';
import { CsvImportOptionsDto } from '../../access/record-import.dto';
import { ContactEntity } from './contact.entity';

/** A contact as the caller may see it: fields the caller may not read are omitted, masked ones masked. */
export class ContactDto extends BusinessRecordDto {
  accountId?: string;
  /** The account's name as you may read it (in the contacts list; absent when you may not see the account or its name). */
  accountName?: string;
  /** @example 李建国 */
  name?: string;
  /** @example 采购经理 */
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  mobile?: string | null;
  /** @example 采购部 */
  department?: string | null;
  /** The account's main contact. */
  isPrimary?: boolean;
}

export class ContactPageDto {
  data!: ContactDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** Every record you may see that matches, when asked with `withTotal=true`. */
  total?: number;
}

/** Sort orders of contact lists; `-` means descending. */
export enum ContactSort {
  Name = 'name',
  NameDesc = '-name',
  Title = 'title',
  TitleDesc = '-title',
}

export class ContactQueryDto extends RecordPageQueryDto {
  /** Default `name`. */
  @Optional()
  @IsEnum(ContactSort)
  sort?: ContactSort;

  /** Substring of the name, or of the phone, mobile or email when you read them unmasked. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsUUID()
  accountId?: string;
}

export class CreateContactDto extends CreateBusinessRecordDto {
  /** An account you can see. */
  @IsUUID()
  accountId!: string;

  /** @example 李建国 */
  @IsString()
  @Length(1, 200)
  name!: string;

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
  @IsPhone()
  mobile?: string;

  /** @example 采购部 */
  @Optional()
  @IsString()
  @Length(1, 100)
  department?: string;

  /** Default false. */
  @Optional()
  @IsBoolean()
  isPrimary?: boolean;
}

export class UpdateContactDto extends UpdateBusinessRecordDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

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

  /** null clears it. */
  @IsOptional()
  @IsPhone()
  mobile?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  department?: string | null;

  @Optional()
  @IsBoolean()
  isPrimary?: boolean;
}

export class ImportContactsDto extends CsvImportOptionsDto {
  /**
   * UTF-8 CSV text (a leading byte order mark is ignored) with a header row. Columns by field name or Chinese label:
   * name/姓名 (required), account/客户 (an account you can read, by its id or its name — compared like duplicates,
   * case, spaces and punctuation ignored; a name shared by several accounts needs the id), title/职务,
   * department/部门, phone/电话, mobile/手机, email/邮箱. At most 5,000 rows.
   */
  @IsString()
  @Length(1, 900_000)
  csv!: string;

  /** The account of rows without an account cell (an account you can read; 400 otherwise). */
  @Optional()
  @IsUUID()
  accountId?: string;
}

/** A row of a contact import: a create, with its account named by id or name (resolved before it is written). */
export class ContactImportRowDto extends OmitType(CreateContactDto, ['accountId', 'isPrimary', 'ownerId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'] as const) {
  @Optional()
  @IsString()
  @Length(1, 200)
  account?: string;

  /** Set by the import from `account` (never a column). */
  declare accountId?: string;
}

export const CONTACT_FIELDS = ['accountId', 'name', 'title', 'phone', 'email', 'mobile', 'department', 'isPrimary'] as const;

export function toContactDto(contact: ContactEntity): ContactDto {
  return toBusinessRecordDto<ContactDto>(contact, {
    accountId: contact.accountId,
    name: contact.name,
    title: contact.title,
    phone: contact.phone,
    email: contact.email,
    mobile: contact.mobile,
    department: contact.department,
    isPrimary: contact.isPrimary,
  });
}

/** The list's filters, search and sort, for the whole result instead of a page. */
export class ContactExportQueryDto extends OmitType(ContactQueryDto, ['limit', 'cursor', 'withTotal'] as const) {
  @IsExportSelection()
  ids?: string[];

  @IsExportFormat()
  format?: ExportFormat;
}
