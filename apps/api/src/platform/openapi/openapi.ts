import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_STATUSES_EXTENSION } from '../http/endpoint.decorator';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../http/idempotency.interceptor';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { ProblemDto } from '../http/problem.dto';

type Operation = {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description?: string }>;
  [PROBLEM_STATUSES_EXTENSION]?: number[];
  'x-session-only'?: boolean;
};

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each offending field',
  401: 'Missing, expired or invalid credentials',
  403: 'The caller may not do this',
  404: 'No such record (or the caller may not see it)',
  409: 'Conflicts with the current state or an existing record (or a request with this Idempotency-Key still runs)',
  412: 'The record changed since it was read (stale If-Match)',
  413: 'The request body is larger than 1 MB',
  415: 'The request body is not application/json',
  422: 'Understood but refused by a business rule (or the Idempotency-Key was used for another request)',
  428: 'The If-Match header is required',
  429: 'Too many attempts; retry after the number of seconds in Retry-After',
  503: 'A dependency is unavailable',
};

const IDEMPOTENCY_PARAMETER = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first request with this key runs, and for 24 hours a retry with the same key and request ' +
    'gets the same answer (with `Idempotent-Replayed: true`) and creates nothing. The same key with a different ' +
    'request is 422; a retry while the first still runs is 409. A UUID per logical request is the usual choice.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

/**
 * Recursively sorts object keys so the committed document diffs cleanly (arrays keep their order), and writes
 * a lone `allOf: [{$ref}]` (how @nestjs/swagger wraps named enums) as the plain `$ref` it means.
 */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && Array.isArray(record.allOf) && record.allOf.length === 1) return normalise(record.allOf[0]);
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/**
 * Builds the OpenAPI document from the controllers and DTOs (with the Swagger CLI plugin's metadata). The
 * method name is the operationId, so it is also the generated client's function name.
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  try {
    // Written by scripts/generate-metadata.cjs before every build, test and dev start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: metadata } = require('../../metadata') as { default: () => Promise<Record<string, unknown>> };
    await SwaggerModule.loadPluginMetadata(metadata);
  } catch (error) {
    throw new Error(`src/metadata.ts is missing or broken; run \`pnpm --filter @lianxi/api metadata\` (${String(error)})`, { cause: error });
  }
  const config = new DocumentBuilder()
    .setTitle('Lianxi CRM API')
    .setDescription(
      'REST API of Lianxi CRM for the web client, partners (distributors) and integrators (ERP, SCM, web shops). ' +
        'JSON in camelCase; errors are RFC 9457 problem details (application/problem+json) naming the offending field; ' +
        'lists use keyset pagination (`limit`, `cursor` → `nextCursor`); updates need `If-Match` with the ETag that was read.',
    )
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://lianxi.dev/license')
    .setContact('Lianxi CRM', 'https://lianxi.dev', 'api@lianxi.dev')
    .addServer('/', 'This server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT, or an API key lxk_…',
        description:
          'An access token (JWT) from POST /api/v1/auth/login — or, on operations that also list `apiKey`, an API key ' +
          '(`Authorization: Bearer lxk_…`). Operations marked `x-session-only` need the access token: API keys get 403.',
      },
      'bearer',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description:
          'An API key (`lxk_…`) from POST /api/v1/me/api-keys, for partners and integrations; it acts as the user who ' +
          'made it. May also be sent as `Authorization: Bearer lxk_…`. Send one credential per request, not both headers.',
      },
      'apiKey',
    )
    .addCookieAuth('lx_refresh', { type: 'apiKey', in: 'cookie', name: 'lx_refresh', description: 'Rotating refresh token set by login' }, 'refreshCookie')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto],
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem) as Array<[string, Operation]>) {
      // Public operations say so explicitly rather than inheriting nothing.
      operation.security ??= [];
      // POSTs of signed-in callers take an Idempotency-Key (IdempotencyInterceptor): 409 while the first runs, 422 if
      // reused. Not the session-only ones (they act on credentials, whose answers must not be kept).
      const idempotent = method === 'post' && JSON.stringify(operation.security).includes('"bearer"') && !operation['x-session-only'];
      if (idempotent) (operation.parameters ??= []).push(IDEMPOTENCY_PARAMETER);
      const takesInput = Boolean(operation.parameters?.length || operation.requestBody);
      // Any body may be too large or not JSON: the body parser answers those before the route runs.
      const statuses = [...(operation[PROBLEM_STATUSES_EXTENSION] ?? []), ...(operation.requestBody ? [413, 415] : []), ...(idempotent ? [409, 422] : [])];
      for (const status of statuses) {
        // Without parameters or a body there is nothing to be invalid.
        if (status === 400 && !takesInput) continue;
        operation.responses[String(status)] = {
          description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
        } as { description: string };
      }
      delete operation[PROBLEM_STATUSES_EXTENSION];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response.description) response.description = status === '204' ? 'No content' : 'Success';
      }
    }
  }
  tightenInputSchemas(document);
  return normalise(document) as OpenAPIObject;
}

/** Free text: PostgreSQL cannot store U+0000, so the API refuses it anywhere (see findUnsafeInput). */
const NO_NUL = '^[^\\u0000]*$';

type SchemaObject = { type?: string; format?: string; pattern?: string; enum?: unknown[]; properties?: Record<string, SchemaObject>; items?: SchemaObject; additionalProperties?: boolean };

function forbidNul(schema: SchemaObject | undefined): void {
  if (!schema) return;
  if (schema.type === 'string' && !schema.format && !schema.pattern && !schema.enum) schema.pattern = NO_NUL;
  forbidNul(schema.items);
  Object.values(schema.properties ?? {}).forEach(forbidNul);
}

/**
 * Says what the input pipeline enforces for every request: bodies refuse unknown properties
 * (forbidNonWhitelisted) and no string may contain U+0000.
 */
function tightenInputSchemas(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const operations = Object.values(document.paths).flatMap((item) => Object.values(item) as Array<{ requestBody?: unknown; parameters?: Array<{ in: string; schema?: SchemaObject }> }>);
  const referenced = (value: unknown) => [...JSON.stringify(value).matchAll(/#\/components\/schemas\/(\w+)/g)].map(([, name]) => name);
  // Bodies and every object they nest (a lead conversion's opportunity), which the validation pipe checks alike.
  const pending = referenced(operations.map((op) => op.requestBody ?? null));
  const seen = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const schema = schemas[name];
    if (!schema || seen.has(name)) continue;
    seen.add(name);
    if (schema.properties) schema.additionalProperties = false;
    forbidNul(schema);
    pending.push(...referenced(schema));
  }
  // Header values cannot carry U+0000 at all (HTTP refuses them before we see them).
  for (const parameter of operations.flatMap((op) => op.parameters ?? []).filter((p) => p.in !== 'header')) forbidNul(parameter.schema);
}

export function mountOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Lianxi CRM API',
    useGlobalPrefix: false,
  });
}
