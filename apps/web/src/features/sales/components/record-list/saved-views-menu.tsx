import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useCreateSavedView, useDeleteSavedView, useSavedViews, useUpdateSavedView, type SavedView } from '../../api/saved-views';
import type { ListView } from './use-list-view';

export interface SavedViewsMenuProps {
  view: Pick<ListView, 'objectType' | 'viewId' | 'apply' | 'definition'>;
  /** The search as the list uses it (debounced), saved as the `q` filter. */
  q: string;
}

/** Picks, saves, updates and deletes the caller's own views of a list (kept on the server, so they follow the user). */
export function SavedViewsMenu({ view, q }: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const views = useSavedViews(view.objectType);
  const createView = useCreateSavedView();
  const updateView = useUpdateSavedView();
  const deleteView = useDeleteSavedView();
  const [naming, setNaming] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const active = views.data?.find((v) => v.id === view.viewId);

  const problem = (error: unknown) => (error instanceof ApiError ? (Object.values(error.fieldErrors)[0] ?? error.detail ?? t('errors.generic')) : t('errors.network'));

  async function save({ name }: { name: string }) {
    setAlert(null);
    try {
      const created = await createView.mutateAsync({ objectType: view.objectType, name: name.trim(), definition: view.definition(q) });
      view.apply(created);
      setNaming(false);
      void message.success(t('lists.views.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) form.setFields([{ name: 'name', errors: [t('lists.views.nameTaken')] }]);
      else setAlert(problem(error));
    }
  }

  async function overwrite(target: SavedView) {
    try {
      const saved = await updateView.mutateAsync({ view: target, changes: { definition: view.definition(q) } });
      view.apply(saved);
      void message.success(t('lists.views.updated'));
    } catch (error) {
      void message.error(error instanceof ApiError && error.status === 412 ? t('lists.views.stale') : problem(error));
    }
  }

  async function remove(target: SavedView) {
    try {
      await deleteView.mutateAsync(target);
      view.apply(undefined);
      void message.success(t('lists.views.deleted'));
    } catch (error) {
      void message.error(error instanceof ApiError && error.status === 412 ? t('lists.views.stale') : problem(error));
    }
  }

  return (
    <Space.Compact>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('lists.views.placeholder')}
        aria-label={t('lists.views.label')}
        value={view.viewId}
        loading={views.isPending}
        onChange={(id?: string) => view.apply(views.data?.find((v) => v.id === id))}
        options={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        style={{ minWidth: 160 }}
        notFoundContent={t('lists.views.none')}
        data-testid={`${view.objectType}-views`}
      />
      {active ? (
        <>
          <Button icon={<SaveOutlined />} onClick={() => void overwrite(active)} loading={updateView.isPending} aria-label={t('lists.views.update')} title={t('lists.views.update')} data-testid="saved-view-update" />
          <Popconfirm title={t('lists.views.confirmDelete', { name: active.name })} okText={t('lists.views.delete')} cancelText={t('records.cancel')} onConfirm={() => remove(active)}>
            <Button icon={<DeleteOutlined />} danger aria-label={t('lists.views.delete')} title={t('lists.views.delete')} data-testid="saved-view-delete" />
          </Popconfirm>
        </>
      ) : null}
      <Button
        icon={active ? undefined : <SaveOutlined />}
        onClick={() => {
          form.resetFields();
          setAlert(null);
          setNaming(true);
        }}
        data-testid="saved-view-save"
      >
        {t('lists.views.saveAs')}
      </Button>
      <Modal
        open={naming}
        title={t('lists.views.saveAs')}
        okText={t('lists.views.save')}
        cancelText={t('records.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setNaming(false)}
        confirmLoading={createView.isPending}
        destroyOnHidden
        data-testid="saved-view-modal"
      >
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item name="name" label={t('lists.views.name')} rules={[{ required: true, whitespace: true, message: t('lists.views.nameRequired') }, { max: 100 }]}>
            <Input autoFocus maxLength={100} data-testid="saved-view-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Space.Compact>
  );
}
