import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { PasswordService } from '../identity/passwords/password.service';
import { RoleKey } from '../identity/roles/role-key';
import { TeamKind } from '../identity/teams/team.entity';
import { TeamService } from '../identity/teams/team.service';
import { UserService } from '../identity/users/user.service';
import { loadConfig } from '../platform/config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/database/embedded-postgres';
import { runMigrations } from '../platform/database/migrate';

const USAGE = `usage: pnpm admin:create --email <email> --name <中文名> --name-en <English name> [--company <中文> --company-en <English>] [--public-url https://crm.example.com]

Creates the first system administrator of an empty installation (production has no demo data) and prints a
one-time link to choose the password. Refused once an active administrator exists: they create the others.`;

/** Bootstraps the first administrator; every later user is created through the API by an administrator. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'name-en': { type: 'string' },
      company: { type: 'string', default: '总部' },
      'company-en': { type: 'string', default: 'Headquarters' },
      'public-url': { type: 'string', default: process.env.PUBLIC_URL ?? 'http://localhost:3000' },
    },
  });
  if (!values.email || !values.name || !values['name-en']) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'lianxi' });
    databaseUrl = embedded.url;
  }
  try {
    await runMigrations(databaseUrl);
    const publicUrl = values['public-url']!.replace(/\/+$/, '');
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, logLevel: 'warn', mail: { ...config.mail, publicUrl } }, databaseUrl), { logger: ['error', 'warn'] });
    try {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const [{ admins }] = await dataSource.query(
        `select count(*)::int as admins from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where r.key = $1 and u.active`,
        [RoleKey.SystemAdmin],
      );
      if (admins > 0) throw new Error('An active system administrator exists already; they create further users in the app.');
      const teams = app.get(TeamService);
      const root = (await teams.list()).find((team) => team.parentId === null)
        ?? (await teams.create({ code: 'HQ', name: values.company!, nameEn: values['company-en']!, kind: TeamKind.Company }));
      const user = await app.get(UserService).create({ email: values.email, name: values.name, nameEn: values['name-en'], roles: [RoleKey.SystemAdmin], teamId: root.id });
      // A fresh link for the operator at the console (this voids the one mailed by create()).
      const { link, expiresAt } = await dataSource.transaction((manager) => app.get(PasswordService).issueResetToken(manager, user, 'activation'));
      console.log(`System administrator ${user.email} created in team ${root.nameEn}.`);
      console.log(`Give them this one-time link to choose their password (valid until ${expiresAt.toISOString()}):`);
      console.log(link);
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
