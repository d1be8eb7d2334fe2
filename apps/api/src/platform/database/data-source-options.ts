import type { DataSourceOptions } from 'typeorm';
import { CallbackQueryClient } from './callback-query-client';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Connection settings shared by the Nest module, the migration runner and scripts. Never `synchronize`. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Loaded rows become entities without running their constructors: those only default a new record's id
    // (\`id = uuidv7()\`), and generating 51 random ids for a page of rows that already have theirs was ~45 µs of CPU
    // per list request. \`create\`/\`new\` still run them.
    entitySkipConstructor: true,
    // The pool's clients run TypeORM's promise-form statements through pg's callback form (callback-query-client.ts).
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: 'lianxi-api', Client: CallbackQueryClient },
  };
}
