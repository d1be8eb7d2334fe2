import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { demoPassword } from '../../src/demo/demo-organisation';
import { loadConfig } from '../../src/platform/config/app-config';
import { createApp } from '../../src/platform/bootstrap';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  /** Direct SQL on this test's database, for assertions on what was (not) written. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Logs a demo user in; returns the access token and the refresh cookie. */
  login(email: string, password?: string): Promise<{ accessToken: string; refreshCookie: string; userId: string }>;
  /**
   * Signs demo users in one after another — each by email or by the short name before `@lianxi.test` (`rep.e1`) —
   * and keeps their access tokens and user ids under the names given.
   */
  signInAll<U extends string>(users: Iterable<U>): Promise<SignedIn<U>>;
  close(): Promise<void>;
}

export interface SignedIn<U extends string> {
  tokens: Record<U, string>;
  userIds: Record<U, string>;
}

/** The real application on its own freshly cloned database, exactly as production builds it. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', ...env });
  const app = await createApp(config, database.url);
  await app.init();
  const server = app.getHttpServer();
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const http = request(server);
  return {
    app,
    http,
    sql: async (text, params) => (await client.query(text, params)).rows,
    login: (email, password) => login(app, email, password),
    signInAll: (users) => signInAll(app, users),
    close: async () => {
      await client.end();
      await app.close();
      await database.drop();
    },
  };
}

/** `TestApp.login` for an application built otherwise (the demo volume's). */
export async function login(app: NestExpressApplication, email: string, password = demoPassword(email)): ReturnType<TestApp['login']> {
  const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`login ${email} → ${response.status} ${JSON.stringify(response.body)}`);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const refreshCookie = cookies.find((c) => c.startsWith('lx_refresh='))?.split(';')[0] ?? '';
  return { accessToken: response.body.accessToken, refreshCookie, userId: response.body.user.id };
}

/** `TestApp.signInAll` for an application built otherwise (the demo volume's). */
export async function signInAll<U extends string>(app: NestExpressApplication, users: Iterable<U>): Promise<SignedIn<U>> {
  const signedIn = { tokens: {}, userIds: {} } as SignedIn<U>;
  // One after another: the logins (their sessions and audit rows) come in the same order in every run.
  for (const user of users) {
    const session = await login(app, user.includes('@') ? user : `${user}@lianxi.test`);
    signedIn.tokens[user] = session.accessToken;
    signedIn.userIds[user] = session.userId;
  }
  return signedIn;
}
