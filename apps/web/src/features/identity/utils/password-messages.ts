import type { TFunction } from 'i18next';

/**
 * The API explains password refusals in English (`errors[].message`). The known explanations are shown in
 * the UI language; anything else (a new rule, reworded text) is shown as the server wrote it.
 */
export function localizePasswordError(t: TFunction, field: string, message: string): string {
  if (field === 'currentPassword' && message === 'is wrong') return t('password.errors.currentWrong');
  if (field !== 'newPassword') return message;
  if (message === 'must differ from the current password') return t('password.errors.sameAsCurrent');
  if (message === 'is one of the 10,000 most common passwords') return t('password.errors.common');
  if (message === 'must not be your email address') return t('password.errors.email');
  if (/^must be at (least|most) \d+ characters long$/.test(message)) return t('password.validation.length');
  return message;
}
