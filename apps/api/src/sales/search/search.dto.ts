import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../../platform/http/validation';
import { AccountDto } from '../accounts/account.dto';
import { ContactDto } from '../contacts/contact.dto';
import { LeadDto } from '../leads/lead.dto';

export class SearchQueryDto {
  /**
   * A substring of names (and of phones and emails you read unmasked), e.g. `恒达`. Trigram-indexed from 3
   * characters; 1–2 characters scan your scope (fine for small scopes, slower for a director over a million accounts).
   * @example 恒达
   */
  @IsString()
  @Length(1, 100)
  q!: string;

  /** At most this many per object type (default 10). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 10 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** The matches you may see, per object type, each as its list shows it (field rules applied), by name. */
export class SearchResultDto {
  accounts!: AccountDto[];
  contacts!: ContactDto[];
  /** Empty when you may not read leads. */
  leads!: LeadDto[];
}
