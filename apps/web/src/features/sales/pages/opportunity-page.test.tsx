import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { ME, STAGES, account, opportunity, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const OPPORTUNITY = opportunity({ stageId: STAGES[1].id, myAccess: { update: true, delete: false, reassign: false, share: true, editableFields: ['name', 'stageId', 'amount'] } });
const PATH = `/sales/opportunities/${OPPORTUNITY.id}`;

describe('OpportunityPage', { timeout: 20_000 }, () => {
  it('shows the account, the stage history, and changes the stage with If-Match', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        [`GET /api/v1/opportunities/${OPPORTUNITY.id}`]: () => json(OPPORTUNITY, 200, { ETag: 'W/"2"' }),
        [`GET /api/v1/opportunities/${OPPORTUNITY.id}/stage-history`]: () =>
          json([
            { id: 'h1', fromStageId: null, toStageId: STAGES[0].id, changedBy: ME.id, changedAt: '2026-09-01T08:00:00.000Z' },
            { id: 'h2', fromStageId: STAGES[0].id, toStageId: STAGES[1].id, changedBy: ME.id, changedAt: '2026-09-04T08:00:00.000Z' },
          ]),
        [`PATCH /api/v1/opportunities/${OPPORTUNITY.id}`]: () => json({ ...OPPORTUNITY, stageId: STAGES[2].id, probability: 40, version: 3 }),
        [`GET /api/v1/accounts/${account().id}`]: () => json(account()),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });

    await waitFor(() => expect(screen.getByTestId('page-title').textContent).toBe('XE370 挖掘机 ×3'));
    expect((await screen.findByTestId('opportunity-account')).textContent).toBe('徐州恒达工程机械有限公司');
    const history = screen.getByTestId('stage-history');
    expect(await within(history).findByText('Created in Qualification')).toBeTruthy();
    expect(within(history).getByText('Qualification → Needs analysis')).toBeTruthy();

    await pickOption('opportunity-stage', 'Proposal');
    await waitFor(() => expect(requestsTo(requests, 'PATCH', `/api/v1/opportunities/${OPPORTUNITY.id}`)).toHaveLength(1));
    const [patch] = requestsTo(requests, 'PATCH', `/api/v1/opportunities/${OPPORTUNITY.id}`);
    expect(patch.headers.get('If-Match')).toBe('W/"2"');
    expect(await patch.json()).toEqual({ stageId: STAGES[2].id });
    expect(await screen.findByText('Moved to Proposal')).toBeTruthy();
  });

  it('shows the stage read-only to who may not move it', async () => {
    const { fetch } = salesServer({
      language: 'zh-CN',
      routes: {
        [`GET /api/v1/opportunities/${OPPORTUNITY.id}`]: () => json({ ...OPPORTUNITY, myAccess: { update: false, delete: false, reassign: false, share: false, editableFields: [] } }),
        [`GET /api/v1/opportunities/${OPPORTUNITY.id}/stage-history`]: () => json([]),
      },
    });
    await renderApp(PATH, { fetch });
    const stage = await screen.findByTestId('opportunity-stage');
    await waitFor(() => expect(stage.textContent).toBe('需求分析'));
    expect(stage.closest('.ant-select')).toBeNull();
    expect(screen.getByText('暂无阶段变更')).toBeTruthy();
  });
});
