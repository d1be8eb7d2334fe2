import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The built-in roles exist in every database, production included (the demo data only adds people). Their
 * business permissions arrive with the permission engine. Keys match the RoleKey enum.
 */
export class BuiltInRoles1764000000001 implements MigrationInterface {
  name = 'BuiltInRoles1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      insert into roles (id, key, name, name_en, description) values
        (gen_random_uuid(), 'system_admin', '系统管理员', 'System administrator', 'Users, teams, roles and configuration; no business records (R-SEC-6)'),
        (gen_random_uuid(), 'general_manager', '总经理', 'General manager', 'Reads everything; analytics and decisions'),
        (gen_random_uuid(), 'sales_director', '销售总监', 'Sales director', 'All sales records; reassigns; approves large discounts'),
        (gen_random_uuid(), 'sales_manager', '销售经理', 'Sales manager', 'Their region''s records; reassigns; approves discounts'),
        (gen_random_uuid(), 'sales_rep', '销售代表', 'Sales rep', 'Their sales group''s customers, leads, opportunities, quotes and orders'),
        (gen_random_uuid(), 'marketing_specialist', '市场专员', 'Marketing specialist', 'Campaigns, segments and leads'),
        (gen_random_uuid(), 'service_agent', '客服专员', 'Service agent', 'Cases and the knowledge base'),
        (gen_random_uuid(), 'field_engineer', '现场工程师', 'Field engineer', 'Work orders and visits'),
        (gen_random_uuid(), 'finance', '财务', 'Finance', 'Orders, payments and receivables'),
        (gen_random_uuid(), 'quality_inspector', '质检员', 'Quality inspector', 'Orders without prices, terms or totals (R-SEC-2)'),
        (gen_random_uuid(), 'auditor', '审计员', 'Auditor', 'Reads the audit log'),
        (gen_random_uuid(), 'partner', '合作伙伴（经销商）', 'Partner (distributor)', 'Only the records of their own partner account')
      on conflict (key) do nothing`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from roles where key in ('system_admin', 'general_manager', 'sales_director', 'sales_manager', 'sales_rep',
      'marketing_specialist', 'service_agent', 'field_engineer', 'finance', 'quality_inspector', 'auditor', 'partner')`);
  }
}
