import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

/**
 * Nest's Express adapter with one change: Node creates each request and response already on Express's prototypes.
 *
 * Express re-parents every request and response it handles (`Object.setPrototypeOf(req, app.request)`, the same for
 * `res`). In V8 an object whose prototype was changed after it was built survives the young-generation collections
 * with everything it reaches — the request's headers, what the middleware, passport and the logger hang on it — and
 * is promoted to the old generation, where only a full collection frees it: a bare Express app promoted ~2 MB at
 * every scavenge (nothing with this), the API under the list benchmark ~1.4 MB (0.9–1.0 MB with this).
 * Built by classes whose prototypes Express then finds already in place, `setPrototypeOf` changes nothing and the
 * request dies young. The prototype chains (and so every Express method and `req.app`) are the same as before.
 */
export class PrebuiltExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // Neither is used here; keep Nest's own server for them rather than copy its connection tracking.
    if (options.httpsOptions || options.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    class ExpressRequest extends IncomingMessage {}
    class ExpressResponse extends ServerResponse<ExpressRequest> {}
    Object.setPrototypeOf(ExpressRequest.prototype, app.request);
    Object.setPrototypeOf(ExpressResponse.prototype, app.response);
    // Express reads these on every request: its `setPrototypeOf` now finds them in place.
    Reflect.set(app, 'request', ExpressRequest.prototype);
    Reflect.set(app, 'response', ExpressResponse.prototype);
    this.setHttpServer(createServer({ IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse }, app));
  }
}
