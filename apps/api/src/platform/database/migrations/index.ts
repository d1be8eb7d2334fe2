import { Foundation1764000000000 } from './1764000000000-foundation';
import { BuiltInRoles1764000000001 } from './1764000000001-built-in-roles';
import { Access1764000000002 } from './1764000000002-access';
import { DefaultPolicies1764000000003 } from './1764000000003-default-policies';
import { RoleGrantRequests1764000000004 } from './1764000000004-role-grant-requests';
import { ApiKeys1764000000010 } from './1764000000010-api-keys';
import { IdempotencyKeys1764000000011 } from './1764000000011-idempotency-keys';
import { MailDelivery1764000000012 } from './1764000000012-mail-delivery';
import { Opportunities1764000000020 } from './1764000000020-opportunities';
import { OpportunityPolicies1764000000021 } from './1764000000021-opportunity-policies';
import { Products1764000000030 } from './1764000000030-products';
import { RecycleBin1764000000040 } from './1764000000040-recycle-bin';
import { Leads1764000000050 } from './1764000000050-leads';
import { Activities1764000000060 } from './1764000000060-activities';
import { Quotes1764000000070 } from './1764000000070-quotes';
import { Orders1764000000080 } from './1764000000080-orders';
import { AccountDetails1764000000090 } from './1764000000090-account-details';
import { SearchGrams1764000000095 } from './1764000000095-search-grams';
import { ActivityRelations1764000000096 } from './1764000000096-activity-relations';
import { SavedViews1764000000100 } from './1764000000100-saved-views';
import { SalesReports1764000000110 } from './1764000000110-sales-reports';
import { BoardIndex1764000000120 } from './1764000000120-board-index';
import { ApprovalRuleVersion1764000000150 } from './1764000000150-approval-rule-version';
import { SearchGramsByPosition1764000000160 } from './1764000000160-search-grams-by-position';
import { OrderLineCost1764000000200 } from './1764000000200-order-line-cost';
import { AhpModels1764000000230 } from './1764000000230-ahp-models';

/** Every migration, in order. Modules add theirs here (explicit, so bundling and tests need no glob). */
export const MIGRATIONS = [Foundation1764000000000, BuiltInRoles1764000000001, Access1764000000002, DefaultPolicies1764000000003, RoleGrantRequests1764000000004, ApiKeys1764000000010, IdempotencyKeys1764000000011, MailDelivery1764000000012, Opportunities1764000000020, OpportunityPolicies1764000000021, Products1764000000030, RecycleBin1764000000040, Leads1764000000050, Activities1764000000060, Quotes1764000000070, Orders1764000000080, AccountDetails1764000000090, SearchGrams1764000000095, ActivityRelations1764000000096, SavedViews1764000000100, SalesReports1764000000110, BoardIndex1764000000120, ApprovalRuleVersion1764000000150, SearchGramsByPosition1764000000160, OrderLineCost1764000000200, AhpModels1764000000230];
