import { Injectable } from '@nestjs/common';
import { AccessAction, AccessLevel } from '../../access/access.types';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import type { ScopedRecords } from '../../access/scoped-records';
import type { Principal } from '../../identity/auth/principal';
import { ACCOUNT_FIELDS, type AccountDto, toAccountDto } from '../accounts/account.dto';
import type { AccountEntity } from '../accounts/account.entity';
import { AccountService } from '../accounts/account.service';
import { CONTACT_FIELDS, type ContactDto, toContactDto } from '../contacts/contact.dto';
import type { ContactEntity } from '../contacts/contact.entity';
import { ContactService } from '../contacts/contact.service';
import { LEAD_FIELDS, type LeadDto, toLeadDto } from '../leads/lead.dto';
import type { LeadEntity } from '../leads/lead.entity';
import { LeadService } from '../leads/lead.service';
import type { SearchQueryDto, SearchResultDto } from './search.dto';

/**
 * One search box over accounts, contacts and leads: each object's list search (`q`) through the permission
 * engine — the caller's record scope, and only fields they read in full are matched or shown. An object whose
 * searched fields the caller cannot read in full is left out rather than refused.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly accounts: AccountService,
    private readonly contacts: ContactService,
    private readonly leads: LeadService,
  ) {}

  async search(principal: Principal, query: SearchQueryDto): Promise<SearchResultDto> {
    const limit = query.limit ?? 10;
    // One after another on purpose: a request holds one pooled connection at a time, and the SQL stays in a fixed order.
    const accounts = await find<AccountEntity, AccountDto>(this.accounts.records, principal, query.q, limit, toAccountDto, [...ACCOUNT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof AccountDto & string>);
    const contacts = await find<ContactEntity, ContactDto>(this.contacts.records, principal, query.q, limit, toContactDto, [...CONTACT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof ContactDto & string>);
    const leads = await find<LeadEntity, LeadDto>(this.leads.records, principal, query.q, limit, toLeadDto, [...LEAD_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof LeadDto & string>);
    return { accounts, contacts, leads };
  }
}

async function find<E extends AccountEntity | ContactEntity | LeadEntity, D extends object>(
  records: ScopedRecords<E>,
  principal: Principal,
  q: string,
  limit: number,
  toDto: (record: E) => D,
  protectedFields: Array<keyof D & string>,
): Promise<D[]> {
  const access = await records.accessFor(principal);
  if (access.level(AccessAction.Read) === AccessLevel.None) return [];
  if (!records.config.searchFields.every((field) => records.readsInFull(access, field))) return [];
  const { page } = await records.list(principal, { q, limit });
  return page.data.map((record) => access.project(toDto(record), protectedFields));
}
