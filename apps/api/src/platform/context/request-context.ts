import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../../identity/auth/principal';

/** What every layer may need to know about the request it serves, without threading it through arguments. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  /** The current request's context, or undefined outside a request (jobs, start-up). */
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
