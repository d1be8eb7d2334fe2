import { runMigrations } from '../src/platform/database/migrate';
(async () => { const t = Date.now(); await runMigrations(process.env.BENCH_DATABASE_URL!); console.log('migrated in', Date.now() - t, 'ms'); })();
