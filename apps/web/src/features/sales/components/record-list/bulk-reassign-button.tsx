import { SwapOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBulkReassign, type ReassignableObject } from '../../api/bulk-reassign';
import { ReassignModal } from '../reassign-modal';

export interface BulkReassignButtonProps {
  objectType: ReassignableObject;
  selected: string[];
  onDone: () => void;
  testId: string;
}

/** Gives the selected records (at most 200, the API's limit) to one owner: all of them or, on any refusal, none. */
export function BulkReassignButton({ objectType, selected, onDone, testId }: BulkReassignButtonProps) {
  const { t } = useTranslation();
  const reassign = useBulkReassign(objectType);
  const [open, setOpen] = useState(false);
  if (selected.length === 0) return null;
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)} disabled={selected.length > 200} title={selected.length > 200 ? t('lists.reassignLimit') : undefined} data-testid={testId}>
        {t('lists.reassignSelected', { count: selected.length })}
      </Button>
      {open && (
        <ReassignModal
          ownerId={undefined}
          save={async (ownerId) => {
            await reassign.mutateAsync({ ids: selected, ownerId });
            onDone();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
