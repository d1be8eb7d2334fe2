import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../identity/passwords/password-hasher';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { ACCOUNTS, DEMO_PARTNER, demoPassword, TEAMS, USERS } from './demo-organisation';

/**
 * Loads the demo organisation into an empty database (no users yet), in one transaction. Demo passwords are
 * fixed and public: never in production (main.ts refuses, and loadConfig never enables it there).
 */
export async function loadDemoDataIfEmpty(databaseUrl: string): Promise<boolean> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), entities: [] });
  await dataSource.initialize();
  try {
    // The password hashes are computed before the transaction: Argon2 is deliberately slow.
    const hashes = await Promise.all(USERS.map((u) => hashPassword(demoPassword(u.email))));
    return await dataSource.transaction(async (manager) => {
      // Serialises concurrent first starts (several replicas) on the same lock as the migrations' neighbour.
      await manager.query('select pg_advisory_xact_lock(7311043)');
      const [{ count }] = await manager.query('select count(*)::int as count from users');
      if (count > 0) return false;

      // The roles themselves come from a migration: they exist in production too.
      const storedRoles: Array<{ id: string; key: string }> = await manager.query('select id, key from roles');
      const roleIdByKey = new Map(storedRoles.map((r) => [r.key, r.id]));

      const teams = new Map<string, { id: string; path: string }>();
      for (const team of TEAMS) {
        const id = uuidv7();
        const parent = team.parent ? teams.get(team.parent) : undefined;
        const path = `${parent?.path ?? '/'}${id}/`;
        teams.set(team.code, { id, path });
        await manager.query('insert into teams (id, parent_id, path, code, name, name_en, kind) values ($1, $2, $3, $4, $5, $6, $7)', [
          id, parent?.id ?? null, path, team.code, team.name, team.nameEn, team.kind,
        ]);
      }

      const partnerId = uuidv7();
      await manager.query('insert into partner_accounts (id, name, name_en) values ($1, $2, $3)', [partnerId, DEMO_PARTNER.name, DEMO_PARTNER.nameEn]);

      const userIds = new Map(USERS.map((u) => [u.email, uuidv7()]));
      for (const [index, user] of USERS.entries()) {
        await manager.query(
          `insert into users (id, email, name, name_en, locale, team_id, partner_account_id, password_hash, password_changed_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
          [userIds.get(user.email), user.email, user.name, user.nameEn, user.locale, user.team ? teams.get(user.team)?.id : null, user.team ? null : partnerId, hashes[index]],
        );
        await manager.query('insert into user_roles (user_id, role_id) values ($1, $2)', [userIds.get(user.email), roleIdByKey.get(user.role)]);
      }
      for (const user of USERS) {
        if (user.manager) await manager.query('update users set manager_id = $2 where id = $1', [userIds.get(user.email), userIds.get(user.manager)]);
      }
      const teamOf = new Map(USERS.map((u) => [u.email, u.team ? (teams.get(u.team)?.id ?? null) : null]));
      for (const account of ACCOUNTS) {
        const accountId = uuidv7();
        await manager.query(
          `insert into accounts (id, name, industry, region, phone, email, owner_id, team_id, partner_account_id, owner_only_edit, restricted)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [accountId, account.name, account.industry, account.region, account.phone, account.email, userIds.get(account.owner), teamOf.get(account.owner),
            account.partner ? partnerId : null, account.ownerOnlyEdit ?? false, account.restricted ?? false],
        );
        const { contact } = account;
        await manager.query(
          `insert into contacts (id, account_id, name, title, phone, email, owner_id, team_id, partner_account_id, restricted)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [uuidv7(), accountId, contact.name, contact.title, contact.phone, contact.email, userIds.get(account.owner), teamOf.get(account.owner),
            account.partner ? partnerId : null, account.restricted ?? false],
        );
      }
      await manager.query(
        `insert into audit_events (id, category, action, details) values ($1, 'security', 'system.demo_data_loaded', $2)`,
        [uuidv7(), JSON.stringify({ users: USERS.length, teams: TEAMS.length, accounts: ACCOUNTS.length })],
      );
      return true;
    });
  } finally {
    await dataSource.destroy();
  }
}
