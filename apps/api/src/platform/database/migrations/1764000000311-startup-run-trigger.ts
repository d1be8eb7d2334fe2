import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recompute the application queues at start-up (customers but no metrics yet) is its own trigger, `startup`,
 * instead of a `manual` run nobody asked for. Those already recorded are the manual runs without a requester (one
 * asked for through the API always names its user, who cannot be deleted while a run names them).
 */
export class StartupRunTrigger1764000000311 implements MigrationInterface {
  name = 'StartupRunTrigger1764000000311';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table analytics_runs drop constraint analytics_runs_trigger_check`);
    await q.query(`alter table analytics_runs add constraint analytics_runs_trigger_check check (trigger in ('nightly', 'manual', 'startup'))`);
    await q.query(`update analytics_runs set trigger = 'startup' where trigger = 'manual' and requested_by is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`update analytics_runs set trigger = 'manual' where trigger = 'startup'`);
    await q.query(`alter table analytics_runs drop constraint analytics_runs_trigger_check`);
    await q.query(`alter table analytics_runs add constraint analytics_runs_trigger_check check (trigger in ('nightly', 'manual'))`);
  }
}
