import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { buildTeamTree, useTeams, type TeamNode } from '../api/teams';
import { TeamFormModal } from './team-form-modal';

/** The organisation as a tree built from each team's parentId, and a form for a new team. */
export function TeamsTab() {
  const { t, i18n } = useTranslation();
  const teams = useTeams();
  const [creating, setCreating] = useState(false);
  const tree = useMemo(() => buildTeamTree(teams.data ?? []), [teams.data]);

  const columns: TableColumnsType<TeamNode> = [
    { key: 'name', title: t('admin.teams.columns.name'), render: (_, team) => localizedName(team, i18n.language) },
    { key: 'code', dataIndex: 'code', title: t('admin.teams.columns.code') },
    { key: 'kind', title: t('admin.teams.columns.kind'), render: (_, team) => <Tag>{t(`admin.teams.kinds.${team.kind}`)}</Tag> },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="end">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!teams.isSuccess} data-testid="team-new">
          {t('admin.teams.new')}
        </Button>
      </Flex>
      {teams.isError && <Alert type="error" showIcon title={teams.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <Table<TeamNode>
        // Remounted when the teams change, so a new team shows inside its expanded parent.
        key={teams.dataUpdatedAt}
        rowKey="id"
        data-testid="teams-table"
        columns={columns}
        dataSource={tree}
        loading={teams.isPending}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        locale={{ emptyText: t('admin.teams.empty') }}
      />
      {creating && teams.data && <TeamFormModal teams={teams.data} onClose={() => setCreating(false)} />}
    </Flex>
  );
}
