import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { bucketLabelKey, type CustomerDimension } from '../api/customers';

/** A segment's, stage's or class's name in the caller's language ("not scored" for null). */
export function useBucketLabel() {
  const { t } = useTranslation();
  return useCallback((by: CustomerDimension, key: string | null): string => {
    const label = bucketLabelKey(by, key);
    // Known names are in both locale files (a test checks it); the name itself is the fallback for a configured segment.
    return label ? t(label, { defaultValue: key ?? '' }) : (key ?? '');
  }, [t]);
}
