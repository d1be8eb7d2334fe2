import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, object: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

const SALES_OBJECTS = ['account', 'contact'];

/** Default object permissions of the built-in roles for accounts and contacts (issue 3's table). Data, editable later. */
const GRANTS: Grant[] = SALES_OBJECTS.flatMap((object): Grant[] => [
  ['sales_rep', object, 'team', 'team', 'team', 'own', 'none'],
  ['sales_manager', object, 'subtree', 'subtree', 'subtree', 'subtree', 'subtree'],
  ['sales_director', object, 'all', 'all', 'all', 'all', 'all'],
  ['general_manager', object, 'all', 'none', 'none', 'none', 'none'],
  ['marketing_specialist', object, 'all', 'none', 'none', 'none', 'none'],
  ['service_agent', object, 'all', 'none', 'none', 'none', 'none'],
  ['field_engineer', object, 'all', 'none', 'none', 'none', 'none'],
  ['finance', object, 'all', 'none', 'none', 'none', 'none'],
  ['quality_inspector', object, 'all', 'none', 'none', 'none', 'none'],
  // Partners are always confined to their partner account on top of this level.
  ['partner', object, 'all', 'all', 'all', 'none', 'none'],
]);

/** [role, object, field, access] */
const FIELD_RULES: Array<[string, string, string, string]> = [
  ['marketing_specialist', 'account', 'phone', 'masked'],
  ['marketing_specialist', 'contact', 'phone', 'masked'],
  ['quality_inspector', 'contact', 'phone', 'hidden'],
  ['quality_inspector', 'contact', 'email', 'hidden'],
];

export class DefaultPolicies1764000000003 implements MigrationInterface {
  name = 'DefaultPolicies1764000000003';

  async up(q: QueryRunner): Promise<void> {
    for (const [role, object, ...levels] of GRANTS) {
      const actions = ['read', 'create', 'update', 'delete', 'reassign'];
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(
          `insert into object_permissions (role_id, object_type, action, level) select id, $2, $3, $4 from roles where key = $1`,
          [role, object, action, levels[index]],
        );
      }
    }
    for (const [role, object, field, access] of FIELD_RULES) {
      await q.query(`insert into field_permissions (role_id, object_type, field, access) select id, $2, $3, $4 from roles where key = $1`, [role, object, field, access]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = any($1)`, [SALES_OBJECTS]);
    await q.query(`delete from object_permissions where object_type = any($1)`, [SALES_OBJECTS]);
  }
}
