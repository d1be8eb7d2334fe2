import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { catchDownloads } from '@/testing/downloads';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';
import { pickOption } from '@/testing/select';
import { ACCOUNT_FIELDS, ACCOUNT_ID, ALL_ACCESS, CONTACT_FIELDS, REP_E2_ID, REP_LEVELS, TEAM_E2, TEAMMATE_ID, account, requestsTo, salesServer } from '../testing/sales-server';

// antd renders slowly in jsdom; the first render after sign-in can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5000 });

const PATH = `/sales/accounts/${ACCOUNT_ID}`;

function formItemOf(testId: string): HTMLElement {
  const item = screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item');
  if (!item) throw new Error(`${testId} is not inside a form item`);
  return item;
}

describe('AccountPage', { timeout: 20_000 }, () => {
  it('lays the fields out by field access and shows the actions myAccess allows', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      accountFields: { ...ACCOUNT_FIELDS, phone: 'masked', email: 'hidden' },
      contactFields: { ...CONTACT_FIELDS, email: 'hidden' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () =>
          json(account({ phone: '138****5678', email: undefined, restricted: true, myAccess: { update: true, share: true, delete: false, reassign: false } })),
        'GET /api/v1/contacts/export': () => new Response('name\n李建国\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="contacts.csv"' } }),
      },
    });
    await renderApp(PATH, { fetch });

    await screen.findByTestId('record-fields');
    expect(screen.getByTestId('page-title').textContent).toBe('徐州恒达工程机械有限公司');
    // Record level (myAccess): edit and share, no delete or reassign. Object level: a new contact may be created.
    expect(screen.getByTestId('record-edit')).toBeTruthy();
    expect(screen.getByTestId('record-share')).toBeTruthy();
    expect(screen.queryByTestId('record-delete')).toBeNull();
    expect(screen.queryByTestId('record-reassign')).toBeNull();
    expect(screen.getByTestId('contact-new')).toBeTruthy();

    const fields = screen.getByTestId('record-fields');
    expect(within(fields).getByTestId('field-phone').textContent).toBe('138****5678');
    expect(within(fields).getByLabelText('已脱敏')).toBeTruthy();
    expect(within(fields).queryByText('邮箱')).toBeNull();
    expect(within(fields).getByText('construction')).toBeTruthy();

    const attributes = screen.getByTestId('record-attributes');
    expect(within(attributes).getByTestId('record-owner').textContent).toBe('王磊（我）');
    expect(await within(attributes).findByText('华东一组')).toBeTruthy();
    expect(within(attributes).getByTestId('record-restricted').textContent).toBe('是');
    expect(within(attributes).getByTestId('record-owner-only').textContent).toBe('否');

    // The related list follows the contact field rules: no email column.
    const contacts = await screen.findByTestId('contacts-table');
    expect(await within(contacts).findByText('李建国')).toBeTruthy();
    expect(within(contacts).getAllByRole('columnheader').map((cell) => cell.textContent)).not.toContain('邮箱');
    expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}/contacts`)).toHaveLength(1);

    // The account's contacts as a CSV file.
    const saved = catchDownloads();
    await setupUser().click(screen.getByTestId('contacts-export'));
    await waitFor(() => expect(saved.map((file) => file.filename)).toEqual(['contacts.csv']));
    const [exported] = requestsTo(requests, 'GET', '/api/v1/contacts/export');
    expect(new URL(exported?.url ?? '').searchParams.get('accountId')).toBe(ACCOUNT_ID);
  });

  it('hides what myAccess and the object levels refuse, names the owner from the directory, and says why a delete failed (409)', async () => {
    const { fetch, requests } = salesServer({
      contactLevels: { ...REP_LEVELS, create: 'none' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => json(account({ ownerId: TEAMMATE_ID, myAccess: { update: false, share: false, delete: true, reassign: true } })),
        [`DELETE /api/v1/accounts/${ACCOUNT_ID}`]: () => problem(409, 'conflict', { detail: 'Other records refer to it' }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    await screen.findByTestId('record-delete');

    expect(screen.queryByTestId('record-edit')).toBeNull();
    expect(screen.queryByTestId('record-share')).toBeNull();
    expect(screen.queryByTestId('contact-new')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('record-reassign').disabled).toBe(false);
    // Someone else's record: the owner's name comes from the colleague directory, not "(you)".
    await waitFor(() => expect(screen.getByTestId('record-owner').textContent).toBe('Li Jing'));

    const user = setupUser();
    await user.click(screen.getByTestId('record-delete'));
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Other records still refer to this one, so it cannot be deleted.')).toBeTruthy();
    const [sent] = requestsTo(requests, 'DELETE', `/api/v1/accounts/${ACCOUNT_ID}`);
    expect(sent?.headers.get('If-Match')).toBe('W/"3"');
  });

  it('edits only editable fields, sends only the changed ones with If-Match, and puts a 403 on its field', async () => {
    const { fetch, requests } = salesServer({
      accountFields: { ...ACCOUNT_FIELDS, phone: 'masked', industry: 'read', email: 'hidden' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => json(account({ phone: '138****5678', email: undefined })),
        [`PATCH /api/v1/accounts/${ACCOUNT_ID}`]: () =>
          problem(403, 'forbidden', { detail: 'You may not change these fields', errors: [{ field: 'region', message: 'you may not change this field' }] }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-edit'));

    const region = await screen.findByTestId<HTMLInputElement>('form-region');
    // Masked and read-only fields are shown but are no inputs; hidden ones are absent.
    expect(screen.queryByTestId('form-phone')).toBeNull();
    expect(screen.getByTestId('form-readonly-phone').textContent).toContain('138****5678');
    expect(screen.queryByTestId('form-industry')).toBeNull();
    expect(screen.getByTestId('form-readonly-industry').textContent).toContain('construction');
    expect(screen.queryByTestId('form-email')).toBeNull();
    expect(screen.queryByTestId('form-readonly-email')).toBeNull();

    await user.clear(region);
    await user.type(region, 'East China');
    await user.click(screen.getByTestId('edit-submit'));

    await waitFor(() => expect(formItemOf('form-region').textContent).toContain('You may not change this field.'));
    const [sent] = requestsTo(requests, 'PATCH', `/api/v1/accounts/${ACCOUNT_ID}`);
    expect(sent?.headers.get('If-Match')).toBe('W/"3"');
    expect(await sent?.json()).toEqual({ region: 'East China' });
  });

  it('lets a read-only role edit exactly the fields the record grants it (an edit share: myAccess.editableFields)', async () => {
    const { fetch } = salesServer({
      accountFields: { ...ACCOUNT_FIELDS, name: 'read', kind: 'read', industry: 'read', region: 'read', phone: 'masked', email: 'read' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () =>
          json(account({ phone: '138****5678', myAccess: { update: true, delete: false, reassign: false, share: true, editableFields: ['name', 'kind', 'industry', 'region', 'email'] } })),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    await setupUser().click(await screen.findByTestId('record-edit'));
    expect(await screen.findByTestId('form-industry')).toBeTruthy();
    expect(screen.getByTestId('form-region')).toBeTruthy();
    // The masked phone stays out of reach.
    expect(screen.queryByTestId('form-phone')).toBeNull();
    expect(screen.getByTestId('form-readonly-phone').textContent).toContain('138****5678');
  });

  it('on 412 says someone else changed the record and reloads it on request', async () => {
    let reads = 0;
    const { fetch, requests } = salesServer({
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => {
          reads += 1;
          return json(reads === 1 ? account() : account({ version: 4, region: 'North' }));
        },
        [`PATCH /api/v1/accounts/${ACCOUNT_ID}`]: () => problem(412, 'precondition_failed'),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-edit'));
    await user.type(await screen.findByTestId('form-industry'), ' equipment');
    await user.click(screen.getByTestId('edit-submit'));

    expect((await screen.findByTestId('edit-conflict')).textContent).toContain('Someone else changed this record');
    await user.click(screen.getByTestId('edit-reload'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('form-region').value).toBe('North'));
    expect(screen.queryByTestId('edit-conflict')).toBeNull();
    expect(await requestsTo(requests, 'PATCH', `/api/v1/accounts/${ACCOUNT_ID}`)[0]?.json()).toEqual({ industry: 'construction equipment' });
  });

  it('reassigns to a colleague picked from the directory: a 403 naming ownerId lands on the field, and the answer\'s myAccess sets the actions', async () => {
    let patches = 0;
    const { fetch, requests } = salesServer({
      accountLevels: { ...REP_LEVELS, reassign: 'team' },
      routes: {
        [`PATCH /api/v1/accounts/${ACCOUNT_ID}`]: () => {
          patches += 1;
          return patches === 1
            ? problem(403, 'forbidden', { detail: 'The new owner is outside your reassign reach', errors: [{ field: 'ownerId', message: 'is outside the teams you may assign to' }] })
            : json(account({ ownerId: REP_E2_ID, teamId: TEAM_E2.id, version: 4, myAccess: { ...ALL_ACCESS, update: false, delete: false, share: false } }));
        },
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-reassign'));
    const modal = await screen.findByTestId('reassign-modal');

    await pickOption('reassign-owner', 'Zhang Wei · rep.e2@lianxi.test');
    await user.click(within(modal).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(formItemOf('reassign-owner').textContent).toContain('You may not give records to this user'));

    await user.click(within(modal).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(screen.queryByTestId('reassign-modal')).toBeNull());
    expect(screen.getByTestId('record-owner').textContent).toBe('Zhang Wei');
    expect(await screen.findByText('Group E2')).toBeTruthy();
    // The rights come from the PATCH answer: no edit, share or delete any more, and no second read of the record.
    expect(screen.queryByTestId('record-edit')).toBeNull();
    expect(screen.queryByTestId('record-share')).toBeNull();
    expect(screen.queryByTestId('record-delete')).toBeNull();
    expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}`)).toHaveLength(1);
    const sent = requestsTo(requests, 'PATCH', `/api/v1/accounts/${ACCOUNT_ID}`);
    expect(sent.map((request) => request.headers.get('If-Match'))).toEqual(['W/"3"', 'W/"3"']);
    expect(await sent[1]?.json()).toEqual({ ownerId: REP_E2_ID });
  });
});
