import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account details (issue 4): a tier, a parent account (a tree without cycles, checked by the API), billing and
 * shipping addresses (jsonb objects {country, province, city, district, street, postalCode}), a website and the
 * unified social credit code (统一社会信用代码, 18 characters, checked by the API); contacts gain a mobile number, a
 * department and a primary flag.
 *
 * Substring search (`q`, GET /search) is `ilike '%…%'`, served by pg_trgm GIN indexes: a trigram index answers
 * any pattern of 3 or more characters (Chinese included: pg_trgm keeps non-ASCII letters as word characters);
 * 1–2 character patterns have no trigram to look up (migration 1764000000095 adds an index for those).
 */
/** A phone by its digits only, as duplicate detection compares them. */
export const NORMALISED_PHONE = `regexp_replace(phone, '[^0-9]', '', 'g')`;
/** An email without case. */
export const NORMALISED_EMAIL = `lower(email)`;

/** [role, access] of the contact's mobile, as for its phone (migration 1764000000003). */
const MOBILE_RULES: Array<[string, string]> = [
  ['marketing_specialist', 'masked'],
  ['quality_inspector', 'hidden'],
];

export class AccountDetails1764000000090 implements MigrationInterface {
  name = 'AccountDetails1764000000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists pg_trgm`);
    await q.query(`
      alter table accounts
        add column tier text check (tier in ('strategic', 'key', 'standard', 'small')),
        add column parent_account_id uuid references accounts(id),
        add column billing_address jsonb,
        add column shipping_address jsonb,
        add column website text,
        add column tax_number text check (tax_number ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        add constraint accounts_parent_not_self check (parent_account_id <> id)
    `);
    // Duplicate detection compares phones by their digits and emails without case (account.service.ts: keep equal).
    await q.query(`create index accounts_normalised_phone_idx on accounts (${NORMALISED_PHONE}) where deleted_at is null and phone is not null`);
    await q.query(`create index accounts_normalised_email_idx on accounts (${NORMALISED_EMAIL}) where deleted_at is null and email is not null`);
    await q.query(`create index accounts_parent_idx on accounts (parent_account_id) where parent_account_id is not null`);
    await q.query(`
      alter table contacts
        add column mobile text,
        add column department text,
        add column is_primary boolean not null default false
    `);
    // A contact's mobile is as private as its phone: the default rules on `phone` apply to it too.
    for (const [role, access] of MOBILE_RULES) {
      await q.query(`insert into field_permissions (role_id, object_type, field, access) select id, 'contact', 'mobile', $2 from roles where key = $1 on conflict do nothing`, [role, access]);
    }
    for (const [table, column] of [
      ['accounts', 'name'],
      ['accounts', 'phone'],
      ['accounts', 'email'],
      ['contacts', 'name'],
      ['contacts', 'phone'],
      ['contacts', 'mobile'],
      ['contacts', 'email'],
      ['leads', 'name'],
      ['leads', 'company'],
    ]) {
      await q.query(`create index ${table}_${column}_trgm_idx on ${table} using gin (${column} gin_trgm_ops) where deleted_at is null`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['accounts_name', 'accounts_phone', 'accounts_email', 'contacts_name', 'contacts_phone', 'contacts_mobile', 'contacts_email', 'leads_name', 'leads_company']) {
      await q.query(`drop index if exists ${index}_trgm_idx`);
    }
    await q.query(`delete from field_permissions where object_type = 'contact' and field = 'mobile'`);
    await q.query(`alter table contacts drop column is_primary, drop column department, drop column mobile`);
    await q.query(`drop index if exists accounts_parent_idx`);
    await q.query(`drop index if exists accounts_normalised_phone_idx`);
    await q.query(`drop index if exists accounts_normalised_email_idx`);
    await q.query(`alter table accounts drop constraint accounts_parent_not_self, drop column tax_number, drop column website, drop column shipping_address, drop column billing_address, drop column parent_account_id, drop column tier`);
  }
}
