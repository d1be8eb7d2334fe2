import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { SearchQueryDto, SearchResultDto } from './search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  /**
   * Accounts, contacts and leads you may see whose name (leads: or company) contains `q` — or whose phone, mobile
   * or email does, where you read those unmasked. Each list is sorted by name, at most `limit` long; field rules
   * apply to what is shown.
   */
  @Get()
  @Endpoint({ summary: 'Search accounts, contacts and leads' })
  search(@CurrentPrincipal() principal: Principal, @Query() query: SearchQueryDto): Promise<SearchResultDto> {
    return this.searches.search(principal, query);
  }
}
