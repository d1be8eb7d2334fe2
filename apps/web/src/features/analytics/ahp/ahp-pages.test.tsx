import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '@/lib/language';
import { createFakeFetch, demoUser, json, problem, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { evaluateAhpModel } from '@lianxi/analytics/ahp';

configure({ asyncUtilTimeout: 5000 });

type Levels = Record<'read' | 'create' | 'update' | 'delete' | 'reassign', string>;
const MANAGER: Levels = { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'subtree', reassign: 'subtree' };
const REP: Levels = { read: 'team', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
const MODEL_ID = '0190a0b0-0000-7000-8000-0000000a0001';

const INPUT = {
  alternatives: ['安装服务', '维保服务'],
  comparisons: [[1, 3], [1 / 3, 1]],
  criteria: [
    { name: '利润率', scores: [10, 30] },
    { name: '满意度', comparisons: [[1, 3], [1 / 3, 1]] },
  ],
};

function record(overrides: Record<string, unknown> = {}) {
  const { alternatives, comparisons, criteria } = { ...INPUT, ...overrides };
  const input = { alternatives, comparisons, criteria };
  return {
    id: MODEL_ID,
    name: '2026 服务项目评价',
    description: null,
    ownerId: demoUser().id,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 3,
    myAccess: { update: true, delete: true, reassign: true, share: true, editableFields: [] },
    ...overrides,
    ...input,
    result: evaluateAhpModel(input),
  };
}

function server({ language = 'en', levels = MANAGER, routes = {} }: { language?: Language; levels?: Levels; routes?: Record<string, (request: Request) => Response | Promise<Response>> } = {}) {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse({ ...demoUser(), locale: language })),
    'GET /api/v1/me/permissions': () => json({ objects: [{ objectType: 'account', levels: REP, fields: {} }, { objectType: 'ahp_model', levels, fields: {} }] }),
    ...routes,
  });
}

/** Picks `label` in the pairwise cell `testId` (an antd Select), in the one dropdown open (closed ones stay, hidden). */
async function judge(testId: string, label: string) {
  const input = screen.getByTestId(testId).closest<HTMLElement>('.ant-select')!.querySelector('input')!;
  fireEvent.mouseDown(input);
  const option = await waitFor(() => {
    const open = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown')].filter((popup) => !popup.className.includes('hidden'));
    if (open.length !== 1) throw new Error(`${open.length} dropdowns open`);
    const found = [...open[0].querySelectorAll<HTMLElement>('.ant-select-item-option')].find((o) => o.getAttribute('title') === label || o.textContent === label);
    if (!found) throw new Error(`no option ${label}`);
    return found;
  });
  fireEvent.click(option);
  await waitFor(() => expect(cellText(testId)).toBe(label));
}

function cellText(testId: string): string {
  return screen.getByTestId(testId).closest('.ant-select')!.querySelector('.ant-select-content, .ant-select-selection-item')?.textContent ?? '';
}

