import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales reports (R-SAL-9) take a window of order dates, and the commission basis a window of payment dates: without
 * these, a director's report for one month reads every order and every payment ever recorded.
 */
export class SalesReports1764000000110 implements MigrationInterface {
  name = 'SalesReports1764000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index orders_order_date_idx on orders (order_date, currency)`);
    await q.query(`create index payments_paid_at_idx on payments (paid_at, order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists payments_paid_at_idx`);
    await q.query(`drop index if exists orders_order_date_idx`);
  }
}
