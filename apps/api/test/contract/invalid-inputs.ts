import fc from 'fast-check';
import { type JsonSchema, type Operation, type ParameterObject, requestBodySchema, resolveSchema } from './openapi';
import { describeRequest, type RequestSpec } from './requests';
import { validValue, type ValueContext } from './valid-values';

/** One request that the document says is invalid, and what the problem must name. */
export interface InvalidCase {
  kind: string;
  /** The input `errors[].field` must name (prefix match): a body property, a parameter or "body". */
  field?: string;
  request: RequestSpec;
  /** Statuses allowed besides the documented ones: 413 and 415 for size and media-type cases. */
  extraStatuses?: number[];
}

export const MAX_BODY_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Property names a client might try to sneak in (prototype pollution, mass assignment). */
const SUSPICIOUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'id', 'version', 'createdAt', 'passwordHash', 'isAdmin'];

type Named<T> = { kind: string; arbitrary: fc.Arbitrary<T> };

/** A JSON value of any type but null, small. */
const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
  );

const SOME_UUID = '01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11';

/** Values that look almost right for a format: the ones a lenient parser lets through. */
export function nearMisses(format: string | undefined): string[] {
  switch (format) {
    case 'uuid':
      return [SOME_UUID.replace(/-/g, ''), SOME_UUID.slice(1), `${SOME_UUID}0`, `g${SOME_UUID.slice(1)}`, `{${SOME_UUID}}`, SOME_UUID.replace(/-/g, '_'), 'not-a-uuid', '123'];
    case 'email':
      return ['not-an-email', 'a@b', '@lianxi.test', 'li.na@', 'li na@lianxi.test', 'li.na@@lianxi.test', 'li.na@lianxi..test'];
    case 'date-time':
      return ['not-a-date', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-01T25:00:00Z', '2024-01-01', '2024-01-01T00:00:00', '1', '1700000000', 'yesterday'];
    default:
      return [];
  }
}

const nearMissArbitrary = (format: string | undefined): fc.Arbitrary<string> => {
  const list = nearMisses(format);
  return list.length ? fc.oneof(fc.constantFrom(...list), fc.string({ maxLength: 40 })) : fc.string({ maxLength: 40 });
};

/** Values the schema rejects, one generator per way of being wrong; each value is checked against Ajv. */
export function invalidValues(input: JsonSchema, ctx: ValueContext, name: string): Array<Named<unknown>> {
  const schema = resolveSchema(ctx.document, input) ?? {};
  const out: Array<Named<unknown>> = [{ kind: 'wrong JSON type', arbitrary: anyJson() }];
  // Only where null is invalid: a filter over a constant that always passes validation would never end.
  if (!schema.nullable) out.push({ kind: 'null although not nullable', arbitrary: fc.constant(null) });
  if (schema.enum) out.push({ kind: 'not one of the enum values', arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(String(schema.enum[0]).toUpperCase() + '_X')) });
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) out.push({ kind: `longer than maxLength ${schema.maxLength}`, arbitrary: fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 8 }) });
    if (schema.minLength) out.push({ kind: `shorter than minLength ${schema.minLength}`, arbitrary: fc.string({ maxLength: schema.minLength - 1 }) });
    // fc.string() draws printable ASCII only: add control characters so patterns that exclude them can fail too.
    if (schema.pattern) out.push({ kind: `not matching ${schema.pattern}`, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`)) });
    if (schema.format) out.push({ kind: `not a valid ${schema.format}`, arbitrary: nearMissArbitrary(schema.format) });
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) out.push({ kind: `below minimum ${schema.minimum}`, arbitrary: fc.integer({ min: Math.floor(schema.minimum) - 1000, max: Math.ceil(schema.minimum) - 1 }) });
    if (schema.maximum !== undefined) out.push({ kind: `above maximum ${schema.maximum}`, arbitrary: fc.integer({ min: Math.floor(schema.maximum) + 1, max: Math.floor(schema.maximum) + 1000 }) });
    if (schema.type === 'integer') out.push({ kind: 'not an integer', arbitrary: fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true }) });
  }
  if (schema.type === 'array' && schema.items) {
    const item = validValue(schema.items, ctx, 'none', name);
    if (schema.maxItems !== undefined) out.push({ kind: `more than maxItems ${schema.maxItems}`, arbitrary: fc.constant(Array.from({ length: schema.maxItems + 1 }, () => item)) });
    if (schema.minItems) out.push({ kind: `fewer than minItems ${schema.minItems}`, arbitrary: fc.constant([]) });
    if (schema.uniqueItems) out.push({ kind: 'duplicate items', arbitrary: fc.constant([item, item]) });
    for (const bad of invalidValues(schema.items, ctx, name)) out.push({ kind: `an item ${bad.kind}`, arbitrary: bad.arbitrary.map((v) => [v]) });
  }
  return out.map(({ kind, arbitrary }) => ({ kind, arbitrary: arbitrary.filter((v) => !ctx.validator.isValid(input, v)) }));
}

/** Query and header values arrive as text: read them the way the document describes (numbers, booleans). */
export function deserialize(schema: JsonSchema, raw: string | string[]): unknown {
  if (Array.isArray(raw)) return raw;
  if (schema.type === 'number' || schema.type === 'integer') return /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : raw;
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** Path parameters the document leaves as plain strings but whose name says they are ids (see the hygiene test). */
export function isUuidParameter(parameter: ParameterObject): boolean {
  const { schema, name } = parameter;
  return schema.format === 'uuid' || (!schema.format && !schema.pattern && !schema.enum && (name === 'id' || name.endsWith('Id')));
}

function invalidParameterValues(parameter: ParameterObject, ctx: ValueContext): Array<Named<string | string[]>> {
  const schema = resolveSchema(ctx.document, parameter.schema) ?? {};
  const out: Array<Named<string | string[]>> = [];
  if (parameter.in === 'path') {
    if (isUuidParameter(parameter)) {
      const notUuid = nearMissArbitrary('uuid').filter((s) => s.length > 0 && !UUID.test(s) && s !== '.' && s !== '..');
      out.push({ kind: 'not a UUID', arbitrary: notUuid });
    }
    return out;
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    out.push({ kind: 'not a number', arbitrary: fc.constantFrom('abc', '', 'NaN', '1,5', '--1', 'one', 'Infinity', 'true', '[]') });
  }
  for (const bad of invalidValues(parameter.schema, ctx, parameter.name)) {
    if (bad.kind === 'wrong JSON type' || bad.kind.startsWith('null')) continue; // text has no JSON type; "not a number" and "repeated" cover it
    out.push({ kind: bad.kind, arbitrary: bad.arbitrary.filter((v) => typeof v === 'string' || typeof v === 'number').map(String) });
  }
  const valid = String(validValue(parameter.schema, ctx, 'none', parameter.name));
  // A repeated header is a legal comma-separated list in HTTP; only repeated query values are malformed.
  if (parameter.in === 'query') out.push({ kind: 'repeated (an array where one value is expected)', arbitrary: fc.constant([valid, valid]) });
  return out.map(({ kind, arbitrary }) => ({
    kind,
    arbitrary: arbitrary.filter((raw) => (parameter.in !== 'header' || sendableAsHeader(raw)) && !ctx.validator.isValid(parameter.schema, deserialize(schema, raw))),
  }));
}

/**
 * A header value HTTP can carry unchanged: no control characters (clients refuse to send them) and no surrounding
 * white space (it is stripped on the way, so the server would see another value than the one generated).
 */
function sendableAsHeader(raw: string | string[]): boolean {
  return typeof raw === 'string' && /^[\t\x20-\x7e\x80-\xff]*$/.test(raw) && raw.trim() === raw;
}

function withToString(c: InvalidCase): InvalidCase {
  return Object.assign(c, { [fc.toStringMethod]: () => `${c.kind}${c.field ? ` (${c.field})` : ''}: ${describeRequest(c.request)}` });
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // defineProperty, not assignment: "__proto__" must become an own property that JSON.stringify sends.
  return Object.defineProperty({ ...target }, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Every way the document lets us make `base` (a valid request) invalid, each as a generator of InvalidCase.
 * `fixed` ones are too slow or too few to sample randomly (1 MB bodies, media types, suspicious keys).
 */
export function invalidCases(op: Operation, base: RequestSpec, ctx: ValueContext): { sampled: Array<fc.Arbitrary<InvalidCase>>; fixed: InvalidCase[] } {
  const sampled: Array<fc.Arbitrary<InvalidCase>> = [];
  const fixed: InvalidCase[] = [];
  const make = (c: InvalidCase) => withToString(c);

  for (const parameter of op.spec.parameters ?? []) {
    if (parameter.in === 'cookie') continue;
    const withValue = (kind: string, raw: string | string[]): InvalidCase => {
      const request: RequestSpec = { ...base, pathParams: { ...base.pathParams }, query: { ...base.query }, headers: { ...base.headers } };
      if (parameter.in === 'path') request.pathParams[parameter.name] = String(raw);
      else if (parameter.in === 'query') request.query[parameter.name] = raw;
      else request.headers[parameter.name] = String(raw);
      return make({ kind, field: parameter.name, request });
    };
    for (const bad of invalidParameterValues(parameter, ctx)) {
      const kind = `${parameter.in} parameter ${parameter.name} ${bad.kind}`;
      sampled.push(bad.arbitrary.map((raw) => withValue(kind, raw)));
    }
    const format = parameter.in === 'path' && isUuidParameter(parameter) ? 'uuid' : parameter.schema.format;
    for (const raw of nearMisses(format).filter((v) => format === 'uuid' ? !UUID.test(v) : !ctx.validator.isValid(parameter.schema, v))) {
      fixed.push(withValue(`${parameter.in} parameter ${parameter.name} not a valid ${format}`, raw));
    }
  }

  const schema = requestBodySchema(ctx.document, op);
  if (!schema || !base.body || !('json' in base.body)) return { sampled, fixed };
  const body = base.body.json as Record<string, unknown>;
  const withJson = (json: unknown): RequestSpec => ({ ...base, body: { json } });
  const withRaw = (raw: string, contentType = 'application/json'): RequestSpec => ({ ...base, body: { raw, contentType } });
  const properties = schema.properties ?? {};

  for (const key of schema.required ?? []) {
    const rest = { ...body };
    delete rest[key];
    sampled.push(fc.constant(make({ kind: `body without required property ${key}`, field: key, request: withJson(rest) })));
  }
  for (const [key, property] of Object.entries(properties)) {
    for (const bad of invalidValues(property, ctx, key)) {
      sampled.push(bad.arbitrary.map((value) => make({ kind: `body property ${key} ${bad.kind}`, field: key, request: withJson(defineOwn(body, key, value)) })));
    }
    const format = resolveSchema(ctx.document, property)?.format;
    for (const value of nearMisses(format).filter((v) => !ctx.validator.isValid(property, v))) {
      fixed.push(make({ kind: `body property ${key} not a valid ${format}`, field: key, request: withJson(defineOwn(body, key, value)) }));
    }
  }
  const unknownKey = fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !(key in properties));
  sampled.push(
    fc.tuple(unknownKey, anyJson()).map(([key, value]) => make({ kind: 'body with an undocumented property', field: key, request: withJson(defineOwn(body, key, value)) })),
  );
  for (const key of SUSPICIOUS_KEYS.filter((k) => !(k in properties))) {
    fixed.push(make({ kind: `body with undocumented property ${key}`, field: key, request: withJson(defineOwn(body, key, key === '__proto__' ? { isAdmin: true } : 1)) }));
  }
  sampled.push(
    fc
      .oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean())
      .map((json) => make({ kind: 'body that is a JSON primitive', field: 'body', request: withRaw(JSON.stringify(json)) })),
  );
  fixed.push(make({ kind: 'body that is null', field: 'body', request: withRaw('null') }));
  fixed.push(make({ kind: 'body that is an empty array', field: 'body', request: withRaw('[]') }));
  fixed.push(make({ kind: 'body that is an array holding the valid object', field: 'body', request: withRaw(JSON.stringify([body])) }));
  const text = JSON.stringify(body);
  sampled.push(
    fc
      .oneof(
        fc.constantFrom('{', '{"a":', "{'a':1}", '{"a":1,}', '{a:1}', '[1,2', 'nul', '{"a":undefined}', '{"a":1}}'),
        fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n)),
      )
      .filter((raw) => {
        try {
          JSON.parse(raw);
          return false;
        } catch {
          return true;
        }
      })
      .map((raw) => make({ kind: 'malformed JSON', field: 'body', request: withRaw(raw) })),
  );
  const firstKey = Object.keys(properties)[0] ?? 'padding';
  fixed.push(make({ kind: 'body over 1 MB', field: 'body', request: withRaw(JSON.stringify({ ...body, [firstKey]: 'x'.repeat(MAX_BODY_BYTES) })), extraStatuses: [413] }));
  fixed.push(make({ kind: 'JSON sent as text/plain', request: withRaw(text, 'text/plain'), extraStatuses: [415] }));
  fixed.push(make({ kind: 'JSON in an unsupported charset', field: 'body', request: withRaw(text, 'application/json; charset=latin1'), extraStatuses: [415] }));
  if (op.spec.requestBody?.required) fixed.push(make({ kind: 'no body although the body is required', request: { ...base, body: undefined }, extraStatuses: [415] }));
  return { sampled, fixed };
}
