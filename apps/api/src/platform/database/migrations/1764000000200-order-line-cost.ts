import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each order line keeps the product's cost at the time of the order, so that profit and contribution (R-ANA-1,
 * R-ANA-5) stay what they were when the catalogue's cost prices change later. Existing lines take today's cost; a
 * line without a product (free text) or of a product without a cost price has no cost (null, not zero: "unknown").
 */
export class OrderLineCost1764000000200 implements MigrationInterface {
  name = 'OrderLineCost1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table order_lines add column unit_cost numeric(18, 2) check (unit_cost >= 0)`);
    await q.query(`update order_lines l set unit_cost = p.cost_price from products p where p.id = l.product_id and p.cost_price is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table order_lines drop column unit_cost`);
  }
}
