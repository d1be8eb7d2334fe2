import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type RunQuery, runQuery } from './metric-facts';

const HANDOFF_PREFIX = 'metric_handoff_';

/**
 * A second connection for a run's facts step (metric-facts.ts, rebuildInHalves; docs/analytics.md, "Metric
 * computation"): it works in the run's snapshot, in a transaction of its own, with the run's settings, and hands its
 * temporary tables to the run through unlogged tables it commits under names of this run's own. The run reads them
 * into its tables and drops them in its transaction; cleanUp, after the run's transaction, drops whatever a failure
 * left behind. A failure on either side fails the run: the second side's error surfaces where the run awaits it; a
 * failed run stops the second side at its next statement, and nothing it computed is kept.
 */
export class SecondConnection {
  private readonly prefix = `${HANDOFF_PREFIX}${randomBytes(6).toString('hex')}`;
  private abandoned = false;
  private readonly handed = new Set<string>();
  private running: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dataSource: DataSource,
    private readonly trace?: (step: string, ms: number) => void,
  ) {}

  /**
   * A second connection for a run, where the pool has one beside the run's (DATABASE_POOL_SIZE); with a pool of one
   * the second would wait for the run forever, and the run stays on its own.
   */
  static forRun(dataSource: DataSource, trace?: (step: string, ms: number) => void): SecondConnection | undefined {
    const pool = (dataSource.driver as unknown as { master?: { options?: { max?: number } } }).master;
    return (pool?.options?.max ?? 10) > 1 ? new SecondConnection(dataSource, trace) : undefined;
  }

  /**
   * Starts `work` on a connection of its own in the snapshot of the run's transaction (`query`), which then commits the
   * temporary `tables` it built as unlogged tables for handOver. Answers once the snapshot is taken.
   */
  async start(query: RunQuery, work: (query: RunQuery) => Promise<void>, tables: readonly string[]): Promise<void> {
    // With the run's own settings (work_mem, enable_hashagg, …: metrics-recompute.ts), so that both halves are computed
    // alike; the isolation level is the second connection's own (a snapshot is imported in repeatable read).
    const [{ snapshot, settings }]: Array<{ snapshot: string; settings: Array<{ name: string; value: string }> }> = await query(
      `select pg_export_snapshot() as snapshot,
              (select json_agg(json_build_object('name', name, 'value', current_setting(name)))
                 from pg_settings where source = 'session' and name not like 'transaction\\_%') as settings`,
    );
    this.running = this.onSnapshot(snapshot, settings ?? [], work, tables);
    // Marked handled: a failure surfaces where the run awaits it (handOver), or is dropped when the run failed first.
    this.running.catch(() => undefined);
  }

  private async onSnapshot(snapshot: string, settings: ReadonlyArray<{ name: string; value: string }>, work: (query: RunQuery) => Promise<void>, tables: readonly string[]) {
    const runner = this.dataSource.createQueryRunner();
    const query = runQuery(async (sql, params) => {
      if (this.abandoned) throw new Error('the run failed: its second connection stops');
      return runner.query(sql, params);
    }, this.trace, 'second ');
    try {
      await runner.connect();
      await runner.query(`begin isolation level repeatable read`);
      try {
        // A snapshot is imported as the transaction's first statement; the exporting transaction (the run) is open.
        await query(`set transaction snapshot '${snapshot}'`);
        for (const { name, value } of settings) await query(`select set_config($1, $2, true)`, [name, value]);
        await work(query);
        for (const table of tables) {
          this.handed.add(this.handoff(table));
          await query(`create unlogged table ${this.handoff(table)} as table ${table}`);
        }
        if (this.abandoned) throw new Error('the run failed: its second connection stops');
        await runner.query(`commit`);
      } catch (error) {
        await runner.query(`rollback`).catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Once the second connection is done: its rows of `tables` into the run's tables of those names, and its unlogged
   * tables dropped.
   */
  async handOver(query: RunQuery, tables: readonly string[]): Promise<void> {
    await this.running;
    for (const table of tables) await query(`insert into ${table} select * from ${this.handoff(table)}`);
    await query(`drop table ${tables.map((table) => this.handoff(table)).join(', ')}`);
  }

  /** After a failure of the run: the second connection stops at its next statement; waits until it has. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await this.running.catch(() => undefined);
  }

  /**
   * After the run's transaction, committed or not: the unlogged tables the second connection committed are gone (the
   * run dropped them) or, when the run failed, dropped here.
   */
  async cleanUp(): Promise<void> {
    if (this.handed.size) await this.dataSource.query(`drop table if exists ${[...this.handed].join(', ')}`);
  }

  /**
   * A run that holds the run lock (metrics-recompute.ts): the hand-off tables of a run whose process died between the
   * second connection's commit and the run's own cleanUp, dropped; no live run can own one.
   */
  static async dropLeftovers(query: RunQuery): Promise<void> {
    const leftovers: Array<{ name: string }> = await query(
      `select quote_ident(tablename) as name from pg_tables where schemaname = current_schema() and starts_with(tablename, $1)`,
      [HANDOFF_PREFIX],
    );
    if (leftovers.length) await query(`drop table ${leftovers.map(({ name }) => name).join(', ')}`);
  }

  private handoff(table: string): string {
    return `${this.prefix}_${table}`;
  }
}
