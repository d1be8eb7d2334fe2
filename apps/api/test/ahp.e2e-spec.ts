import { createTestApp, TestApp } from './support/test-app';

/**
 * AHP models (R-ANA-4): stored with their judgements, evaluated on every read by @lianxi/analytics; scoped like
 * other business records (managers build their subtree's, reps read their team's, administrators see none);
 * invalid models are 400 naming the cell and write nothing; inconsistent ones are saved with `consistent: false`.
 */
describe('AHP models', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let ids: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const url = '/api/v1/analytics/ahp-models';

  const model = {
    name: '2026 服务项目盈利评价',
    description: '安装、维保、培训三项服务',
    alternatives: ['安装服务', '维保服务', '培训服务'],
    comparisons: [
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ],
    criteria: [
      { name: '利润率', scores: [12, 30, 18] },
      { name: '客户满意度', comparisons: [[1, 1 / 2, 2], [2, 1, 4], [1 / 2, 1 / 4, 1]] },
      { name: '战略价值', subCriteria: [{ name: '复购', scores: [1, 2, 1] }, { name: '口碑', scores: [2, 1, 1] }], comparisons: [[1, 1], [1, 1]] },
    ],
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds: ids } = await t.signInAll(['rep.e1', 'rep.e2', 'manager.east', 'director', 'gm', 'marketing', 'admin']));
  });
  afterAll(() => t.close());

  it('creates a model and answers with its weights, consistency, composite scores and ranking', async () => {
    const created = await t.http.post(url).set(as('manager.east')).send(model).expect(201);
    expect(created.headers.etag).toBe('W/"1"');
    const { result } = created.body;
    expect(result.weights.map((w: number) => Number(w.toFixed(4)))).toEqual([0.637, 0.2583, 0.1047]);
    expect(result.lambdaMax).toBeCloseTo(3.0385, 4);
    expect(result.cr).toBeCloseTo(0.0332, 4);
    expect(result).toMatchObject({ consistent: true, inconsistencies: [], message: null });
    // Profit 12:30:18 → 0.2, 0.5, 0.3; satisfaction is the consistent 2:4:1; strategy averages 1:2:1 and 2:1:1.
    const [w1, w2, w3] = result.weights as number[];
    const expected = [0.2 * w1 + (2 / 7) * w2 + w3 * (0.5 * 0.25 + 0.5 * 0.5), 0.5 * w1 + (4 / 7) * w2 + w3 * (0.5 * 0.5 + 0.5 * 0.25), 0.3 * w1 + (1 / 7) * w2 + w3 * 0.25];
    const scores = Object.fromEntries(result.ranking.map((r: { index: number; score: number }) => [r.index, r.score]));
    expected.forEach((score, i) => expect(scores[i]).toBeCloseTo(score, 10));
    expect(result.ranking.map((r: { alternative: string; rank: number }) => [r.alternative, r.rank])).toEqual([['维保服务', 1], ['培训服务', 2], ['安装服务', 3]]);
    expect(result.criteria[2].subCriteria.map((c: { globalWeight: number }) => c.globalWeight)).toEqual([w3 / 2, w3 / 2].map((w) => expect.closeTo(w, 12)));

    const read = await t.http.get(`${url}/${created.body.id}`).set(as('manager.east')).expect(200).expect('ETag', 'W/"1"');
    expect(read.body).toMatchObject({ name: model.name, alternatives: model.alternatives, myAccess: { update: true, delete: true } });
    expect(read.body.result.ranking).toEqual(result.ranking);
    const listed = await t.http.get(`${url}?q=盈利`).set(as('manager.east')).expect(200);
    expect(listed.body.data.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    expect(listed.body.data[0].result.consistent).toBe(true);
  });

  it('saves inconsistent judgements as work in progress, saying which matrix to revise', async () => {
    const inconsistent = { ...model, name: '草稿', comparisons: [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]] };
    const created = await t.http.post(url).set(as('manager.east')).send(inconsistent).expect(201);
    expect(created.body.result.consistent).toBe(false);
    expect(created.body.result.cr).toBeGreaterThanOrEqual(0.1);
    expect(created.body.result.inconsistencies.map((i: { path: string }) => i.path)).toEqual(['comparisons']);
    expect(created.body.result.message).toMatch(/please revise the pairwise comparisons/);

    const fixed = await t.http.patch(`${url}/${created.body.id}`).set(as('manager.east')).set('If-Match', 'W/"1"').send({ comparisons: model.comparisons }).expect(200);
    expect(fixed.body).toMatchObject({ version: 2, result: { consistent: true } });
    await t.http.patch(`${url}/${created.body.id}`).set(as('manager.east')).send({ name: 'x' }).expect(428);
    await t.http.patch(`${url}/${created.body.id}`).set(as('manager.east')).set('If-Match', 'W/"1"').send({ name: 'x' }).expect(412);
    await t.http.delete(`${url}/${created.body.id}`).set(as('manager.east')).set('If-Match', 'W/"2"').expect(204);
    await t.http.get(`${url}/${created.body.id}`).set(as('manager.east')).expect(404);
  });

  it.each([
    ['a non-reciprocal criteria cell', { comparisons: [[1, 3, 5], [1 / 3, 1, 3], [5, 1 / 3, 1]] }, 'comparisons[2][0]'],
    ['a bad cell of a criterion\'s alternatives matrix', { criteria: [model.criteria[0], { name: '满意度', comparisons: [[1, 2, 2], [0.5, 1, 1], [0.5, 2, 1]] }, model.criteria[2]] }, 'criteria[1].comparisons[2][1]'],
    ['a non-positive judgement', { comparisons: [[1, 0, 5], [1, 1, 3], [0.2, 1 / 3, 1]] }, 'comparisons[0][1]'],
    ['a matrix of the wrong size', { comparisons: [[1, 2], [0.5, 1]] }, 'comparisons'],
    ['scores of the wrong length', { criteria: [{ name: '利润率', scores: [1, 2] }, model.criteria[1], model.criteria[2]] }, 'criteria[0].scores'],
    ['a matrix that is not an array', { comparisons: 'x' }, 'comparisons'],
    ['no name', { name: '' }, 'name'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_, change, field) => {
    const before = await t.sql<{ n: string }>('select count(*) as n from ahp_models');
    const response = await t.http.post(url).set(as('manager.east')).send({ ...model, ...change }).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.sql<{ n: string }>('select count(*) as n from ahp_models')).toEqual(before);
    const evaluated = await t.http.post('/api/v1/analytics/ahp/evaluate').set(as('rep.e1')).send({ alternatives: model.alternatives, comparisons: model.comparisons, criteria: model.criteria, ...change, name: undefined });
    if (field !== 'name') expect(evaluated.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses an update that would make the model invalid, leaving it unchanged', async () => {
    const created = (await t.http.post(url).set(as('manager.east')).send({ ...model, name: '更新校验' }).expect(201)).body;
    const response = await t.http.patch(`${url}/${created.id}`).set(as('manager.east')).set('If-Match', 'W/"1"').send({ alternatives: ['A', 'B'] }).expect(400);
    expect(response.body.errors[0].field).toBe('criteria[0].scores');
    expect((await t.sql<{ version: number }>('select version from ahp_models where id = $1', [created.id]))[0].version).toBe(1);
  });

  it('evaluates without saving for any signed-in user, 401 without', async () => {
    const { name: _name, description: _description, ...input } = model;
    for (const user of ['rep.e1', 'admin']) {
      const response = await t.http.post('/api/v1/analytics/ahp/evaluate').set(as(user)).send(input).expect(200);
      expect(response.body.ranking[0].alternative).toBe('维保服务');
    }
    await t.http.post('/api/v1/analytics/ahp/evaluate').send(input).expect(401);
    await t.http.get(url).expect(401);
  });

  it('scopes models: reps read their team\'s (read-only), others\' are 404; administrators see none', async () => {
    // The manager builds one for rep.e1's team (owner rep.e1) and one of their own (team EAST).
    const forTeam = (await t.http.post(url).set(as('manager.east')).send({ ...model, name: 'E1 组模型', ownerId: ids['rep.e1'] }).expect(201)).body;
    const managers = (await t.http.post(url).set(as('manager.east')).send({ ...model, name: '经理模型' }).expect(201)).body;

    const seen = await t.http.get(`${url}/${forTeam.id}`).set(as('rep.e1')).expect(200);
    expect(seen.body).toMatchObject({ myAccess: { update: false, delete: false }, result: { consistent: true } });
    await t.http.patch(`${url}/${forTeam.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ name: '改名' }).expect(403);
    await t.http.delete(`${url}/${forTeam.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').expect(403);
    await t.http.post(url).set(as('rep.e1')).send({ ...model, name: '代表模型' }).expect(403);
    await t.http.get(`${url}/${managers.id}`).set(as('rep.e1')).expect(404);
    await t.http.get(`${url}/${forTeam.id}`).set(as('rep.e2')).expect(404);
    await t.http.patch(`${url}/${forTeam.id}`).set(as('rep.e2')).set('If-Match', 'W/"1"').send({ name: '改名' }).expect(404);
    const repList = (await t.http.get(url).set(as('rep.e1')).expect(200)).body.data.map((m: { id: string }) => m.id);
    expect(repList).toContain(forTeam.id);
    expect(repList).not.toContain(managers.id);
    expect((await t.http.get(url).set(as('rep.e2')).expect(200)).body.data).toEqual([]);

    expect((await t.http.get(url).set(as('admin')).expect(200)).body.data).toEqual([]);
    await t.http.get(`${url}/${forTeam.id}`).set(as('admin')).expect(404);
    await t.http.post(url).set(as('admin')).send({ ...model, name: '管理员模型' }).expect(403);

    for (const user of ['director', 'gm', 'marketing']) {
      await t.http.get(`${url}/${managers.id}`).set(as(user)).expect(200);
    }
    await t.http.post(url).set(as('marketing')).send({ ...model, name: '市场模型' }).expect(201);
    await t.http.patch(`${url}/${managers.id}`).set(as('marketing')).set('If-Match', 'W/"1"').send({ name: '改名' }).expect(403);
    await t.http.patch(`${url}/${managers.id}`).set(as('director')).set('If-Match', 'W/"1"').send({ name: '总监改名' }).expect(200);
  });
});
