import { configure, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { PIPELINE, STAGES, opportunity, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const FIRST = opportunity();
const SECOND = opportunity({ id: '0190a0b0-0000-7000-8000-00000000d002', name: 'ZL50 装载机 ×2', stageId: STAGES[2].id, amount: '936001.00', version: 5 });

const WON = opportunity({ id: '0190a0b0-0000-7000-8000-00000000d003', name: 'QY25 起重机', stageId: STAGES[4].id, amount: '1200000.00', version: 7 });

/** The board's two reads: the open opportunities, and the latest closed ones (none unless given). */
const boardReads =
  (open: () => Response, closed: () => Response = () => json({ data: [], nextCursor: null })) =>
  (request: Request) =>
    new URL(request.url).searchParams.get('status') === 'closed' ? closed() : open();

/** A drag of `card` dropped on `column`, as a browser sends it (dragstart, dragover, drop), with one DataTransfer. */
function dragAndDrop(card: HTMLElement, column: HTMLElement) {
  const store = new Map<string, string>();
  const dataTransfer = { setData: (type: string, value: string) => store.set(type, value), getData: (type: string) => store.get(type) ?? '', effectAllowed: 'all', dropEffect: 'move' };
  fireEvent.dragStart(card, { dataTransfer });
  fireEvent.dragOver(column, { dataTransfer });
  const drop = createEvent.drop(column, { dataTransfer });
  fireEvent(column, drop);
}

describe('OpportunityBoardPage', { timeout: 20_000 }, () => {
  it('shows one column per stage with its cards, and a drop sends the new stage with If-Match', async () => {
    let moved = false;
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        'GET /api/v1/opportunities': boardReads(
          () => json({ data: moved ? [{ ...FIRST, stageId: STAGES[3].id, version: 3 }, SECOND] : [FIRST, SECOND], nextCursor: null }),
          () => json({ data: [WON], nextCursor: null }),
        ),
        [`PATCH /api/v1/opportunities/${FIRST.id}`]: () => {
          moved = true;
          return json({ ...FIRST, stageId: STAGES[3].id, version: 3, myAccess: { update: true, delete: true, reassign: false, share: true, editableFields: [] } });
        },
      },
    });
    await renderApp('/sales/opportunities/board', { fetch, language: 'en' });

    const board = await screen.findByTestId('opportunity-board');
    expect(within(board).getAllByText(/Qualification|Needs analysis|Proposal|Negotiation|Won|Lost/).map((e) => e.textContent)).toEqual(PIPELINE.stages.map((s) => s.nameEn));
    const firstColumn = screen.getByTestId(`board-column-${STAGES[0].id}`);
    expect(within(firstColumn).getByText('XE370 挖掘机 ×3')).toBeTruthy();
    expect(within(firstColumn).getByText('CNY 4,140,000.00')).toBeTruthy();
    expect(within(screen.getByTestId(`board-column-${STAGES[4].id}`)).getByText('QY25 起重机')).toBeTruthy();
    // The board asks for the default pipeline's open opportunities by close date, and its latest closed ones.
    const asked = requestsTo(requests, 'GET', '/api/v1/opportunities').map((r) => Object.fromEntries(new URL(r.url).searchParams));
    expect(asked).toEqual(
      expect.arrayContaining([
        { pipelineId: PIPELINE.id, status: 'open', sort: 'expectedCloseDate', limit: '200' },
        { pipelineId: PIPELINE.id, status: 'closed', sort: '-expectedCloseDate', limit: '50' },
      ]),
    );

    dragAndDrop(screen.getByTestId(`board-card-${FIRST.id}`), screen.getByTestId(`board-column-${STAGES[3].id}`));

    await waitFor(() => expect(requestsTo(requests, 'PATCH', `/api/v1/opportunities/${FIRST.id}`)).toHaveLength(1));
    const [patch] = requestsTo(requests, 'PATCH', `/api/v1/opportunities/${FIRST.id}`);
    expect(patch.headers.get('If-Match')).toBe('W/"2"');
    expect(await patch.json()).toEqual({ stageId: STAGES[3].id });
    expect(await screen.findByText('Moved to Negotiation')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId(`board-column-${STAGES[3].id}`)).getByText('XE370 挖掘机 ×3')).toBeTruthy());
    expect(within(screen.getByTestId(`board-column-${STAGES[0].id}`)).queryByText('XE370 挖掘机 ×3')).toBeNull();
  });

  it('a drop on the same column sends nothing', async () => {
    const { fetch, requests } = salesServer({ routes: { 'GET /api/v1/opportunities': boardReads(() => json({ data: [FIRST], nextCursor: null })) } });
    await renderApp('/sales/opportunities/board', { fetch });
    const card = await screen.findByTestId(`board-card-${FIRST.id}`);
    dragAndDrop(card, screen.getByTestId(`board-column-${STAGES[0].id}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requestsTo(requests, 'PATCH', `/api/v1/opportunities/${FIRST.id}`)).toHaveLength(0);
  });

  it('on 412 it reloads the board, puts the card where the server has it, and tells the user', async () => {
    let reads = 0;
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/opportunities': boardReads(() => {
          reads += 1;
          // Someone else moved it to Needs analysis meanwhile: the reload shows it there.
          return json({ data: [reads === 1 ? FIRST : { ...FIRST, stageId: STAGES[1].id, version: 3 }], nextCursor: null });
        }),
        [`PATCH /api/v1/opportunities/${FIRST.id}`]: () => problem(412, 'precondition_failed', { detail: 'The record is at version 3; you sent 2.' }),
      },
    });
    await renderApp('/sales/opportunities/board', { fetch, language: 'zh-CN' });
    const card = await screen.findByTestId(`board-card-${FIRST.id}`);
    dragAndDrop(card, screen.getByTestId(`board-column-${STAGES[4].id}`));

    expect(await screen.findByText('该商机已被他人修改，看板已刷新，请核对后重试。')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId(`board-column-${STAGES[1].id}`)).getByText('XE370 挖掘机 ×3')).toBeTruthy());
    expect(within(screen.getByTestId(`board-column-${STAGES[4].id}`)).queryByText('XE370 挖掘机 ×3')).toBeNull();
    expect(requestsTo(requests, 'GET', '/api/v1/opportunities').length).toBeGreaterThanOrEqual(2);
  });

  it('on 403 the card goes back and the user is told', async () => {
    const { fetch } = salesServer({
      language: 'en',
      routes: {
        'GET /api/v1/opportunities': boardReads(() => json({ data: [FIRST], nextCursor: null })),
        [`PATCH /api/v1/opportunities/${FIRST.id}`]: () => problem(403, 'forbidden', { detail: 'You may not change this Opportunity' }),
      },
    });
    await renderApp('/sales/opportunities/board', { fetch, language: 'en' });
    dragAndDrop(await screen.findByTestId(`board-card-${FIRST.id}`), screen.getByTestId(`board-column-${STAGES[2].id}`));
    expect(await screen.findByText('You may not move this opportunity.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId(`board-column-${STAGES[0].id}`)).getByText('XE370 挖掘机 ×3')).toBeTruthy());
  });
});
