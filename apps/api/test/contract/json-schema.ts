import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from './openapi';

const DOCUMENT_ID = 'https://contract.lianxi.test/openapi.json';
/** Keywords whose value is a map of names to schemas (the names are not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas']);

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable: true` becomes `anyOf: [null, …]` (Ajv's own `nullable`
 * support does not cover `allOf: [$ref]`, which is how @nestjs/swagger writes nullable objects), and local
 * `$ref`s point into the document registered under DOCUMENT_ID.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out.$ref = DOCUMENT_ID + value;
    else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]));
    } else out[key] = toJsonSchema(value);
  }
  return (node as JsonSchema).nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

export interface SchemaValidator {
  /** Error messages ("/roles/0 must be equal to one of the allowed values"); empty when the value is valid. */
  errors(schema: JsonSchema, value: unknown): string[];
  isValid(schema: JsonSchema, value: unknown): boolean;
}

/** Ajv over the served document's components, with formats (email, uuid, date-time, …). */
export function createSchemaValidator(document: OpenApiDocument): SchemaValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: toJsonSchema(document.components) } as object);
  const cache = new Map<string, ValidateFunction>();
  const compiled = (schema: JsonSchema): ValidateFunction => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema) as object);
      cache.set(key, validate);
    }
    return validate;
  };
  return {
    errors(schema, value) {
      const validate = compiled(schema);
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    },
    isValid(schema, value) {
      return compiled(schema)(value) as boolean;
    },
  };
}
