// `pnpm bench sales`: the sales module at volume. On ACCOUNTS accounts (default 1,000,000) with CONTACTS contacts,
// OPPORTUNITIES opportunities and ACTIVITIES activities per account, it measures through the HTTP API, one request
// (or one page's set of requests) at a time after a warm-up, and prints p50/p95:
//   - substring search of accounts by name: a rare fragment and a common one, for the director (all) and a rep (team);
//   - an account's 360° page: the account, its key figures (summary), its contacts, opportunities and activity timeline
//     (first page each), in parallel;
//   - the opportunity board of a regional manager (their subtree: 20 groups): 200 open cards by close date and the 50
//     latest closed ones;
//   - a rep's quote with 20 lines (5 % discount: approved on submit), submitted and converted to an order — the
//     three requests one after another, each POST with its Idempotency-Key.
import { demoPassword } from '../src/demo/demo-organisation';
import { runBench } from './harness';
import { measure, summarise } from './stats';
import { BENCH_PASSWORD } from './volume';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1_000_000);
const CONTACTS = Number(process.env.CONTACTS ?? 3);
const OPPORTUNITIES = Number(process.env.OPPORTUNITIES ?? 1);
const ACTIVITIES = Number(process.env.ACTIVITIES ?? 2);
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const WARMUP = 20;

runBench(
  { accounts: ACCOUNTS, contactsPerAccount: CONTACTS, opportunitiesPerAccount: OPPORTUNITIES, activitiesPerAccount: ACTIVITIES },
  async ({ db, base, login, writeFigures }) => {
    const get = async (token: string, path: string): Promise<{ data?: unknown[] }> => {
      const response = await fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}`);
      return (await response.json()) as { data?: unknown[] };
    };
    const post = async (token: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ id: string; version: number }> => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...headers },
        body: JSON.stringify(body),
      });
      if (response.status !== 200 && response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; version: number };
    };
    const tokens = {
      director: await login('director@lianxi.test', demoPassword('director@lianxi.test')),
      rep: await login('bench.rep1-1.1@lianxi.test', BENCH_PASSWORD),
      manager: await login('bench.manager1@lianxi.test', BENCH_PASSWORD),
    };
    // Fragments of real names: the 6 hex characters in the middle of a name match about one account; a city
    // matches a tenth of them. Each request searches another fragment, so no cache answers twice.
    const samples = (await db.query(`select substr(name, 3, 6) as fragment from accounts where email like 'buyer%' order by random() limit $1`, [REQUESTS + WARMUP])).rows as Array<{ fragment: string }>;
    const repAccounts = (await db.query(
      `select a.id, substr(a.name, 3, 6) as fragment from accounts a join users u on u.id = a.owner_id where u.email = 'bench.rep1-1.1@lianxi.test' order by a.id limit 50`,
    )).rows as Array<{ id: string; fragment: string }>;
    const [pipeline] = (await db.query(`select id from pipelines where is_default`)).rows as Array<{ id: string }>;
    // Twenty lines over the demo catalogue's priced products (a product may appear on several lines).
    const products = (await db.query(
      `select p.id from products p where p.active and exists (select 1 from price_list_entries e join price_lists l on l.id = e.price_list_id where e.product_id = p.id and l.is_default and l.currency = 'CNY') order by p.code`,
    )).rows as Array<{ id: string }>;
    const lines = Array.from({ length: 20 }, (_, n) => ({ productId: products[n % products.length].id, quantity: String(1 + (n % 3)), discountPercent: '5' }));
    const quoteAndConvert = async () => {
      const account = next(repAccounts).id;
      const quote = await post(tokens.rep, '/quotes', { accountId: account, lines });
      const submitted = await post(tokens.rep, `/quotes/${quote.id}/submit`, {}, { 'if-match': `"${quote.version}"` });
      await post(tokens.rep, `/quotes/${submitted.id}/convert`, {});
    };
    let i = 0;
    const next = <T>(list: T[]) => list[i++ % list.length];
    const scenarios: Array<{ name: string; run: () => Promise<unknown> }> = [
      { name: 'search, rare fragment, director (all)', run: () => get(tokens.director, `/accounts?q=${encodeURIComponent(next(samples).fragment)}&limit=50`) },
      { name: 'search, city (10 % match), director', run: () => get(tokens.director, `/accounts?q=${encodeURIComponent('苏州')}&limit=50`) },
      { name: 'search, city (10 % match), rep (team)', run: () => get(tokens.rep, `/accounts?q=${encodeURIComponent('苏州')}&limit=50`) },
      { name: 'search, rare fragment, rep (team)', run: () => get(tokens.rep, `/accounts?q=${encodeURIComponent(next(repAccounts).fragment)}&limit=50`) },
      {
        name: 'account 360° (summary + 4 lists in parallel), rep',
        run: () => {
          const id = next(repAccounts).id;
          return Promise.all([
            get(tokens.rep, `/accounts/${id}`),
            get(tokens.rep, `/accounts/${id}/summary`),
            get(tokens.rep, `/accounts/${id}/contacts?limit=50`),
            get(tokens.rep, `/accounts/${id}/opportunities?limit=50`),
            get(tokens.rep, `/activities?accountId=${id}&limit=20`),
          ]);
        },
      },
      {
        // What the board asks: the open ones by close date, and the latest closed ones, in parallel.
        name: 'opportunity board, manager (subtree)',
        run: () =>
          Promise.all([
            get(tokens.manager, `/opportunities?pipelineId=${pipeline.id}&status=open&sort=expectedCloseDate&limit=200`),
            get(tokens.manager, `/opportunities?pipelineId=${pipeline.id}&status=closed&sort=-expectedCloseDate&limit=50`),
          ]),
      },
      { name: 'quote, 20 lines + submit + convert, rep', run: quoteAndConvert },
    ];
    const rows: Array<{ scenario: string } & ReturnType<typeof summarise>> = [];
    for (const scenario of scenarios) {
      i = 0;
      rows.push({ scenario: scenario.name, ...summarise(await measure(async () => void (await scenario.run()), REQUESTS, WARMUP)) });
    }
    // Counted, not taken from the settings: a reused database (BENCH_DATABASE_URL) may hold another volume.
    const [volume] = (await db.query(
      `select (select count(*) from accounts)::int as accounts, (select count(*) from contacts)::int as contacts,
              (select count(*) from opportunities)::int as opportunities, (select count(*) from activities)::int as activities`,
    )).rows as Array<{ accounts: number; contacts: number; opportunities: number; activities: number }>;
    const counts = Object.entries(volume).map(([table, n]) => `${n.toLocaleString('en')} ${table}`).join(', ');
    console.log(`\n${counts}; ${REQUESTS} sequential measurements after ${WARMUP} warm-up (ms, wall time at the client)`);
    console.log('scenario                                         p50       p95      mean');
    for (const row of rows) console.log(`${row.scenario.padEnd(44)} ${[row.p50, row.p95, row.mean].map((v) => String(v).padStart(9)).join(' ')}`);
    writeFigures('sales', { ...volume, requests: REQUESTS, rows });
  },
);
