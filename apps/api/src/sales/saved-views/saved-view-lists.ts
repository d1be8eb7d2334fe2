import { OBJECT_FIELDS } from '../../access/object-fields';
import { ObjectType } from '../../access/access.types';
import { AccountQueryDto } from '../accounts/account.dto';
import { ContactQueryDto } from '../contacts/contact.dto';
import { LeadQueryDto } from '../leads/lead.dto';
import { OpportunityQueryDto } from '../opportunities/opportunity.dto';
import { OrderQueryDto } from '../orders/order.dto';
import { QuoteQueryDto } from '../quotes/quote.dto';

/** The lists a view can be saved for. */
export enum SavedViewObjectType {
  Account = 'account',
  Contact = 'contact',
  Lead = 'lead',
  Opportunity = 'opportunity',
  Quote = 'quote',
  Order = 'order',
}

/**
 * Each list's query DTO (the filters a view may carry are exactly its query parameters, checked by the same rules)
 * and its fields (the columns a view may show).
 */
export const SAVED_VIEW_LISTS: Record<SavedViewObjectType, { query: new () => object; fields: readonly string[] }> = {
  [SavedViewObjectType.Account]: { query: AccountQueryDto, fields: OBJECT_FIELDS[ObjectType.Account] },
  [SavedViewObjectType.Contact]: { query: ContactQueryDto, fields: OBJECT_FIELDS[ObjectType.Contact] },
  [SavedViewObjectType.Lead]: { query: LeadQueryDto, fields: OBJECT_FIELDS[ObjectType.Lead] },
  [SavedViewObjectType.Opportunity]: { query: OpportunityQueryDto, fields: OBJECT_FIELDS[ObjectType.Opportunity] },
  [SavedViewObjectType.Quote]: { query: QuoteQueryDto, fields: OBJECT_FIELDS[ObjectType.Quote] },
  [SavedViewObjectType.Order]: { query: OrderQueryDto, fields: OBJECT_FIELDS[ObjectType.Order] },
};

/** Query parameters that page a list rather than choose its rows: never part of a view. */
export const PAGING_PARAMETERS: ReadonlySet<string> = new Set(['limit', 'cursor', 'withTotal']);
