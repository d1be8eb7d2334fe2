import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint, ExportResponse } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { UuidParam } from '../../platform/http/validation';
import { PageQueryDto } from '../../platform/http/pagination';
import { ImportResultDto } from '../../access/record-import.dto';
import { ContactDto, ContactExportQueryDto, ContactPageDto, ContactQueryDto, CreateContactDto, ImportContactsDto, UpdateContactDto } from './contact.dto';
import { ContactService } from './contact.service';

@ApiTags('contacts')
@Controller()
export class ContactController {
  constructor(private readonly contacts: ContactService) {}

  @Get('contacts')
  @Endpoint({ summary: 'List the contacts you may see' })
  listContacts(@CurrentPrincipal() principal: Principal, @Query() query: ContactQueryDto): Promise<ContactPageDto> {
    return this.contacts.list(principal, query);
  }

  /** Only the contacts you may see, of an account you may see (404 otherwise). */
  @Get('accounts/:id/contacts')
  @Endpoint({ summary: 'List an account\'s contacts', errors: [404] })
  listAccountContacts(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: ContactQueryDto): Promise<ContactPageDto> {
    return this.contacts.listForAccount(principal, id, query);
  }

  /** Like the accounts' export: the contacts you may see, as CSV or Excel, unreadable columns left out; audited. */
  @Get('contacts/export')
  @Endpoint({ summary: 'Export the contacts you may see as CSV or Excel' })
  @ExportResponse('The contacts as CSV or an Excel workbook (`format`), one header row')
  exportContacts(@CurrentPrincipal() principal: Principal, @Query() query: ContactExportQueryDto, @Res() response: Response): Promise<void> {
    return this.contacts.export(principal, query, response);
  }

  /** Contacts deleted on their own that you may delete, most recently deleted first; those deleted with their account come back with it. */
  @Get('contacts/recycle-bin')
  @Endpoint({ summary: 'List the contacts in your recycle bin' })
  listDeletedContacts(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<ContactPageDto> {
    return this.contacts.recycleBin(principal, query);
  }

  /**
   * A CSV file (in JSON, as `csv`) with a header row: valid rows become contacts in one transaction, each invalid row
   * is reported with its line and field. Each row's account (the `account` column, by id or name, or `accountId` for
   * the whole file) must be one you can read — otherwise a row error, the same whether it exists or not. A row with
   * the same normalised phone or email as a contact you can read, the same name in the same account, or like an
   * earlier row, is reported in `duplicates` and skipped or created as `onDuplicate` says; `dryRun` writes nothing.
   * Send an Idempotency-Key: a retried import creates nothing twice.
   */
  @Post('contacts/import')
  @Endpoint({ summary: 'Import contacts from CSV', status: 200, errors: [403] })
  importContacts(@CurrentPrincipal() principal: Principal, @Body() dto: ImportContactsDto): Promise<ImportResultDto> {
    return this.contacts.importCsv(principal, dto);
  }

  @Get('contacts/:id')
  @Endpoint({ summary: 'Get a contact', errors: [404] })
  async getContact(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<ContactDto> {
    const contact = await this.contacts.get(principal, id);
    setVersionEtag(response, contact.version);
    return contact;
  }

  @Post('contacts')
  @Endpoint({ summary: 'Create a contact', errors: [403] })
  async createContact(@CurrentPrincipal() principal: Principal, @Body() dto: CreateContactDto, @Res({ passthrough: true }) response: Response): Promise<ContactDto> {
    const contact = await this.contacts.create(principal, dto);
    setVersionEtag(response, contact.version);
    return contact;
  }

  /** Needs If-Match. */
  @Patch('contacts/:id')
  @Endpoint({ summary: 'Update or reassign a contact', errors: [403, 404, 412, 428] })
  async updateContact(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateContactDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContactDto> {
    const contact = await this.contacts.update(principal, id, dto, version);
    setVersionEtag(response, contact.version);
    return contact;
  }

  /** Needs If-Match. Moves the contact to the recycle bin (restorable). */
  @Delete('contacts/:id')
  @Endpoint({ summary: 'Delete a contact (to the recycle bin)', status: 204, errors: [403, 404, 412, 428] })
  deleteContact(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.contacts.remove(principal, id, version);
  }

  /** 404 unless it is in your recycle bin; 409 naming accountId while its account is in the bin (restore that first). */
  @Post('contacts/:id/restore')
  @Endpoint({ summary: 'Restore a contact from the recycle bin', status: 200, errors: [404, 409] })
  async restoreContact(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<ContactDto> {
    const contact = await this.contacts.restore(principal, id);
    setVersionEtag(response, contact.version);
    return contact;
  }

  /** Who the contact is explicitly shared with. 404 if you cannot see it. */
  @Get('contacts/:id/shares')
  @Endpoint({ summary: 'List the shares of a contact', errors: [404] })
  listContactShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.contacts.shares.list(principal, id);
  }

  /**
   * Exactly one of userId and teamId. Needs the right to change the contact (403); a restricted contact only its owner
   * shares; partners share only with users of their own partner account. Sharing again with the same grantee
   * changes its access.
   */
  @Post('contacts/:id/shares')
  @Endpoint({ summary: 'Share a contact with a user or a team', errors: [403, 404] })
  createContactShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.contacts.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the contact, as for sharing. */
  @Delete('contacts/:id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing a contact with a user or a team', status: 204, errors: [403, 404] })
  deleteContactShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.contacts.shares.revoke(principal, id, shareId);
  }
}
