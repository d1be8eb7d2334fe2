import type { Response } from 'supertest';
import type { TestApp } from '../support/test-app';

/** A request described as data, so generators can build and vary it and failure messages can print it. */
export interface RequestSpec {
  method: string;
  /** Path template: /api/v1/users/{id}. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** `json`: serialised with JSON.stringify; `raw`: sent byte for byte with the given content type. */
  body?: { json: unknown } | { raw: string; contentType: string };
}

export function urlOf(request: RequestSpec): string {
  const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(request.pathParams[name] ?? ''));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) for (const v of ([] as string[]).concat(value)) query.append(name, v);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function send(t: TestApp, request: RequestSpec): Promise<Response> {
  const method = request.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let call = t.http[method](urlOf(request));
  for (const [name, value] of Object.entries(request.headers)) call = call.set(name, value);
  if (request.body && 'json' in request.body) return call.set('Content-Type', 'application/json').send(JSON.stringify(request.body.json));
  if (request.body) return call.set('Content-Type', request.body.contentType).send(request.body.raw);
  return call;
}

const clip = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** One line per request for failure messages; credentials are shortened. */
export function describeRequest(request: RequestSpec): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${/^(authorization|cookie)$/i.test(name) ? clip(value, 24) : value}`)
    .join('; ');
  const body = !request.body ? '' : 'json' in request.body ? ` body ${clip(JSON.stringify(request.body.json) ?? 'undefined')}` : ` body (${request.body.contentType}) ${clip(JSON.stringify(request.body.raw))}`;
  return `${request.method.toUpperCase()} ${clip(urlOf(request), 200)}${headers ? ` [${headers}]` : ''}${body}`;
}

export function describeResponse(response: Response): string {
  return `→ ${response.status} ${response.headers['content-type'] ?? '(no content-type)'} ${clip(response.text ?? '', 500)}`;
}
