import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BulkReassignDto, BulkReassignResultDto } from '../../access/bulk-reassign.dto';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint, ExportResponse } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { UuidParam } from '../../platform/http/validation';
import { PageQueryDto } from '../../platform/http/pagination';
import { ImportResultDto } from '../../access/record-import.dto';
import {
  AccountDto,
  AccountDuplicateDto,
  AccountDuplicatesQueryDto,
  AccountExportQueryDto,
  AccountMergeDto,
  AccountPageDto,
  AccountQueryDto,
  CreateAccountDto,
  ImportAccountsDto,
  MergeAccountDto,
  UpdateAccountDto,
} from './account.dto';
import { AccountService } from './account.service';

/** Every route here goes through the permission engine: what a caller may not see does not exist for them. */
@ApiTags('accounts')
@Controller('accounts')
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  /** Sorting, filtering or searching by a field you may not read is refused (400). */
  @Get()
  @Endpoint({ summary: 'List the accounts you may see' })
  listAccounts(@CurrentPrincipal() principal: Principal, @Query() query: AccountQueryDto): Promise<AccountPageDto> {
    return this.accounts.list(principal, query);
  }

  /**
   * Every account you may see matching the list's filters, search and sort, as a CSV file (UTF-8 with BOM, for Excel)
   * or, with `format=xlsx`, an Excel workbook: columns you may not read are left out, masked ones masked. Over 100,000 rows is refused (400): filter first.
   * Each export is audited.
   */
  @Get('export')
  @Endpoint({ summary: 'Export the accounts you may see as CSV or Excel' })
  @ExportResponse('The accounts as CSV or an Excel workbook (`format`), one header row')
  exportAccounts(@CurrentPrincipal() principal: Principal, @Query() query: AccountExportQueryDto, @Res() response: Response): Promise<void> {
    return this.accounts.export(principal, query, response);
  }

  /**
   * Accounts deleted on their own (an account's contacts go with it and are not listed apart) that you may delete,
   * most recently deleted first, with `deletedAt` and `deletedBy`. The same right restores them.
   */
  @Get('recycle-bin')
  @Endpoint({ summary: 'List the accounts in your recycle bin' })
  listDeletedAccounts(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<AccountPageDto> {
    return this.accounts.recycleBin(principal, query);
  }

  /**
   * Live accounts you can read with the same normalised name (case, spaces and punctuation ignored), phone (its
   * digits) or email (case ignored) — for a form to warn while the user types. Phone and email are compared only
   * if you read them unmasked; at most 10, oldest first. Empty when nothing is given.
   */
  @Get('duplicates')
  @Endpoint({ summary: 'Find possible duplicates of an account' })
  findAccountDuplicates(@CurrentPrincipal() principal: Principal, @Query() query: AccountDuplicatesQueryDto): Promise<AccountDuplicateDto[]> {
    return this.accounts.duplicates(principal, query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an account', errors: [404] })
  async getAccount(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<AccountDto> {
    const account = await this.accounts.get(principal, id);
    setVersionEtag(response, account.version);
    return account;
  }

  /**
   * Fields you may not edit are refused with 403 naming them. The account is created even when it looks like one
   * that exists: `possibleDuplicates` lists those you can read (same normalised name, phone or email).
   */
  @Post()
  @Endpoint({ summary: 'Create an account', errors: [403] })
  async createAccount(@CurrentPrincipal() principal: Principal, @Body() dto: CreateAccountDto, @Res({ passthrough: true }) response: Response): Promise<AccountDto> {
    const account = await this.accounts.create(principal, dto);
    setVersionEtag(response, account.version);
    return account;
  }

  /** Needs If-Match. 404 if you cannot see it, 403 if you may see but not change it (or a field of it). */
  @Patch(':id')
  @Endpoint({ summary: 'Update or reassign an account', errors: [403, 404, 412, 428] })
  async updateAccount(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateAccountDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountDto> {
    const account = await this.accounts.update(principal, id, dto, version);
    setVersionEtag(response, account.version);
    return account;
  }

  /** Needs If-Match. Moves the account and its contacts to the recycle bin (restorable); shares and history stay. */
  @Delete(':id')
  @Endpoint({ summary: 'Delete an account (to the recycle bin)', status: 204, errors: [403, 404, 412, 428] })
  deleteAccount(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.accounts.remove(principal, id, version);
  }

  /**
   * A CSV file (in JSON, as `csv`) with a header row: valid rows become accounts in one transaction, each invalid row
   * is reported with its line and field. A row with the same normalised name, phone or email as an account you can
   * read, or as an earlier row, is reported in `duplicates` (accounts you cannot read never are) and skipped or
   * created as `onDuplicate` says; `dryRun` writes nothing. Needs the create right (403). Send an Idempotency-Key: a
   * retried import creates nothing twice.
   */
  @Post('import')
  @Endpoint({ summary: 'Import accounts from CSV', status: 200, errors: [403] })
  importAccounts(@CurrentPrincipal() principal: Principal, @Body() dto: ImportAccountsDto): Promise<ImportResultDto> {
    return this.accounts.importCsv(principal, dto);
  }

  /** All or nothing: one account you may not reassign (or an owner outside your reach) and none change. */
  @Post('reassign')
  @Endpoint({ summary: 'Reassign several accounts to one owner', status: 200, errors: [403, 404] })
  reassignAccounts(@CurrentPrincipal() principal: Principal, @Body() dto: BulkReassignDto): Promise<BulkReassignResultDto> {
    return this.accounts.reassign(principal, dto);
  }

  /**
   * Merges the source account into this one, in one transaction: its contacts, opportunities, activities, the leads
   * converted into it, its child accounts and its shares move here; this account's empty fields are filled from
   * the source; the source goes to the recycle bin. Audited (`account.merged` with the counts). Needs If-Match
   * (this account's version), the right to change this account and to delete the source (403); 404 if either is
   * not visible to you.
   */
  @Post(':id/merge')
  @Endpoint({ summary: 'Merge another account into this one', status: 200, errors: [403, 404, 412, 428] })
  async mergeAccount(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: MergeAccountDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountMergeDto> {
    const merged = await this.accounts.merge(principal, id, dto, version);
    setVersionEtag(response, merged.target.version);
    return merged;
  }

  /** Brings it back with the contacts deleted with it. 404 unless it is in your recycle bin. */
  @Post(':id/restore')
  @Endpoint({ summary: 'Restore an account from the recycle bin', status: 200, errors: [404] })
  async restoreAccount(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<AccountDto> {
    const account = await this.accounts.restore(principal, id);
    setVersionEtag(response, account.version);
    return account;
  }

  /** Who the account is explicitly shared with. 404 if you cannot see it. */
  @Get(':id/shares')
  @Endpoint({ summary: 'List the shares of an account', errors: [404] })
  listAccountShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.accounts.shares.list(principal, id);
  }

  /**
   * Exactly one of userId and teamId. Needs the right to change the account (403); a restricted account only its owner
   * shares; partners share only with users of their own partner account. Sharing again with the same grantee
   * changes its access.
   */
  @Post(':id/shares')
  @Endpoint({ summary: 'Share an account with a user or a team', errors: [403, 404] })
  createAccountShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.accounts.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the account, as for sharing. */
  @Delete(':id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing an account with a user or a team', status: 204, errors: [403, 404] })
  deleteAccountShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.accounts.shares.revoke(principal, id, shareId);
  }
}
