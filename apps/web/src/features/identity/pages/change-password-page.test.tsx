import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '@/lib/language';
import { createFakeFetch, demoUser, json, problem, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';

/** The antd form item (label, control, errors) around the input with this test id. */
function formItemOf(testId: string): HTMLElement {
  const item = screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item');
  if (!item) throw new Error(`${testId} is not inside a form item`);
  return item;
}

/** Signed in (refresh cookie) as a user whose profile language is `language`; the password change answers `answer`. */
function server(language: Language, answer?: () => Response) {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse(demoUser({ locale: language }))),
    ...(answer ? { 'POST /api/v1/me/password': answer } : {}),
  });
}

async function submitForm(current: string, next: string, confirm: string) {
  const user = setupUser();
  await user.type(await screen.findByTestId('current-password'), current);
  await user.type(screen.getByTestId('new-password'), next);
  await user.type(screen.getByTestId('confirm-password'), confirm);
  await user.click(screen.getByTestId('change-password-submit'));
}

describe('ChangePasswordPage', () => {
  it("puts the server's 422 field error on the field it names, in the UI language", async () => {
    const { fetch, requests } = server('zh-CN', () =>
      problem(422, 'password_rejected', { detail: 'The current password is wrong', errors: [{ field: 'currentPassword', message: 'is wrong' }] }),
    );
    await renderApp('/profile/password', { fetch });
    await submitForm('not-my-password', 'a long enough passphrase', 'a long enough passphrase');

    expect(await screen.findByText('当前密码不正确')).toBeTruthy();
    expect(formItemOf('current-password').textContent).toContain('当前密码不正确');
    expect(formItemOf('new-password').textContent).not.toContain('当前密码不正确');

    const sent = requests.find((request) => request.url.endsWith('/api/v1/me/password'));
    expect(sent?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(await sent?.json()).toEqual({ currentPassword: 'not-my-password', newPassword: 'a long enough passphrase' });
  });

  it('shows a refusal it has no translation for as the server wrote it', async () => {
    const { fetch } = server('en', () =>
      problem(422, 'password_rejected', { errors: [{ field: 'newPassword', message: 'must not be a line of poetry' }] }),
    );
    await renderApp('/profile/password', { fetch, language: 'en' });
    await submitForm('my-password', 'shall I compare thee', 'shall I compare thee');

    expect(await screen.findByText('must not be a line of poetry')).toBeTruthy();
    expect(formItemOf('new-password').textContent).toContain('must not be a line of poetry');
  });

  it('refuses a confirmation that does not match before asking the server', async () => {
    const { fetch, requests } = server('en');
    await renderApp('/profile/password', { fetch, language: 'en' });
    await submitForm('my-password', 'a long enough passphrase', 'a different passphrase!');

    expect(await screen.findByText('The passwords do not match')).toBeTruthy();
    expect(requests.some((request) => request.url.endsWith('/api/v1/me/password'))).toBe(false);
  });
});
