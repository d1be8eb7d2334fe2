import { Body, Controller, Delete, Get, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import {
  CreatePriceListDto,
  PriceListDto,
  PriceListEntryDto,
  PriceListEntryPageDto,
  PriceListEntryQueryDto,
  PriceListQueryDto,
  PutPriceListEntryDto,
  UpdatePriceListDto,
} from './price-list.dto';
import { PriceListService } from './price-list.service';

/**
 * Price lists per currency with their entries and quantity tiers: read by the business roles that deal with prices
 * (not the quality inspector); changed with `create` / `update` on `price_list` (sales director and finance).
 * Money is always a decimal string.
 */
@ApiTags('price-lists')
@Controller('price-lists')
export class PriceListController {
  constructor(private readonly priceLists: PriceListService) {}

  @Get()
  @Endpoint({ summary: 'List the price lists', errors: [403] })
  listPriceLists(@CurrentPrincipal() principal: Principal, @Query() query: PriceListQueryDto): Promise<PriceListDto[]> {
    return this.priceLists.list(principal, query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a price list', errors: [403, 404] })
  async getPriceList(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<PriceListDto> {
    return withEtag(response, await this.priceLists.get(principal, id));
  }

  /** `isDefault: true` makes it the default of its currency (the previous default stops being one). */
  @Post()
  @Endpoint({ summary: 'Create a price list', errors: [403, 409] })
  async createPriceList(@CurrentPrincipal() principal: Principal, @Body() dto: CreatePriceListDto, @Res({ passthrough: true }) response: Response): Promise<PriceListDto> {
    return withEtag(response, await this.priceLists.create(principal, dto));
  }

  /** Needs If-Match. */
  @Patch(':id')
  @Endpoint({ summary: 'Update a price list', errors: [403, 404, 409, 412, 428] })
  async updatePriceList(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePriceListDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PriceListDto> {
    return withEtag(response, await this.priceLists.update(principal, id, dto, version));
  }

  /** By product code; partners see the entries of active products only. */
  @Get(':id/entries')
  @Endpoint({ summary: 'List the entries of a price list', errors: [403, 404] })
  listPriceListEntries(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PriceListEntryQueryDto): Promise<PriceListEntryPageDto> {
    return this.priceLists.entries(principal, id, query);
  }

  /** Adds or replaces the product's entry and its tiers. If-Match (the list's ETag) is optional; 412 when stale. */
  @Put(':id/entries/:productId')
  @Endpoint({ summary: 'Set the price of a product in a price list', errors: [403, 404, 412] })
  putPriceListEntry(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @UuidParam('productId') productId: string,
    @Body() dto: PutPriceListEntryDto,
    @IfMatchVersion() version: number | undefined,
  ): Promise<PriceListEntryDto> {
    return this.priceLists.putEntry(principal, id, productId, dto, version);
  }

  /** If-Match (the list's ETag) is optional; 412 when stale. */
  @Delete(':id/entries/:productId')
  @Endpoint({ summary: 'Remove a product from a price list', status: 204, errors: [403, 404, 412] })
  deletePriceListEntry(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('productId') productId: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.priceLists.deleteEntry(principal, id, productId, version);
  }
}

function withEtag(response: Response, list: PriceListDto): PriceListDto {
  setVersionEtag(response, list.version);
  return list;
}
