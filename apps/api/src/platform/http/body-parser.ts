import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { ErrorCode } from './error-code';
import { buildProblem, sendProblem } from './problem';
import type { FieldErrorDto } from './problem.dto';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Keys that could reach an object's prototype chain; never legitimate in our JSON. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first value PostgreSQL or the object model cannot take safely: a NUL character in a string (PostgreSQL text
 * refuses it) or a prototype-reaching key. Returns the field path and what is wrong, or null.
 */
export function findUnsafeInput(value: unknown, path: string): FieldErrorDto | null {
  if (typeof value === 'string') return value.includes('\u0000') ? { field: path, message: 'must not contain NUL characters' } : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeInput(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key) || key.includes('\u0000')) return { field, message: 'is not an accepted property name' };
      const found = findUnsafeInput(item, field);
      if (found) return found;
    }
  }
  return null;
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * JSON bodies with our error shape. body-parser's own errors (oversize, malformed JSON, bad charset) never reach
 * Nest's exception filters, so they become problem+json here; so do bodies that are not JSON at all (415, rather
 * than being silently ignored) and unsafe values in the body or the query string.
 */
export function jsonBodyParser(): RequestHandler {
  const parse = json({ limit: MAX_BODY_BYTES, strict: true, type: ['application/json', 'application/*+json'] });
  return (request: Request, response: Response, next: NextFunction) => {
    const problem = (code: ErrorCode, detail: string, error: FieldErrorDto) =>
      sendProblem(response, buildProblem(code, detail, { instance: request.originalUrl, requestId: String(request.id ?? ''), errors: [error] }));
    if (hasBody(request) && !request.is(['application/json', 'application/*+json'])) {
      return problem(ErrorCode.UnsupportedMediaType, 'Send the body as application/json', { field: 'Content-Type', message: 'must be application/json' });
    }
    parse(request, response, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') return problem(ErrorCode.PayloadTooLarge, 'The request body is larger than 1 MB', { field: 'body', message: `must be at most ${MAX_BODY_BYTES} bytes` });
        if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
          return problem(ErrorCode.UnsupportedMediaType, 'The request body must be UTF-8 JSON', { field: 'body', message: 'must be UTF-8 JSON' });
        }
        return problem(ErrorCode.MalformedBody, 'The request body is not valid JSON', { field: 'body', message: 'must be a well-formed JSON object' });
      }
      const unsafe = findUnsafeInput(request.body, '') ?? findUnsafeInput(request.query, '');
      if (unsafe) return problem(ErrorCode.ValidationFailed, `Invalid ${unsafe.field}: ${unsafe.message}`, unsafe);
      next();
    });
  };
}
