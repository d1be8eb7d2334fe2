import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { UuidParam } from '../../platform/http/validation';
import { AccountSummaryDto } from './account-summary.dto';
import { AccountSummaryService } from './account-summary.service';

@ApiTags('accounts')
@Controller('accounts')
export class AccountSummaryController {
  constructor(private readonly summaries: AccountSummaryService) {}

  /**
   * The account 360° page's key figures over the records you may read: open pipeline (amount and weighted, per
   * currency), opportunities won this year (by the date they were won), open quotes and orders, receivables. A figure
   * over a field you may not read is null and listed in `omitted`; an account you may not see is 404.
   */
  @Get(':id/summary')
  @Endpoint({ summary: 'Get an account\'s key figures', errors: [404] })
  getAccountSummary(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<AccountSummaryDto> {
    return this.summaries.summary(principal, id);
  }
}
