import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Input, InputNumber, Popconfirm, Radio, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { useAhpModel, useCreateAhpModel, useDeleteAhpModel, useUpdateAhpModel } from './ahp-api';
import { addAlternative, addCriterion, type AhpDraft, evaluateDraft, fromModel, newDraft, removeAlternative, removeCriterion, toModel, updateCriterion } from './ahp-draft';
import { AhpResultPanel } from './ahp-result-panel';
import { PairwiseGrid } from './pairwise-grid';

/** `/analytics/ahp/new` and `/analytics/ahp/:id`: the AHP workspace, with weights and consistency computed as you type. */
export function AhpModelPage() {
  const { id } = useParams();
  // Another model (or the one just created) starts from its own saved state.
  return <Workspace key={id ?? 'new'} id={id} />;
}

function Workspace({ id }: { id: string | undefined }) {
  const isNew = id === undefined;
  const { t } = useTranslation();
  const permissions = usePermissions();
  const model = useAhpModel(id);
  const [draft, setDraft] = useState<AhpDraft | null>(isNew ? newDraft() : null);
  useEffect(() => {
    if (model.data && draft === null) setDraft(fromModel(model.data));
  }, [model.data, draft]);

  const title = isNew ? t('ahp.editor.newTitle') : (model.data?.name ?? t('ahp.title'));
  const back = <Link to="/analytics/ahp">{t('ahp.editor.back')}</Link>;
  if (!isNew && model.isError) {
    const notFound = model.error instanceof ApiError && model.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={t(notFound ? 'ahp.editor.notFound' : 'errors.generic')} extra={back} />;
  }
  if (permissions.isPending || draft === null) return <><PageHeader title={title} /><Skeleton active /></>;
  const editable = isNew ? permissions.canDo('ahp_model', 'create') : (model.data?.myAccess?.update ?? false);
  return <Editor id={id} title={title} back={back} draft={draft} setDraft={setDraft} editable={editable} version={model.data?.version} mayDelete={model.data?.myAccess?.delete ?? false} />;
}

