import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AhpModule } from './analytics/ahp/ahp.module';
import { AuditModule } from './audit/audit.module';
import { IdentityModule } from './identity/identity.module';
import { MailModule } from './platform/mail/mail.module';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { dataSourceOptions } from './platform/database/data-source-options';
import { HealthController } from './platform/health/health.controller';
import { HealthService } from './platform/health/health.service';
import { JobsModule } from './platform/jobs/jobs.module';
import { DATABASE_URL } from './platform/jobs/jobs.tokens';
import { IdempotencyInterceptor } from './platform/http/idempotency.interceptor';
import { ProblemFilter } from './platform/http/problem.filter';
import { loggerOptions } from './platform/logging/logger-options';
import { SalesModule } from './sales/sales.module';

/** The application: platform machinery plus every business module. Built from a parsed config and a database URL. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true }),
        JobsModule,
        MailModule,
        AuditModule,
        IdentityModule,
        AccessModule,
        SalesModule,
        AnalyticsModule,
        AhpModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
        HealthService,
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Bound to the POST handlers only (bindIdempotencyToPosts, in createApp).
        IdempotencyInterceptor,
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}
