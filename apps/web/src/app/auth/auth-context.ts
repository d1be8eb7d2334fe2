import { createContext, useContext } from 'react';
import type { LoginBody, SessionStatus, User } from '@/lib/api';

export interface AuthContextValue {
  status: SessionStatus;
  /** Resolves with the user, or throws the ApiError of the login answer (401, 429, …). */
  login(credentials: LoginBody): Promise<User>;
  logout(): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}
