import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import type { AppConfig } from './config/app-config';
import { requestContext } from './context/request-context';
import { jsonBodyParser } from './http/body-parser';
import { PrebuiltExpressAdapter } from './http/express-adapter';
import { bindIdempotencyToPosts } from './http/idempotency.interceptor';
import { ErrorCode } from './http/error-code';
import { buildProblem, sendProblem } from './http/problem';
import { requestIdFor } from './logging/logger-options';
import { createValidationPipe } from './http/validation';
import { buildOpenApiDocument, mountOpenApi } from './openapi/openapi';

/**
 * Creates the fully configured application (not yet listening): the same for production, development and the
 * end-to-end tests, so tests exercise exactly what runs.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), new PrebuiltExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  bindIdempotencyToPosts(app);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // ETags here mean record versions (set by the handlers), not Express's content hashes.
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // antd renders CSS-in-JS; Swagger UI inlines styles too.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
          // Plain http on localhost must keep working; TLS is the reverse proxy's job in production.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // First of all: the request id (logs, problems and audit rows share it) and the request context.
  app.use((request: Request, response: Response, next: NextFunction) => {
    request.id = requestIdFor(request, response);
    requestContext.run({ requestId: String(request.id), ip: request.ip ?? null, userAgent: request.header('user-agent') ?? null }, next);
  });
  app.use(cookieParser());
  app.use(jsonBodyParser());
  app.setGlobalPrefix('api/v1', { exclude: ['api/health', 'api/health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  mountOpenApi(app, await buildOpenApiDocument(app));
  serveSpa(app, config.webDistDir);
  return app;
}

/** The built SPA at /, with index.html for client-side routes; /api stays with the API (and its 404s). */
function serveSpa(app: NestExpressApplication, distDir: string): void {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) return;
  app.use('/assets', serveStatic(join(distDir, 'assets'), { immutable: true, maxAge: '1y' }));
  // A missing hashed asset is a 404, not the SPA's index.html.
  app.use('/assets', (request: Request, response: Response) =>
    sendProblem(response, buildProblem(ErrorCode.NotFound, 'No such asset', { instance: request.originalUrl, requestId: String(request.id ?? '') })),
  );
  app.use(serveStatic(distDir, { index: false }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
}
