import { Navigate } from 'react-router';
import { FullPageSpinner } from '@/components/ui/full-page-spinner';
import { useVisibleSections } from './sections';

/** `/` opens the first module the caller may use (administrators land in Admin, auditors in Audit). */
export function HomeRedirect() {
  const { sections, ready } = useVisibleSections();
  if (!ready) return <FullPageSpinner />;
  return <Navigate to={sections[0] ? `/${sections[0]}` : '/profile'} replace />;
}
