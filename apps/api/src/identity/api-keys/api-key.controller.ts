import { Body, Controller, Delete, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { PageQueryDto } from '../../platform/http/pagination';
import { UuidParam } from '../../platform/http/validation';
import { CurrentPrincipal, CurrentSession } from '../auth/current-principal.decorator';
import type { Principal, SessionPrincipal } from '../auth/principal';
import { ADMINISTRATION } from '../roles/role-key';
import { ApiKeyPageDto, ApiKeyQueryDto, CreateApiKeyDto, CreatedApiKeyDto, toApiKeyDto } from './api-key.dto';
import { ApiKeyService } from './api-key.service';

/** Self-service: each user makes keys that act as themselves, so nobody gains a right they do not hold. */
@ApiTags('api-keys')
@Controller('me/api-keys')
export class MyApiKeyController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  /**
   * The key acts as you: your roles, team, partner account and field rules as they are at each request. The whole
   * key is in `secret`, in this response only. Needs a signed-in session: an API key cannot make more keys.
   */
  @Post()
  @Endpoint({ summary: 'Create an API key that acts as you', sessionOnly: true, errors: [409] })
  async createMyApiKey(@CurrentSession() principal: SessionPrincipal, @Body() dto: CreateApiKeyDto, @Res({ passthrough: true }) response: Response): Promise<CreatedApiKeyDto> {
    const { apiKey, secret } = await this.apiKeys.create(principal, dto);
    response.setHeader('Cache-Control', 'no-store');
    return { ...toApiKeyDto(apiKey), secret };
  }

  /** Newest first, revoked and expired keys included; never a secret. */
  @Get()
  @Endpoint({ summary: 'List your API keys' })
  async listMyApiKeys(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.apiKeys.listOwn(principal, query);
    return { data: page.data.map(toApiKeyDto), nextCursor: page.nextCursor };
  }

  /** Stops the key at once. Revoking a revoked key succeeds and changes nothing. */
  @Delete(':id')
  @Endpoint({ summary: 'Revoke one of your API keys', status: 204, errors: [404] })
  async revokeMyApiKey(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.apiKeys.revokeOwn(principal, id);
  }
}


/** Security oversight: administrators see and revoke every key, but cannot make one for anybody else. */
@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeyController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Get()
  @Endpoint({ summary: 'List all API keys (or one user\'s), newest first', ...ADMINISTRATION })
  async listApiKeys(@Query() query: ApiKeyQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.apiKeys.list(query);
    return { data: page.data.map(toApiKeyDto), nextCursor: page.nextCursor };
  }

  /** Stops the key at once; its user sees `revokedReason: administrator`. Revoking a revoked key changes nothing. */
  @Delete(':id')
  @Endpoint({ summary: 'Revoke any user\'s API key', ...ADMINISTRATION, status: 204, errors: [404] })
  async revokeApiKey(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.apiKeys.revoke(principal, id);
  }
}
