// `pnpm bench access`: the permission engine at volume. On ACCOUNTS accounts (default 1,000,000) across 200 sales
// groups and 2,000 owners, it measures "first page of 50 accounts sorted by name" through the HTTP API for a rep, a
// manager and the director, beside plain SQL with a hand-written scope and no engine, and prints p50/p95.
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { demoPassword } from '../src/demo/demo-organisation';
import { findFreePort } from '../src/platform/database/embedded-postgres';
import { runBench } from './harness';
import { measure, summarise } from './stats';
import { BENCH_PASSWORD } from './volume';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1_000_000);
const REQUESTS = Number(process.env.REQUESTS ?? 300);
const WARMUP = 30;

runBench({ accounts: ACCOUNTS }, async ({ db, databaseUrl, base, login, writeFigures }) => {
  const user = async (email: string) => (await db.query('select id, team_id from users where email = $1', [email])).rows[0] as { id: string; team_id: string };

  const personas = [
    { name: 'rep (team scope)', email: 'bench.rep1-1.1@lianxi.test', password: BENCH_PASSWORD },
    { name: 'manager (subtree of 20 groups)', email: 'bench.manager1@lianxi.test', password: BENCH_PASSWORD },
    { name: 'director (all)', email: 'director@lianxi.test', password: demoPassword('director@lianxi.test') },
  ];
  // The baseline TOOLCHAIN.md names for "REST over the same query": a bare Node http + pg endpoint running the
  // plain SQL (no framework, no auth, no engine), measured with the same client.
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const bare = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const team = url.searchParams.get('team');
    const subtree = url.searchParams.get('subtree');
    const query = team
      ? { text: 'select * from accounts where team_id = $1 order by name, id limit 51', values: [team] }
      : subtree
        ? { text: `select * from accounts where team_id in (select id from teams where path like (select path from teams where id = $1) || '%') order by name, id limit 51`, values: [subtree] }
        : { text: 'select * from accounts order by name, id limit 51', values: [] };
    pool.query(query).then(
      (result) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: result.rows.slice(0, 50) })),
      () => response.writeHead(500).end(),
    );
  });
  const barePort = await findFreePort();
  await new Promise<void>((done) => bare.listen(barePort, '127.0.0.1', done));
  const rows: Array<Record<string, unknown>> = [];
  for (const persona of personas) {
    const token = await login(persona.email, persona.password);
    const me = await user(persona.email);
    let count = 0;
    const api = await measure(async () => {
      const response = await fetch(`${base}/api/v1/accounts?limit=50`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { data: unknown[] };
      if (response.status !== 200) throw new Error(`list → ${response.status}`);
      count = body.data.length;
    }, REQUESTS, WARMUP);
    // The same page without the engine: a hand-written scope of the same reach, straight through pg.
    const plain = persona.email.startsWith('director')
      ? { text: 'select * from accounts order by name, id limit 51', values: [] as unknown[] }
      : persona.email.startsWith('bench.manager')
        ? { text: `select * from accounts where team_id in (select id from teams where path like (select path from teams where id = $1) || '%') order by name, id limit 51`, values: [me.team_id] }
        : { text: 'select * from accounts where team_id = $1 order by name, id limit 51', values: [me.team_id] };
    const sql = await measure(async () => void (await db.query(plain)), REQUESTS, WARMUP);
    const bareQuery = persona.email.startsWith('director') ? '' : persona.email.startsWith('bench.manager') ? `?subtree=${me.team_id}` : `?team=${me.team_id}`;
    const rest = await measure(async () => {
      const response = await fetch(`http://127.0.0.1:${barePort}/${bareQuery}`);
      await response.json();
    }, REQUESTS, WARMUP);
    const visible = Number((await db.query(persona.email.startsWith('director') ? 'select count(*) from accounts where not restricted' : 'select 1 as count')).rows[0].count);
    rows.push({ persona: persona.name, rowsOnPage: count, api: summarise(api), bareRest: summarise(rest), plainSql: summarise(sql), ...(persona.email.startsWith('director') ? { visibleToDirector: visible } : {}) });
  }
  bare.close();
  await pool.end();

  console.log(`\nfirst page of 50 accounts sorted by name, ${ACCOUNTS.toLocaleString('en')} accounts, ${REQUESTS} sequential requests after ${WARMUP} warm-up (ms)`);
  console.log('API: our server with the engine; bare REST: node http + pg, same page, hand-written scope; SQL: that query alone');
  console.log('persona                          API p50   API p95  bare p50  bare p95   SQL p50   SQL p95  API/bare p95');
  for (const row of rows) {
    const [api, rest, sql] = [row.api, row.bareRest, row.plainSql] as Array<ReturnType<typeof summarise>>;
    const cells = [api.p50, api.p95, rest.p50, rest.p95, sql.p50, sql.p95].map((v) => String(v).padStart(8)).join('  ');
    console.log(`${String(row.persona).padEnd(32)} ${cells}  ${(api.p95 / rest.p95).toFixed(1).padStart(6)}×`);
  }
  writeFigures('access', { accounts: ACCOUNTS, requests: REQUESTS, rows });
});
