import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths } from './schema';
export type { Middleware } from 'openapi-fetch';

/** The typed client for the whole Lianxi CRM API. */
export type ApiClient = Client<paths>;

/** A schema of the API by name, e.g. `Schema<'UserDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Origin of the server, without `/api/v1` (the paths carry it). Defaults to '' (same origin). */
  baseUrl?: string;
  /** Registered in order: onRequest runs first-to-last, onResponse last-to-first. */
  middleware?: Middleware[];
}

/** Creates a typed client; every path, parameter, body and response comes from openapi.json. */
export function createApiClient({ middleware = [], ...options }: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>(options);
  if (middleware.length > 0) client.use(...middleware);
  return client;
}
