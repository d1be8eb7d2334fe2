import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities about leads, quotes and orders too ("linked to any record", issue 4). A quote's or an order's activity
 * still belongs to that record's account, so it appears on the account's timeline; a lead has no account until it
 * is converted, so a lead's activity has none (its account is set when the lead is converted).
 */
export class ActivityRelations1764000000096 implements MigrationInterface {
  name = 'ActivityRelations1764000000096';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table activities drop constraint activities_related_type_check`);
    await q.query(`alter table activities add constraint activities_related_type_check check (related_type in ('account', 'contact', 'opportunity', 'lead', 'quote', 'order'))`);
    await q.query(`alter table activities alter column account_id drop not null`);
    await q.query(`alter table activities add constraint activities_account_unless_lead check (account_id is not null or related_type = 'lead')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table activities drop constraint activities_account_unless_lead`);
    await q.query(`delete from activities where related_type in ('lead', 'quote', 'order')`);
    await q.query(`alter table activities alter column account_id set not null`);
    await q.query(`alter table activities drop constraint activities_related_type_check`);
    await q.query(`alter table activities add constraint activities_related_type_check check (related_type in ('account', 'contact', 'opportunity'))`);
  }
}
