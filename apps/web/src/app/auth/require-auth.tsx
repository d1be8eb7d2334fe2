import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpinner } from '@/components/ui/full-page-spinner';
import { useAuth } from './auth-context';

/** Renders its children for a signed-in user; sends anyone else to /login and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'restoring') return <FullPageSpinner />;
  if (status === 'signedOut') return <Navigate to="/login" replace state={{ from: location }} />;
  return children;
}
