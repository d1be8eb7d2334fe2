import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '@/features/identity/api/update-me';
import { useAuth } from '../auth/auth-context';
import { rememberLanguage, type Language } from '@/lib/language';

/** Switches the UI language, remembers it on this browser and, when signed in, in the user's profile. */
export function useChangeLanguage(): (language: Language) => void {
  const { i18n, t } = useTranslation();
  const { status } = useAuth();
  const { mutate: updateMe } = useUpdateMe();
  const { message } = App.useApp();
  return useCallback(
    (language: Language) => {
      rememberLanguage(language);
      void i18n.changeLanguage(language);
      if (status !== 'signedIn') return;
      // No If-Match: the language is a preference where the last choice should simply win.
      updateMe({ changes: { locale: language } }, { onError: () => void message.warning(t('language.saveFailed')) });
    },
    [i18n, status, updateMe, message, t],
  );
}
