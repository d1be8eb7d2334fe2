import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, demoUser, json, problem, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';

/** The antd form item (label, control, errors) around the input with this test id. */
function formItemOf(testId: string): HTMLElement {
  const item = screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item');
  if (!item) throw new Error(`${testId} is not inside a form item`);
  return item;
}

describe('ChangePasswordPage', () => {
  it("puts the server's 422 field error on the field it names", async () => {
    const { fetch, requests } = createFakeFetch({
      'POST /api/v1/auth/refresh': () => json(tokenResponse(demoUser({ locale: 'en' }))),
      'POST /api/v1/me/password': () =>
        problem(422, 'password_rejected', {
          detail: 'The current password is wrong',
          errors: [{ field: 'currentPassword', message: 'is not your current password' }],
        }),
    });
    await renderApp('/profile/password', { fetch, language: 'en' });
    const user = setupUser();

    await user.type(await screen.findByTestId('current-password'), 'not-my-password');
    await user.type(screen.getByTestId('new-password'), 'a long enough passphrase');
    await user.type(screen.getByTestId('confirm-password'), 'a long enough passphrase');
    await user.click(screen.getByTestId('change-password-submit'));

    expect(await screen.findByText('is not your current password')).toBeTruthy();
    expect(formItemOf('current-password').textContent).toContain('is not your current password');
    expect(formItemOf('new-password').textContent).not.toContain('is not your current password');

    const sent = requests.find((request) => request.url.endsWith('/api/v1/me/password'));
    expect(sent?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(await sent?.json()).toEqual({ currentPassword: 'not-my-password', newPassword: 'a long enough passphrase' });
  });

  it('refuses a confirmation that does not match before asking the server', async () => {
    const { fetch, requests } = createFakeFetch({
      'POST /api/v1/auth/refresh': () => json(tokenResponse(demoUser({ locale: 'en' }))),
    });
    await renderApp('/profile/password', { fetch, language: 'en' });
    const user = setupUser();

    await user.type(await screen.findByTestId('current-password'), 'my-password');
    await user.type(screen.getByTestId('new-password'), 'a long enough passphrase');
    await user.type(screen.getByTestId('confirm-password'), 'a different passphrase!');
    await user.click(screen.getByTestId('change-password-submit'));

    expect(await screen.findByText('The passwords do not match')).toBeTruthy();
    expect(requests.some((request) => request.url.endsWith('/api/v1/me/password'))).toBe(false);
  });
});
