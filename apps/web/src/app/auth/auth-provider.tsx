import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { meKeys } from '@/features/identity/api/get-me';
import { useApi } from '@/lib/api-context';
import { rememberLanguage } from '@/lib/language';
import { AuthContext, type AuthContextValue } from './auth-context';

/** Restores the session from the refresh cookie on load and keeps the query cache and language in step with it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  const { status } = useSyncExternalStore(api.subscribe, api.getState);

  useEffect(() => {
    let previous = api.getState().status;
    const unsubscribe = api.subscribe(() => {
      const { status: next, user } = api.getState();
      if (user) queryClient.setQueryData(meKeys.all, user);
      if (next === 'signedIn' && previous !== 'signedIn' && user) {
        // The profile's language wins at sign-in; later token refreshes must not undo a switch in progress.
        rememberLanguage(user.locale);
        void i18n.changeLanguage(user.locale);
      }
      // Nothing of one user may be shown to the next one signing in on this tab.
      if (next === 'signedOut' && previous !== 'signedOut') queryClient.clear();
      previous = next;
    });
    void api.restore();
    return unsubscribe;
  }, [api, queryClient, i18n]);

  const value = useMemo<AuthContextValue>(() => ({ status, login: api.login, logout: api.logout }), [api, status]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
