import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AhpModelResult } from '@lianxi/analytics/ahp';

/** Where an inconsistent matrix is, in the user's words: the criteria comparisons or one criterion's ratings. */
function useWhere(criteria: string[]) {
  const { t } = useTranslation();
  return (path: string): string => {
    const criterion = /^criteria\[(\d+)\]\.comparisons$/.exec(path);
    if (criterion) return t('ahp.result.whereCriterion', { name: criteria[Number(criterion[1])] ?? path });
    return path === 'comparisons' ? t('ahp.result.whereCriteria') : path;
  };
}

/** Green while every matrix has CR < 0.1; red, asking to revise the judgements named, otherwise. */
export function ConsistencyIndicator({ result, criteria }: { result: AhpModelResult; criteria: string[] }) {
  const { t } = useTranslation();
  const where = useWhere(criteria);
  if (result.consistent) {
    return <Alert type="success" showIcon data-testid="ahp-consistency" data-consistent="true" title={t('ahp.result.consistent', { cr: result.cr.toFixed(3) })} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="ahp-consistency"
      data-consistent="false"
      title={t('ahp.result.inconsistent')}
      description={
        <>
          {result.inconsistencies.map(({ path, cr }) => (
            <div key={path}>{t('ahp.result.revise', { where: where(path), cr: cr.toFixed(3) })}</div>
          ))}
        </>
      }
    />
  );
}
