import { Body, Controller, Get, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { CreateProductCategoryDto, ProductCategoryDto, UpdateProductCategoryDto } from './product.dto';
import { ProductService } from './product.service';

/** The product category tree: read with the catalogue; changed with `create` / `update` on `product`. */
@ApiTags('products')
@Controller('product-categories')
export class ProductCategoryController {
  constructor(private readonly products: ProductService) {}

  /** The whole tree in tree order (parents before children), with each node's depth. */
  @Get()
  @Endpoint({ summary: 'List the product category tree', errors: [403] })
  listProductCategories(@CurrentPrincipal() principal: Principal): Promise<ProductCategoryDto[]> {
    return this.products.listCategories(principal);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a product category', errors: [403, 404] })
  async getProductCategory(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<ProductCategoryDto> {
    const category = await this.products.getCategory(principal, id);
    setVersionEtag(response, category.version);
    return category;
  }

  @Post()
  @Endpoint({ summary: 'Create a product category', errors: [403] })
  async createProductCategory(@CurrentPrincipal() principal: Principal, @Body() dto: CreateProductCategoryDto, @Res({ passthrough: true }) response: Response): Promise<ProductCategoryDto> {
    const category = await this.products.createCategory(principal, dto);
    setVersionEtag(response, category.version);
    return category;
  }

  /** Needs If-Match. Moving takes the subtree along; not below itself (400 naming parentId). */
  @Patch(':id')
  @Endpoint({ summary: 'Rename, reorder or move a product category', errors: [403, 404, 412, 428] })
  async updateProductCategory(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProductCategoryDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProductCategoryDto> {
    const category = await this.products.updateCategory(principal, id, dto, version);
    setVersionEtag(response, category.version);
    return category;
  }
}
