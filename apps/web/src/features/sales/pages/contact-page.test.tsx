import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { ACCOUNT_ID, CONTACT_FIELDS, CONTACT_ID, TEAMMATE_ID, contact, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

describe('ContactPage', { timeout: 20_000 }, () => {
  it('shows a contact shared read-only: its account, masked fields, and no actions', async () => {
    const { fetch } = salesServer({
      contactFields: { ...CONTACT_FIELDS, phone: 'masked', title: 'hidden' },
      routes: {
        [`GET /api/v1/contacts/${CONTACT_ID}`]: () =>
          json(contact({ ownerId: TEAMMATE_ID, phone: '138****2222', title: undefined, myAccess: { update: false, delete: false, reassign: false, share: false } })),
      },
    });
    await renderApp(`/sales/contacts/${CONTACT_ID}`, { fetch, language: 'en' });

    const fields = await screen.findByTestId('record-fields');
    expect(screen.getByTestId('page-title').textContent).toBe('李建国');
    expect(within(fields).getByTestId('field-phone').textContent).toBe('138****2222');
    expect(within(fields).getByLabelText('Masked')).toBeTruthy();
    expect(within(fields).queryByText('Title')).toBeNull();
    expect((await within(fields).findByTestId('contact-account')).getAttribute('href')).toBe(`/sales/accounts/${ACCOUNT_ID}`);
    for (const action of ['edit', 'share', 'reassign', 'delete']) expect(screen.queryByTestId(`record-${action}`)).toBeNull();
  });
});
