import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, object: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/**
 * Default rights on opportunities (issue 3's table, as for accounts) and on the pipeline configuration. Data,
 * editable later in the policy editor.
 *
 * - `opportunity`: reps team (delete own), managers their subtree, the director everything; the general manager
 *   and finance read everything; marketing reads everything but not the amounts (field rule); service, field
 *   engineers and quality have no business with the sales funnel; partners work within their partner account.
 * - `pipeline` (configuration, no records): every business role reads it (`read all`); changing pipelines and
 *   stages needs `update all`, which only the sales director has. System administrators and auditors have no
 *   business rights (R-SEC-6), so neither.
 */
const GRANTS: Grant[] = [
  ['sales_rep', 'opportunity', 'team', 'team', 'team', 'own', 'none'],
  ['sales_manager', 'opportunity', 'subtree', 'subtree', 'subtree', 'subtree', 'subtree'],
  ['sales_director', 'opportunity', 'all', 'all', 'all', 'all', 'all'],
  ['general_manager', 'opportunity', 'all', 'none', 'none', 'none', 'none'],
  ['finance', 'opportunity', 'all', 'none', 'none', 'none', 'none'],
  ['marketing_specialist', 'opportunity', 'all', 'none', 'none', 'none', 'none'],
  ['partner', 'opportunity', 'all', 'all', 'all', 'none', 'none'],
  ...['sales_rep', 'sales_manager', 'general_manager', 'finance', 'marketing_specialist', 'service_agent', 'field_engineer', 'quality_inspector', 'partner'].map(
    (role): Grant => [role, 'pipeline', 'all', 'none', 'none', 'none', 'none'],
  ),
  ['sales_director', 'pipeline', 'all', 'all', 'all', 'none', 'none'],
];

/** [role, object, field, access] */
const FIELD_RULES: Array<[string, string, string, string]> = [['marketing_specialist', 'opportunity', 'amount', 'hidden']];

const OBJECTS = ['opportunity', 'pipeline'];

export class OpportunityPolicies1764000000021 implements MigrationInterface {
  name = 'OpportunityPolicies1764000000021';

  async up(q: QueryRunner): Promise<void> {
    const actions = ['read', 'create', 'update', 'delete', 'reassign'];
    for (const [role, object, ...levels] of GRANTS) {
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, $2, $3, $4 from roles where key = $1`, [role, object, action, levels[index]]);
      }
    }
    for (const [role, object, field, access] of FIELD_RULES) {
      await q.query(`insert into field_permissions (role_id, object_type, field, access) select id, $2, $3, $4 from roles where key = $1`, [role, object, field, access]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = any($1)`, [OBJECTS]);
    await q.query(`delete from object_permissions where object_type = any($1)`, [OBJECTS]);
  }
}
