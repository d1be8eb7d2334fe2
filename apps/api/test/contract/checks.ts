import type { Response } from 'supertest';
import type { SchemaValidator } from './json-schema';
import {
  baseMediaType,
  documentedStatuses,
  type OpenApiDocument,
  type Operation,
  parametersIn,
  PROBLEM_MEDIA_TYPE,
  PROBLEM_SCHEMA_REF,
  isPublic,
  requiredRoles,
  resolveSchema,
  takesInput,
} from './openapi';

/** Each check returns what is wrong (empty: nothing), so one failure message can list every problem. */

export function bodyOf(response: Response): unknown {
  if (!response.text) return undefined;
  try {
    return JSON.parse(response.text);
  } catch {
    return response.text;
  }
}

/** An RFC 9457 problem as the document defines it: media type and ProblemDto. */
export function problemJsonProblems(response: Response, validator: SchemaValidator): string[] {
  const problems: string[] = [];
  const mediaType = baseMediaType(response.headers['content-type']);
  if (mediaType !== PROBLEM_MEDIA_TYPE) problems.push(`content-type is "${response.headers['content-type'] ?? ''}", not ${PROBLEM_MEDIA_TYPE}`);
  const body = bodyOf(response);
  const errors = validator.errors({ $ref: PROBLEM_SCHEMA_REF }, body);
  if (errors.length) problems.push(`body is not a ProblemDto: ${errors.join('; ')}`);
  const status = (body as { status?: unknown } | undefined)?.status;
  if (status !== undefined && status !== response.status) problems.push(`problem.status ${String(status)} differs from the HTTP status ${response.status}`);
  return problems;
}

/** The response is documented for the operation: its status, its media type and its body schema. */
export function responseProblems(op: Operation, response: Response, validator: SchemaValidator): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`server error ${response.status}`);
  const documented = op.spec.responses[String(response.status)];
  if (!documented) {
    problems.push(`status ${response.status} is not documented (documented: ${documentedStatuses(op).join(', ')})`);
    return problems;
  }
  if (!documented.content) {
    if (response.text) problems.push(`status ${response.status} is documented without content, but the body is ${JSON.stringify(response.text.slice(0, 200))}`);
    return problems;
  }
  const mediaType = baseMediaType(response.headers['content-type']);
  const entry = documented.content[mediaType];
  if (!entry) {
    problems.push(`content-type "${response.headers['content-type'] ?? ''}" is not documented for ${response.status} (documented: ${Object.keys(documented.content).join(', ')})`);
    return problems;
  }
  // A binary download (a PDF, a workbook): the schema says only "bytes"; check there are some (a streamed one is
  // chunked, without Content-Length).
  if (isBinary(entry.schema)) {
    const bytes = Number(response.headers['content-length'] ?? 0) || (Buffer.isBuffer(response.body) ? response.body.length : Buffer.byteLength(response.text ?? ''));
    if (!bytes) problems.push(`the ${mediaType} download is empty`);
    return problems;
  }
  if (entry.schema) {
    const errors = validator.errors(entry.schema, bodyOf(response));
    if (errors.length) problems.push(`body does not match the ${response.status} schema: ${errors.slice(0, 8).join('; ')}`);
  }
  return problems;
}

/** The `field`s of a problem's `errors`. */
export function problemFields(response: Response): string[] {
  const errors = (bodyOf(response) as { errors?: Array<{ field?: unknown }> } | undefined)?.errors;
  return Array.isArray(errors) ? errors.map((e) => String(e.field)) : [];
}

/** errors[].field names the input itself or something inside it ('roles' matches 'roles.0'). */
export const namesField = (fields: string[], field: string): boolean => fields.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));

const isProblemResponse = (op: Operation, status: string): boolean => {
  const content = op.spec.responses[status]?.content;
  const keys = Object.keys(content ?? {});
  return keys.length === 1 && keys[0] === PROBLEM_MEDIA_TYPE && content?.[PROBLEM_MEDIA_TYPE]?.schema?.$ref === PROBLEM_SCHEMA_REF;
};

/** What every operation of the document must say about itself. */
export function hygieneProblems(op: Operation, document: OpenApiDocument, allOperations: Operation[]): string[] {
  const problems: string[] = [];
  const spec = op.spec;
  const statuses = documentedStatuses(op);
  if (!spec.operationId) problems.push('no operationId');
  else if (allOperations.filter((o) => o.spec.operationId === spec.operationId).length > 1) problems.push(`operationId ${spec.operationId} is not unique`);
  if (!spec.summary?.trim()) problems.push('no summary');
  if (!Array.isArray(spec.security)) problems.push('no explicit `security` (use [] for public operations)');

  const publicWithoutInput = isPublic(op) && !takesInput(op);
  if (!publicWithoutInput && !statuses.some((s) => s >= 400 && s < 500)) problems.push('no 4xx response documented');
  for (const status of statuses.filter((s) => s >= 400)) {
    if (!isProblemResponse(op, String(status))) problems.push(`${status} is not documented as ${PROBLEM_MEDIA_TYPE} with ${PROBLEM_SCHEMA_REF}`);
  }
  if (!isPublic(op) && !statuses.includes(401)) problems.push('secured, but 401 is not documented');
  if (requiredRoles(op).length && !statuses.includes(403)) problems.push('x-required-roles, but 403 is not documented');
  if (takesInput(op) && !statuses.includes(400)) problems.push('takes input, but 400 is not documented');

  const roleKeys = resolveSchema(document, document.components.schemas.RoleDto)?.properties?.key?.enum;
  for (const role of requiredRoles(op)) if (roleKeys && !roleKeys.includes(role)) problems.push(`x-required-roles names unknown role ${role}`);

  const successes = statuses.filter((s) => s >= 200 && s < 300);
  if (!successes.length) problems.push('no 2xx response documented');
  for (const status of successes) {
    const content = spec.responses[String(status)].content;
    if (status === 204 && content) problems.push('204 is documented with content');
    // JSON, or a file download such as text/csv or a binary one (application/pdf); either way with a schema.
    const binary = Object.values(content ?? {}).some((entry) => isBinary(entry.schema));
    if (status !== 204 && !binary && !content?.['application/json']?.schema && !content?.['text/csv']?.schema) problems.push(`${status} has no application/json (or text/csv, or binary) schema`);
  }

  for (const parameter of spec.parameters ?? []) {
    if (!parameter.schema?.type && !parameter.schema?.$ref) problems.push(`parameter ${parameter.name} has no schema type`);
  }
  for (const parameter of parametersIn(op, 'path')) {
    if (!parameter.required) problems.push(`path parameter ${parameter.name} is not required`);
    const schema = parameter.schema ?? {};
    if (!schema.format && !schema.pattern && !schema.enum) {
      problems.push(`path parameter ${parameter.name} is a bare string: document what the API accepts (format: uuid, a pattern or an enum)`);
    }
  }
  if ((statuses.includes(412) || statuses.includes(428)) && !parametersIn(op, 'header').some((p) => p.name.toLowerCase() === 'if-match')) {
    problems.push(`documents ${statuses.filter((s) => s === 412 || s === 428).join('/')} but not the If-Match header parameter`);
  }
  return problems;
}

/** A schema for raw bytes (`type: string, format: binary`), such as a PDF download's. */
function isBinary(schema: unknown): boolean {
  const s = schema as { type?: string; format?: string } | undefined;
  return s?.type === 'string' && s.format === 'binary';
}
