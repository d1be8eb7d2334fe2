import { FACT_COLUMNS, type FactsMode, type RunQuery, SCORE_COLUMNS, STORED_FACTS } from './metric-facts';

/** The metric tables, each with the next generation's name while it is being built. */
const METRICS = { live: 'customer_metrics', next: 'customer_metrics_next' } as const;
const YEARS = { live: 'customer_metric_years', next: 'customer_metric_years_next' } as const;
type MetricTable = typeof METRICS | typeof YEARS;

/** How long the swap waits for readers of the live tables per attempt, and how often it tries. */
const SWAP_LOCK_TIMEOUT = '5s';
const SWAP_ATTEMPTS = 12;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The end of a run: the next generation of `customer_metrics` is built beside the live table and swapped in
 * (docs/analytics.md, "Metric computation", step 4). A nightly run changes every buyer's row (the predictions depend on
 * the day): rewriting a million rows in place cost an entry in each of twenty indexes per row (~100 s at 1M customers);
 * loading a table without indexes and building each index once, by a sort, costs a fraction.
 *
 * - Rows come from the run's scores (`metric_scores`) with the rebuilt facts (`metric_all`) or, for the accounts not
 *   rebuilt, those of their stored row. Accounts binned since are simply not in the new table.
 * - A row whose figures did not change keeps its `computed_at` and `facts_as_of` (the previous run's).
 * - `customer_metric_years` changes only for the accounts whose facts were rebuilt: a full run (every account) swaps it
 *   too; an incremental run edits it in place (those accounts' years replaced, the years of accounts no longer scored
 *   deleted) instead of copying two million unchanged rows and indexing them again.
 * - Indexes and triggers are those of the live tables, read from the catalog: a migration that adds an index to a
 *   metric table needs nothing here. The metric tables have no foreign keys (migrations 320 and 340): a key would have
 *   to be made again on every new table (`test/analytics-metrics.e2e-spec.ts` compares the catalog before and after a
 *   run, so one added by a migration would not go unnoticed).
 * - The swap (drop the live tables, rename the new ones) takes an exclusive lock for a moment at the end of the run's
 *   transaction; readers wait for the commit and then read the new tables. The dashboards' repeatable-read
 *   transactions lock the tables before taking their snapshot (customer-summaries.ts), so none of them can see the new
 *   tables through an older snapshot (where they would look empty).
 */
export async function writeMetricTables(query: RunQuery, computedAt: Date, mode: FactsMode): Promise<void> {
  const swapped: MetricTable[] = mode === 'full' ? [METRICS, YEARS] : [METRICS];
  // Index builds sort a million rows each: memory for that, in this transaction only.
  await query(`set local maintenance_work_mem = '512MB'`);
  for (const { live, next } of swapped) {
    await query(`create table ${next} (like ${live} including defaults including constraints including storage including compression)`);
  }
  await insertMetrics(query, computedAt, mode);
  if (mode === 'full') await query(`insert into ${YEARS.next} (${YEAR_COLUMNS}) select ${YEAR_COLUMNS} from metric_years order by account_id, year`);
  else await replaceRebuiltYears(query);
  const ddl = await definitionsOf(query, swapped);
  for (const statement of ddl.indexes) await query(statement);
  for (const statement of ddl.triggers) await query(statement);
  for (const { next } of swapped) await query(`analyze ${next}`);
  // The run's view reads the live table: it goes before the table can.
  await query(`drop view metric_facts`);
  await lockLiveTables(query, swapped);
  for (const { live } of swapped) await query(`drop table ${live}`);
  for (const { live, next } of swapped) await query(`alter table ${next} rename to ${live}`);
  for (const statement of ddl.renames) await query(statement);
  // The new rows were written before the tables had their triggers: the dashboards' summaries are stale now.
  await query(`update customer_summary_state set valid = false`);
}

const YEAR_COLUMNS = 'account_id, year, orders, revenue, cost, profit, retained, leaving';

/** An incremental run's years: those of the rebuilt accounts replaced, those of accounts no longer scored (binned) gone. */
async function replaceRebuiltYears(query: RunQuery): Promise<void> {
  await query(
    `delete from ${YEARS.live} y
      where exists (select 1 from metric_dirty d where d.account_id = y.account_id)
         or exists (select 1 from accounts a where a.id = y.account_id and a.deleted_at is not null)`,
  );
  await query(`insert into ${YEARS.live} (${YEAR_COLUMNS}) select ${YEAR_COLUMNS} from metric_years`);
}

/**
 * Every scored account's row: its scores from metric_scores, its facts rebuilt (metric_all) or, in an incremental run,
 * as stored. `facts_as_of` (the day of the run that last changed the facts) and `computed_at` stay as stored when
 * nothing they stand for changed. The accounts not rebuilt — nearly all of a nightly run — take their facts from the
 * stored row unchanged, so only their scores are compared: comparing every fact (arrays included) of a million rows
 * was most of this step's 7 s at 1M customers.
 */
async function insertMetrics(query: RunQuery, computedAt: Date, mode: FactsMode): Promise<void> {
  const columns = [...FACT_COLUMNS, ...SCORE_COLUMNS, 'computed_at'].join(', ');
  const same = (names: readonly string[], fresh: string) =>
    `(${names.map((column) => `old.${column}`).join(', ')}) is not distinct from (${names.map((column) => `${fresh}.${column}`).join(', ')})`;
  const scores = SCORE_COLUMNS.map((column) => `s.${column}`).join(', ');
  if (mode === 'incremental') {
    await query(
      `insert into ${METRICS.next} (${columns})
       select ${FACT_COLUMNS.map((column) => `old.${column}`).join(', ')}, ${scores}, case when ${same(SCORE_COLUMNS, 's')} then old.computed_at else $1 end
         from metric_scores s
         join ${METRICS.live} old on old.account_id = s.account_id
        where not exists (select 1 from metric_all f where f.account_id = s.account_id)`,
      [computedAt],
    );
  }
  // With the scores' statistics the planner looks the rebuilt accounts' stored rows up by key (0.3 s at 1M customers)
  // instead of hashing a million of them (1.1 s).
  await query(`analyze metric_scores`);
  const factsSame = `old.account_id is not null and ${same(STORED_FACTS, 'f')}`;
  await query(
    `insert into ${METRICS.next} (${columns})
     select ${FACT_COLUMNS.map((column) => (column === 'facts_as_of' ? `case when ${factsSame} then old.facts_as_of else f.facts_as_of end` : `f.${column}`)).join(', ')},
            ${scores}, case when ${factsSame} and ${same(SCORE_COLUMNS, 's')} then old.computed_at else $1 end
       from metric_scores s
       join metric_all f on f.account_id = s.account_id
       left join ${METRICS.live} old on old.account_id = s.account_id`,
    [computedAt],
  );
}

interface Definitions {
  /** Every index of the live tables, created on the next ones under a provisional name. */
  indexes: string[];
  /** The live tables' own triggers (the summaries' invalidation), on the next ones. */
  triggers: string[];
  /** After the swap: each index to its own name, and the primary keys made constraints again. */
  renames: string[];
}

async function definitionsOf(query: RunQuery, tables: readonly MetricTable[]): Promise<Definitions> {
  const live: string[] = tables.map((table) => table.live);
  const nextOf = (table: string) => tables.find((entry) => entry.live === table)!.next;
  const indexes: Array<{ table: string; name: string; definition: string; constraint: string | null }> = await query(
    `select c.relname as table, i.relname as name, pg_get_indexdef(x.indexrelid) as definition, k.conname as constraint
       from pg_index x
       join pg_class c on c.oid = x.indrelid
       join pg_class i on i.oid = x.indexrelid
       left join pg_constraint k on k.conindid = x.indexrelid and k.contype = 'p'
      where c.relname = any($1) and c.relnamespace = current_schema()::regnamespace
      order by c.relname, i.relname`,
    [live],
  );
  const triggers: Array<{ definition: string }> = await query(
    `select pg_get_triggerdef(t.oid) as definition
       from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relname = any($1) and c.relnamespace = current_schema()::regnamespace`,
    [live],
  );
  const provisional = (name: string) => `${name}_next`;
  return {
    indexes: indexes.map((index) =>
      index.definition.replace(
        new RegExp(`^(CREATE (?:UNIQUE )?INDEX) ${index.name} ON (\\S+\\.)?${index.table} `),
        (_match, create: string, schema: string | undefined) => `${create} ${provisional(index.name)} ON ${schema ?? ''}${nextOf(index.table)} `,
      ),
    ),
    triggers: triggers.map(({ definition }) =>
      definition.replace(new RegExp(` ON (\\S+\\.)?(${live.join('|')}) `), (_match, schema: string | undefined, table: string) => ` ON ${schema ?? ''}${nextOf(table)} `),
    ),
    renames: indexes.flatMap((index) => [
      `alter index ${provisional(index.name)} rename to ${index.name}`,
      ...(index.constraint ? [`alter table ${index.table} add constraint ${index.constraint} primary key using index ${index.name}`] : []),
    ]),
  };
}

/**
 * The exclusive lock of the swap, taken in short attempts: while the swap waits, new readers queue behind it, so a
 * long reader (an export) costs the others at most SWAP_LOCK_TIMEOUT before the swap steps back and tries again.
 */
async function lockLiveTables(query: RunQuery, tables: readonly MetricTable[]): Promise<void> {
  await query(`set local lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
  for (let attempt = 1; ; attempt++) {
    await query(`savepoint metric_swap`);
    try {
      await query(`lock table ${tables.map((table) => table.live).join(', ')} in access exclusive mode`);
      await query(`release savepoint metric_swap`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE || attempt === SWAP_ATTEMPTS) throw error;
      await query(`rollback to savepoint metric_swap`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  await query(`set local lock_timeout = 0`);
}
