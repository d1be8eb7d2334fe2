const { Client } = require('pg');
const fs = require('fs');
(async () => {
  const sql = fs.readFileSync('/tmp/sl-stmt.sql', 'utf8');
  const detail = fs.readFileSync('/tmp/sl-params.txt', 'utf8').split('Parameters: ')[1];
  const params = [];
  const re = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;
  let m;
  while ((m = re.exec(detail))) params[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3].replace(/''/g, "'");
  const c = new Client({ connectionString: 'postgres://lianxi:lianxi-embedded@127.0.0.1:55434/lianxi' });
  await c.connect();
  await c.query('begin isolation level repeatable read');
  const r = await c.query('explain (analyze, buffers, costs off) ' + sql, params);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.query('rollback');
  await c.end();
})();
