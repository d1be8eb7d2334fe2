import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who reads an order line's cost of its day (`lines.unitCost`, migration 200): as with a product's cost price, the
 * cost is for those who keep the books and set prices — finance and the sales director — and, for profit analysis
 * (R-ANA-1, the general manager's dashboards), the general manager. Every other role that reads orders does so
 * without it: reps and managers sell on prices, not costs; the quality inspector, service agents and field
 * engineers see no price at all; partners never see our costs. Marketing reads no order; the rule is there so that a
 * later order right does not bring the cost along.
 */
const HIDDEN_FOR = ['sales_rep', 'sales_manager', 'quality_inspector', 'service_agent', 'field_engineer', 'partner', 'marketing_specialist'];

export class OrderLineCostRules1764000000220 implements MigrationInterface {
  name = 'OrderLineCostRules1764000000220';

  async up(q: QueryRunner): Promise<void> {
    for (const role of HIDDEN_FOR) {
      await q.query(`insert into field_permissions (role_id, object_type, field, access) select id, 'order', 'lines.unitCost', 'hidden' from roles where key = $1`, [role]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = 'order' and field = 'lines.unitCost'`);
  }
}
