import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatJudgement, SAATY_SCALE, setJudgement } from './ahp-draft';

const OPTIONS = SAATY_SCALE.map((value) => ({ value, label: formatJudgement(value) }));

/** The scale value a stored judgement stands for (0.333 is 1/3), so the cell shows it as picked. */
function onScale(value: number): number {
  return SAATY_SCALE.find((option) => Math.abs(option - value) <= 0.01 * option) ?? value;
}

/**
 * A pairwise comparison matrix on Saaty's 1–9 scale: a_ij says how much more important the row is than the column.
 * Picking a_ij sets a_ji = 1/a_ij, so the matrix is always reciprocal; the diagonal is 1.
 */
export function PairwiseGrid({ labels, matrix, onChange, disabled, testId }: { labels: string[]; matrix: number[][]; onChange: (matrix: number[][]) => void; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  if (labels.length < 2) return null;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={testId} style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th />
            {labels.map((label, j) => (
              <th key={j} style={{ padding: 4, fontWeight: 500, textAlign: 'center' }}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={i}>
              <th style={{ padding: 4, fontWeight: 500, textAlign: 'left', whiteSpace: 'nowrap' }}>{label}</th>
              {labels.map((_, j) => (
                <td key={j} style={{ padding: 2, textAlign: 'center' }}>
                  {i === j ? (
                    <span style={{ display: 'inline-block', width: 72 }}>1</span>
                  ) : (
                    <Select<number>
                      size="small"
                      style={{ width: 72 }}
                      value={onScale(matrix[i][j])}
                      options={OPTIONS.some((option) => option.value === onScale(matrix[i][j])) ? OPTIONS : [...OPTIONS, { value: matrix[i][j], label: formatJudgement(matrix[i][j]) }]}
                      labelRender={({ value }) => formatJudgement(Number(value))}
                      onChange={(value) => onChange(setJudgement(matrix, i, j, value))}
                      disabled={disabled}
                      aria-label={t('ahp.editor.cellLabel', { row: label, column: labels[j] })}
                      data-testid={`${testId}-${i}-${j}`}
                    />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
