import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved list views: a user's named filters, sort and columns for one list, kept on the server so they follow the
 * user from desk to phone. Personal (no sharing), so they hang off the user and go with them.
 */
export class SavedViews1764000000100 implements MigrationInterface {
  name = 'SavedViews1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table saved_views (
        id uuid primary key,
        user_id uuid not null references users(id) on delete cascade,
        object_type text not null check (object_type in ('account', 'contact', 'lead', 'opportunity', 'quote', 'order')),
        name text not null check (length(name) between 1 and 100),
        definition jsonb not null check (jsonb_typeof(definition) = 'object'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint saved_views_name_unique unique (user_id, object_type, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists saved_views`);
  }
}
