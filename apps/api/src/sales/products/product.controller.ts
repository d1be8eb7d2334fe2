import { Body, Controller, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { EffectivePriceDto, EffectivePriceQueryDto, ProductPriceDto } from '../price-lists/price-list.dto';
import { PriceListService } from '../price-lists/price-list.service';
import { CreateProductDto, ProductDto, ProductPageDto, ProductQueryDto, UpdateProductDto } from './product.dto';
import { ProductService } from './product.service';

/**
 * The product catalogue: read by every business role (partners: active products only); added to and changed by the
 * roles with `create` / `update` on `product` (sales director and finance by default). Field rules apply: `costPrice`
 * is omitted for most callers, and writing it without the right is 403 naming it.
 */
@ApiTags('products')
@Controller('products')
export class ProductController {
  constructor(
    private readonly products: ProductService,
    private readonly priceLists: PriceListService,
  ) {}

  /** Keyset pages by code (default) or name; `categoryId` includes the categories below it. */
  @Get()
  @Endpoint({ summary: 'List the products of the catalogue', errors: [403] })
  listProducts(@CurrentPrincipal() principal: Principal, @Query() query: ProductQueryDto): Promise<ProductPageDto> {
    return this.products.list(principal, query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a product', errors: [403, 404] })
  async getProduct(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<ProductDto> {
    return withEtag(response, await this.products.get(principal, id));
  }

  /** The code is trimmed and upper-cased; a taken code is 409 naming `code`. */
  @Post()
  @Endpoint({ summary: 'Create a product', errors: [403, 409] })
  async createProduct(@CurrentPrincipal() principal: Principal, @Body() dto: CreateProductDto, @Res({ passthrough: true }) response: Response): Promise<ProductDto> {
    return withEtag(response, await this.products.create(principal, dto));
  }

  /** Needs If-Match. Deactivate with `active: false` (products are never deleted: quotes refer to them). */
  @Patch(':id')
  @Endpoint({ summary: 'Update a product', errors: [403, 404, 409, 412, 428] })
  async updateProduct(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProductDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProductDto> {
    return withEtag(response, await this.products.update(principal, id, dto, version));
  }

  /** Its entries in every price list, default lists first. Needs the right to read price lists (403). */
  @Get(':id/prices')
  @Endpoint({ summary: 'List the prices of a product', errors: [403, 404] })
  listProductPrices(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ProductPriceDto[]> {
    return this.priceLists.pricesOfProduct(principal, id);
  }

  /**
   * The unit price a quote would use: the default list of the currency valid on the date, the lowest of its list
   * price and the tiers the quantity reaches; `price` null when there is none.
   */
  @Get(':id/effective-price')
  @Endpoint({ summary: 'Get the effective unit price of a product', errors: [403, 404] })
  getProductEffectivePrice(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: EffectivePriceQueryDto): Promise<EffectivePriceDto> {
    return this.priceLists.effectivePriceFor(principal, id, query);
  }
}

function withEtag<T extends { version: number }>(response: Response, body: T): T {
  setVersionEtag(response, body.version);
  return body;
}
