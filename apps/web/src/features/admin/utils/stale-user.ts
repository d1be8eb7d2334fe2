import { ApiError } from '@/lib/api';

/**
 * A user-edit dialog's answer to 412 (someone changed the user since the dialog opened): say so and close, so the
 * list shows the current user. True when it handled the error.
 */
export function closeIfStale(error: unknown, warn: () => void, onClose: () => void): boolean {
  if (!(error instanceof ApiError && error.status === 412)) return false;
  warn();
  onClose();
  return true;
}