// Each pairwise judgement opens an antd dropdown, slow in jsdom: the building test needs a generous timeout.
describe('the AHP workspace', { timeout: 120_000 }, () => {
  it('lists the models with their consistency and best item, reached from the analytics tabs (zh-CN)', async () => {
    const { fetch } = server({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/analytics/ahp-models': () =>
          json({ data: [record(), record({ comparisons: [[1, 1], [1, 1]], criteria: [{ name: 'x', scores: [1, 1] }, { name: 'y', comparisons: [[1, 9], [1 / 9, 1]] }] })].map((m, i) => ({ ...m, id: `${MODEL_ID.slice(0, -1)}${i}`, name: `模型${i}` })), nextCursor: null }),
      },
    });
    await renderApp('/analytics', { fetch, language: 'zh-CN' });
    fireEvent.click(await screen.findByTestId('analytics-tab-ahp'));
    const table = await screen.findByTestId('ahp-models-table');
    expect(await within(table).findByText('模型0')).toBeTruthy();
    expect(screen.getByTestId('page-title').textContent).toBe('层次分析法：服务项目盈利分析');
    expect(within(table).getAllByText('一致')).toHaveLength(2);
    expect(within(table).getByText('维保服务')).toBeTruthy();
    expect(screen.getByTestId('ahp-create')).toBeTruthy();
  });

  it('builds a model with live weights and consistency, asks to revise inconsistent judgements, and saves it', async () => {
    const { fetch, requests } = server({ routes: { 'POST /api/v1/analytics/ahp-models': async (request) => json(record((await request.json()) as Record<string, unknown>), 201) } });
    await renderApp('/analytics/ahp/new', { fetch, language: 'en' });
    fireEvent.change(await screen.findByTestId('ahp-name'), { target: { value: 'Service items 2026' } });
    for (const item of ['Installation', 'Maintenance', 'Training']) {
      fireEvent.change(screen.getByTestId('ahp-alternative-input'), { target: { value: item } });
      fireEvent.click(screen.getByTestId('ahp-alternative-add'));
    }
    for (const criterion of ['Profit', 'Satisfaction', 'Strategy']) {
      fireEvent.change(screen.getByTestId('ahp-criterion-input'), { target: { value: criterion } });
      fireEvent.click(screen.getByTestId('ahp-criterion-add'));
    }
    expect(await screen.findByTestId('ahp-incomplete')).toBeTruthy();
    [[20, 50, 30], [1, 1, 1], [1, 2, 1]].forEach((scores, c) => scores.forEach((score, a) => fireEvent.change(screen.getByTestId(`ahp-score-${c}-${a}`), { target: { value: String(score) } })));

    // Profit 3 × Satisfaction, 5 × Strategy; Satisfaction 3 × Strategy: the textbook matrix, CR 0.033.
    await judge('ahp-criteria-grid-0-1', '3');
    expect(cellText('ahp-criteria-grid-1-0')).toBe('1/3');
    await judge('ahp-criteria-grid-0-2', '5');
    await judge('ahp-criteria-grid-1-2', '3');
    await waitFor(() => expect(screen.getByTestId('ahp-consistency').dataset.consistent).toBe('true'));
    expect(screen.getByTestId('ahp-cr').textContent).toBe('0.0332');
    expect(within(screen.getByTestId('ahp-weights')).getByText('63.7%')).toBeTruthy();
    // ECharts is loaded on first use: the lazy chunk may take a while in a busy test run.
    expect(await screen.findByTestId('ahp-weights-chart', {}, { timeout: 20_000 })).toBeTruthy();
    expect(within(screen.getByTestId('ahp-ranking')).getAllByRole('row')[1].textContent).toContain('Maintenance');

    // Strategy 9 × Profit, yet Profit 3 × Satisfaction 3 × Strategy: contradictory, red, asking for a revision.
    await judge('ahp-criteria-grid-2-0', '9');
    expect(cellText('ahp-criteria-grid-0-2')).toBe('1/9');
    await waitFor(() => expect(screen.getByTestId('ahp-consistency').dataset.consistent).toBe('false'));
    expect(screen.getByTestId('ahp-consistency').textContent).toMatch(/please revise your judgements/);
    expect(screen.getByTestId('ahp-consistency').textContent).toMatch(/Criteria comparisons: CR = [\d.]+ ≥ 0.1/);
    await judge('ahp-criteria-grid-0-2', '5');
    await waitFor(() => expect(screen.getByTestId('ahp-consistency').dataset.consistent).toBe('true'));

    // Satisfaction compared pairwise instead of scored.
    fireEvent.click(screen.getByTestId('ahp-mode-1-pairwise'));
    await judge('ahp-grid-1-1-0', '2');
    fireEvent.click(screen.getByTestId('ahp-save'));
    await waitFor(() => expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/ahp-models'))).toHaveLength(1));
    const body = await requests.find((r) => r.method === 'POST' && r.url.endsWith('/ahp-models'))!.json();
    expect(body).toEqual({
      name: 'Service items 2026',
      alternatives: ['Installation', 'Maintenance', 'Training'],
      comparisons: [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]],
      criteria: [
        { name: 'Profit', scores: [20, 50, 30] },
        { name: 'Satisfaction', comparisons: [[1, 0.5, 1], [2, 1, 1], [1, 1, 1]] },
        { name: 'Strategy', scores: [1, 2, 1] },
      ],
    });
  });

  it('updates a stored model with If-Match and shows the field the server refuses', async () => {
    const { fetch, requests } = server({
      routes: {
        [`GET /api/v1/analytics/ahp-models/${MODEL_ID}`]: () => json(record()),
        [`PATCH /api/v1/analytics/ahp-models/${MODEL_ID}`]: () => problem(400, 'validation_failed', { errors: [{ field: 'criteria[1].comparisons[1][0]', message: '2 is not the reciprocal of criteria[1].comparisons[0][1] = 3' }] }),
      },
    });
    await renderApp(`/analytics/ahp/${MODEL_ID}`, { fetch, language: 'en' });
    expect((await screen.findByTestId('ahp-name') as HTMLInputElement).value).toBe('2026 服务项目评价');
    expect(screen.getByTestId('ahp-consistency').dataset.consistent).toBe('true');
    fireEvent.change(screen.getByTestId('ahp-score-0-0'), { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('ahp-save'));
    expect((await screen.findByTestId('ahp-save-error')).textContent).toContain('criteria[1].comparisons[1][0]: 2 is not the reciprocal');
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('W/"3"');
    expect(await patch.json()).toMatchObject({ criteria: [{ name: '利润率', scores: [20, 30] }, INPUT.criteria[1]], description: null });
  });

  it('shows a model read-only to who may only read it', async () => {
    const { fetch } = server({
      levels: REP,
      routes: { [`GET /api/v1/analytics/ahp-models/${MODEL_ID}`]: () => json(record({ myAccess: undefined })) },
    });
    await renderApp(`/analytics/ahp/${MODEL_ID}`, { fetch, language: 'zh-CN' });
    expect(await screen.findByTestId('ahp-read-only')).toBeTruthy();
    expect(screen.queryByTestId('ahp-save')).toBeNull();
    expect((screen.getByTestId('ahp-score-0-0') as HTMLInputElement).disabled).toBe(true);
    expect(within(screen.getByTestId('ahp-ranking')).getAllByRole('row')[1].textContent).toContain('维保服务');
  });
});