function Editor({ id, title, back, draft, setDraft, editable, version, mayDelete }: {
  id: string | undefined;
  title: string;
  back: React.ReactNode;
  draft: AhpDraft;
  setDraft: (draft: AhpDraft) => void;
  editable: boolean;
  version: number | undefined;
  mayDelete: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateAhpModel();
  const update = useUpdateAhpModel();
  const remove = useDeleteAhpModel();
  const [newAlternative, setNewAlternative] = useState('');
  const [newCriterion, setNewCriterion] = useState('');
  const evaluation = useMemo(() => evaluateDraft(draft), [draft]);
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error ?? remove.error;
  const hasSubCriteria = draft.criteria.some((c) => c.subCriteria);

  const save = () => {
    const body = { name: draft.name.trim(), description: draft.description.trim() || undefined, ...toModel(draft) };
    if (id === undefined) {
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('ahp.editor.saved'));
          void navigate(`/analytics/ahp/${saved.id}`, { replace: true });
        },
      });
    } else {
      update.mutate({ id, version: version!, changes: { ...body, description: body.description ?? null } }, { onSuccess: () => void message.success(t('ahp.editor.saved')) });
    }
  };

  const addTo = (kind: 'alternative' | 'criterion') => {
    const name = (kind === 'alternative' ? newAlternative : newCriterion).trim();
    if (!name) return;
    if (kind === 'alternative') {
      setDraft(addAlternative(draft, name));
      setNewAlternative('');
    } else {
      setDraft(addCriterion(draft, name));
      setNewCriterion('');
    }
  };

  return (
    <>
      <PageHeader
        title={title}
        extra={
          <Space>
            {back}
            {id !== undefined && mayDelete && (
              <Popconfirm title={t('ahp.editor.deleteConfirm')} onConfirm={() => remove.mutate({ id, version: version! }, { onSuccess: () => void navigate('/analytics/ahp') })}>
                <Button danger icon={<DeleteOutlined />} data-testid="ahp-delete">
                  {t('ahp.editor.delete')}
                </Button>
              </Popconfirm>
            )}
            {editable && (
              <Button type="primary" onClick={save} loading={saving} disabled={!draft.name.trim() || hasSubCriteria} data-testid="ahp-save">
                {t('ahp.editor.save')}
              </Button>
            )}
          </Space>
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="ahp-save-error"
          title={error instanceof ApiError && Object.keys(error.fieldErrors).length ? t('ahp.editor.invalid') : t('errors.generic')}
          description={error instanceof ApiError ? Object.entries(error.fieldErrors).map(([field, text]) => <div key={field}>{`${field}: ${text}`}</div>) : undefined}
        />
      )}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="ahp-read-only" title={t('ahp.editor.readOnly')} />}
      {hasSubCriteria && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('ahp.editor.subCriteriaNote')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap="middle">
            <Card size="small">
              <Flex vertical gap="small">
                <Input placeholder={t('ahp.editor.name')} value={draft.name} maxLength={200} disabled={!editable} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="ahp-name" />
                <Input.TextArea placeholder={t('ahp.editor.description')} value={draft.description} maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} disabled={!editable} onChange={(e) => setDraft({ ...draft, description: e.target.value })} data-testid="ahp-description" />
              </Flex>
            </Card>

            <Card size="small" title={t('ahp.editor.alternatives')}>
              <Flex wrap gap="small" style={{ marginBottom: 8 }}>
                {draft.alternatives.map((name, a) => (
                  <Space.Compact key={a}>
                    <Input
                      value={name}
                      style={{ width: 160 }}
                      disabled={!editable}
                      onChange={(e) => setDraft({ ...draft, alternatives: draft.alternatives.map((old, i) => (i === a ? e.target.value : old)) })}
                      data-testid={`ahp-alternative-${a}`}
                    />
                    {editable && <Button icon={<DeleteOutlined />} aria-label={t('ahp.editor.remove')} onClick={() => setDraft(removeAlternative(draft, a))} data-testid={`ahp-alternative-remove-${a}`} />}
                  </Space.Compact>
                ))}
              </Flex>
              {editable && (
                <Space.Compact>
                  <Input placeholder={t('ahp.editor.alternativePlaceholder')} value={newAlternative} onChange={(e) => setNewAlternative(e.target.value)} onPressEnter={() => addTo('alternative')} data-testid="ahp-alternative-input" />
                  <Button icon={<PlusOutlined />} onClick={() => addTo('alternative')} data-testid="ahp-alternative-add">
                    {t('ahp.editor.add')}
                  </Button>
                </Space.Compact>
              )}
            </Card>

            <Card size="small" title={t('ahp.editor.criteria')}>
              <Flex vertical gap="small">
                {draft.criteria.map((criterion, c) => (
                  <Space.Compact key={c}>
                    <Input value={criterion.name} style={{ width: 200 }} disabled={!editable} onChange={(e) => setDraft(updateCriterion(draft, c, { name: e.target.value }))} data-testid={`ahp-criterion-${c}`} />
                    {editable && <Button icon={<DeleteOutlined />} aria-label={t('ahp.editor.remove')} onClick={() => setDraft(removeCriterion(draft, c))} data-testid={`ahp-criterion-remove-${c}`} />}
                  </Space.Compact>
                ))}
                {editable && (
                  <Space.Compact>
                    <Input placeholder={t('ahp.editor.criterionPlaceholder')} value={newCriterion} onChange={(e) => setNewCriterion(e.target.value)} onPressEnter={() => addTo('criterion')} data-testid="ahp-criterion-input" />
                    <Button icon={<PlusOutlined />} onClick={() => addTo('criterion')} data-testid="ahp-criterion-add">
                      {t('ahp.editor.add')}
                    </Button>
                  </Space.Compact>
                )}
              </Flex>
            </Card>

            {draft.criteria.length >= 2 && (
              <Card size="small" title={t('ahp.editor.criteriaComparisons')}>
                <Typography.Paragraph type="secondary">{t('ahp.editor.scaleHint')}</Typography.Paragraph>
                <PairwiseGrid labels={draft.criteria.map((c) => c.name)} matrix={draft.comparisons} onChange={(comparisons) => setDraft({ ...draft, comparisons })} disabled={!editable} testId="ahp-criteria-grid" />
              </Card>
            )}

            {draft.alternatives.length > 0 &&
              draft.criteria.map((criterion, c) =>
                criterion.subCriteria ? null : (
                  <Card
                    key={c}
                    size="small"
                    title={t('ahp.editor.ratingsUnder', { name: criterion.name })}
                    extra={
                      <Radio.Group
                        size="small"
                        value={criterion.mode}
                        disabled={!editable}
                        onChange={(e) => setDraft(updateCriterion(draft, c, { mode: e.target.value as 'scores' | 'pairwise' }))}
                        options={[
                          { value: 'scores', label: <span data-testid={`ahp-mode-${c}-scores`}>{t('ahp.editor.modeScores')}</span> },
                          { value: 'pairwise', label: <span data-testid={`ahp-mode-${c}-pairwise`}>{t('ahp.editor.modePairwise')}</span> },
                        ]}
                      />
                    }
                  >
                    {criterion.mode === 'scores' ? (
                      <>
                        <Typography.Paragraph type="secondary">{t('ahp.editor.scoresHint')}</Typography.Paragraph>
                        <Flex wrap gap="middle">
                          {draft.alternatives.map((name, a) => (
                            <label key={a}>
                              <div>{name}</div>
                              <InputNumber<number>
                                min={0}
                                value={criterion.scores[a]}
                                disabled={!editable}
                                onChange={(value) => setDraft(updateCriterion(draft, c, { scores: criterion.scores.map((old, i) => (i === a ? value : old)) }))}
                                data-testid={`ahp-score-${c}-${a}`}
                              />
                            </label>
                          ))}
                        </Flex>
                      </>
                    ) : (
                      <PairwiseGrid labels={draft.alternatives} matrix={criterion.comparisons} onChange={(comparisons) => setDraft(updateCriterion(draft, c, { comparisons }))} disabled={!editable} testId={`ahp-grid-${c}`} />
                    )}
                  </Card>
                ),
              )}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('ahp.result.title')} style={{ position: 'sticky', top: 16 }}>
            <AhpResultPanel evaluation={evaluation} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
