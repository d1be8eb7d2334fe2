import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The SQL of one group of a sales aggregate (forecast, reports): its key and its Chinese and English labels. */
export interface GroupSql {
  key: string;
  label: string;
  labelEn: string;
}

export type RecordDimension = 'owner' | 'team' | 'region';

/**
 * Groups the records of `query` (alias `r`, with owner_id, team_id and account_id) by owner, team or the account's
 * region, joining what the label needs. Joined tables get whole-word aliases: the engine's scope subqueries use short
 * ones (`t` for teams).
 */
export function groupByRecord<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, dimension: RecordDimension): GroupSql {
  switch (dimension) {
    case 'owner':
      query.leftJoin('users', 'owner', 'owner.id = r.owner_id');
      return { key: 'r.owner_id::text', label: 'min(owner.name)', labelEn: 'min(owner.name_en)' };
    case 'team':
      query.leftJoin('teams', 'team', 'team.id = r.team_id');
      return { key: 'r.team_id::text', label: 'min(team.name)', labelEn: 'min(team.name_en)' };
    case 'region':
      query.leftJoin('accounts', 'account', 'account.id = r.account_id');
      return { key: 'account.region', label: 'account.region', labelEn: 'account.region' };
  }
}
