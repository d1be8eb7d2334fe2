import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { IsOptionalDateTime, Optional } from '../../platform/http/validation';
import { ApiKeyEntity, ApiKeyRevocation } from './api-key.entity';

export class CreateApiKeyDto {
  /** What the key is for, to recognise it later. @example ERP order sync */
  @IsString()
  @Length(1, 100)
  name!: string;

  /** When the key stops working: in the future and at most 365 days ahead; 365 days from now when left out. */
  @IsOptionalDateTime()
  expiresAt?: string;
}

export class ApiKeyQueryDto extends PageQueryDto {
  /** Only this user's keys. */
  @Optional()
  @IsUUID()
  userId?: string;
}

/** An API key as lists show it: never its secret. */
export class ApiKeyDto {
  id!: string;
  /** The user the key acts as. */
  userId!: string;
  /** @example ERP order sync */
  name!: string;
  /** The start of the key (`lxk_` and its public id part), to recognise it; not a secret. @example lxk_3f9c2a7d41b0e865 */
  prefix!: string;
  createdAt!: Date;
  expiresAt!: Date;
  /** Updated at most once a minute. */
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
  // A plain string to the Swagger plugin: a named enum's $ref cannot be nullable in OpenAPI 3.0.
  @ApiProperty({ type: 'string', enum: Object.values(ApiKeyRevocation), nullable: true, description: 'Why it was revoked: by its user, by an administrator, or because its user was deactivated' })
  revokedReason!: `${ApiKeyRevocation}` | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /**
   * The whole API key, to send as `X-API-Key: …` or `Authorization: Bearer …`. Shown only in this response: store
   * it now; the server keeps only a hash and can never show it again.
   * @example lxk_3f9c2a7d41b0e865_q2Zr0kO1vS3m6yq4Jm1xq2bZb0n4v9dJ2mC8wH7eT5A
   */
  secret!: string;
}

export class ApiKeyPageDto {
  data!: ApiKeyDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

export function toApiKeyDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    userId: key.userId,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    revokedReason: key.revokedReason,
  };
}
