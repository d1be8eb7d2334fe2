import fc from 'fast-check';
import type { SchemaValidator } from './json-schema';
import { type JsonSchema, type OpenApiDocument, resolveSchema } from './openapi';

export interface ValueContext {
  document: OpenApiDocument;
  validator: SchemaValidator;
  /** Real ids for uuid properties and parameters, by name (teamId → an existing team). */
  references: Record<string, string>;
  seed: number;
}

/** Which optional object properties a generated value has: all, none, or those naming a known record (teamId). */
export type Optional = 'all' | 'none' | 'references';

/**
 * The API's document-wide "no U+0000" pattern on free text. Generated free text never contains U+0000, so for
 * generating valid values it is no constraint; treating it as a real pattern would make length bounds unreachable.
 */
const NO_NUL_PATTERN = '^[^\\u0000]*$';
const patternOf = (schema: JsonSchema): string | undefined => (schema.pattern === NO_NUL_PATTERN ? undefined : schema.pattern);

/**
 * How deep generated values nest before optional properties and array items stop: a self-referencing schema (an
 * AHP criterion's sub-criteria are criteria) would otherwise make the generator recurse forever.
 */
const MAX_DEPTH = 4;

const firstSample = <T>(arbitrary: fc.Arbitrary<T>, seed: number): T => fc.sample(arbitrary, { seed, numRuns: 1 })[0];

function fitLength(text: string, schema: JsonSchema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  const padded = text.padEnd(min, 'x');
  return [...padded].slice(0, max).join('');
}

function deterministicString(schema: JsonSchema, name: string, ctx: ValueContext, variant: number | undefined): string {
  switch (schema.format) {
    case 'uuid':
      return ctx.references[name] ?? firstSample(fc.uuid(), ctx.seed);
    case 'email':
      return `contract.${name.toLowerCase() || 'value'}${variant ? `.${variant}` : ''}@lianxi.test`;
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
  }
  const patternText = patternOf(schema);
  if (patternText) {
    const pattern = new RegExp(patternText);
    return firstSample(fc.stringMatching(pattern).filter((s) => ctx.validator.isValid(schema, s)), ctx.seed + (variant ?? 0));
  }
  return fitLength(`Contract ${name}${variant ? ` ${variant}` : ''}`.trim(), schema);
}

/**
 * One plausible valid value for a schema: its `example`, else its `default`, else the first enum value, else
 * a small value that meets its type, format, pattern and bounds. Deterministic for a given seed. A `variant`
 * (1, 2, …) makes free-text strings differ from other variants, for records that must be unique.
 */
export function validValue(input: JsonSchema, ctx: ValueContext, optional: Optional, name = '', variant?: number, depth = 0): unknown {
  if (depth > MAX_DEPTH) optional = 'none';
  const schema = resolveSchema(ctx.document, input) ?? {};
  const unique = variant !== undefined && schema.type === 'string' && !schema.enum;
  if (schema.example !== undefined && !unique) return schema.example;
  if (schema.default !== undefined && !unique) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => optional === 'all' || required.has(key) || (optional === 'references' && key in ctx.references))
          .map(([key, property]) => [key, validValue(property, ctx, optional, key, variant, depth + 1)]),
      );
    }
    case 'array': {
      const count = Math.min(Math.max(depth > MAX_DEPTH ? 0 : 1, schema.minItems ?? 0), schema.maxItems ?? Infinity);
      return Array.from({ length: count }, () => (schema.items ? validValue(schema.items, ctx, optional, name, variant, depth + 1) : 'x'));
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      return deterministicString(schema, name, ctx, variant);
    default:
      return {};
  }
}

function stringArbitrary(schema: JsonSchema, name: string, ctx: ValueContext): fc.Arbitrary<string> {
  const reference = ctx.references[name];
  switch (schema.format) {
    case 'uuid':
      return reference ? fc.constant(reference) : fc.uuid();
    case 'email':
      // Plain addresses only: "format: email" is fuzzy at the edges (quoted local parts, 64-character limits).
      return fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,18}[a-z0-9])?$/).map((local) => `${local}@contract.lianxi.test`);
    case 'date-time':
      return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const pattern = patternOf(schema);
  if (pattern) return fc.stringMatching(new RegExp(pattern));
  // Any characters, control characters included: the document allows them.
  return fc.string({ unit: 'binary-ascii', minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) });
}

/** Random values that the schema says are valid (checked with Ajv, so the generator cannot drift from the document). */
export function validValueArbitrary(input: JsonSchema, ctx: ValueContext, name = '', depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveSchema(ctx.document, input) ?? {};
  let arbitrary: fc.Arbitrary<unknown>;
  if (schema.enum?.length) arbitrary = fc.constantFrom(...schema.enum);
  else {
    switch (schema.type) {
      case 'object': {
        const required = schema.required ?? [];
        const entries = Object.entries(schema.properties ?? {}).filter(([key]) => depth <= MAX_DEPTH || required.includes(key));
        const record = Object.fromEntries(entries.map(([key, property]) => [key, validValueArbitrary(property, ctx, key, depth + 1)]));
        arbitrary = fc.record(record, { requiredKeys: required.filter((key) => key in record) });
        break;
      }
      case 'array': {
        const item = schema.items ? validValueArbitrary(schema.items, ctx, name, depth + 1) : fc.string();
        const constraints = { minLength: schema.minItems ?? 0, maxLength: depth > MAX_DEPTH ? (schema.minItems ?? 0) : Math.min(schema.maxItems ?? 4, 4) };
        arbitrary = schema.uniqueItems ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(item, constraints);
        break;
      }
      case 'integer':
        arbitrary = fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
        break;
      case 'number':
        arbitrary = fc.oneof(
          fc.integer({ min: Math.ceil(schema.minimum ?? -1e6), max: Math.floor(schema.maximum ?? 1e6) }),
          fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }),
        );
        break;
      case 'boolean':
        arbitrary = fc.boolean();
        break;
      case 'string':
        arbitrary = stringArbitrary(schema, name, ctx);
        break;
      default:
        arbitrary = fc.constant({});
    }
  }
  if (schema.example !== undefined) arbitrary = fc.oneof(fc.constant(schema.example), arbitrary);
  return arbitrary.filter((value) => ctx.validator.isValid(input, value));
}

/**
 * Documented-valid strings that implementations often trip over, for free-text schemas (no format, pattern or
 * enum): a NUL character, and the longest allowed value in multi-byte characters.
 */
export function edgeStrings(input: JsonSchema, ctx: ValueContext): Array<{ kind: string; value: string }> {
  const schema = resolveSchema(ctx.document, input) ?? {};
  if (schema.type !== 'string' || schema.format || patternOf(schema) || schema.enum) return [];
  const candidates = [{ kind: 'a string containing U+0000', value: fitLength('nul\u0000inside', schema) }];
  if (schema.maxLength !== undefined && schema.maxLength <= 10_000) candidates.push({ kind: `a string of maxLength ${schema.maxLength} multi-byte characters`, value: '联'.repeat(schema.maxLength) });
  return candidates.filter(({ value }) => ctx.validator.isValid(input, value));
}
