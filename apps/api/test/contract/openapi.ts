/** Just enough of the OpenAPI 3.0 document model to walk its operations, and helpers that read one operation. */

export type JsonSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
};

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  'x-required-roles'?: string[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

/** One operation of the document, addressed by method and path template. */
export interface Operation {
  method: string;
  path: string;
  operationId: string;
  /** "login POST /api/v1/auth/login": what test names and failure messages call it. */
  label: string;
  spec: OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function listOperations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, spec]) => {
        const operationId = spec.operationId ?? `(no operationId)`;
        return { method, path, operationId, label: `${operationId} ${method.toUpperCase()} ${path}`, spec };
      }),
  );
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDto';

/** Follows `$ref`s to `#/components/schemas/…`; merges a lone `allOf` (as @nestjs/swagger writes it) into its referent. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
    return resolveSchema(document, target);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolveSchema(document, allOf[0]), ...rest };
  }
  return schema;
}

export const isPublic = (op: Operation): boolean => (op.spec.security ?? []).length === 0;
export const securitySchemes = (op: Operation): string[] => (op.spec.security ?? []).flatMap((requirement) => Object.keys(requirement));
export const requiredRoles = (op: Operation): string[] => op.spec['x-required-roles'] ?? [];
export const parametersIn = (op: Operation, location: ParameterObject['in']): ParameterObject[] => (op.spec.parameters ?? []).filter((p) => p.in === location);
export const documentedStatuses = (op: Operation): number[] => Object.keys(op.spec.responses).map(Number);
export const takesInput = (op: Operation): boolean => Boolean(op.spec.parameters?.length || op.spec.requestBody);

/** The JSON request body schema, if the operation takes one. */
export function requestBodySchema(document: OpenApiDocument, op: Operation): JsonSchema | undefined {
  return resolveSchema(document, op.spec.requestBody?.content['application/json']?.schema);
}

/** Media type without parameters: "application/json; charset=utf-8" → "application/json". */
export const baseMediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0].trim().toLowerCase();
