import type { Express, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrebuiltExpressAdapter } from './express-adapter';

describe('PrebuiltExpressAdapter', () => {
  it('builds requests and responses on the prototypes Express gives them, with Express working as before', async () => {
    const adapter = new PrebuiltExpressAdapter();
    adapter.initHttpServer({});
    const app = adapter.getInstance<Express>();
    const server = adapter.getHttpServer() as Server;
    // Before Express sees them: already on its prototypes, so its `setPrototypeOf` has nothing to change.
    const builtOn: boolean[] = [];
    server.prependListener('request', (request, response) => builtOn.push(Object.getPrototypeOf(request) === app.request, Object.getPrototypeOf(response) === app.response));
    app.get('/probe', (request: Request, response: Response) => {
      response.status(201).json({ sameApp: request.app === app, path: request.path, query: request.query.q });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/probe?q=1`);
      expect(answer.status).toBe(201);
      expect(await answer.json()).toEqual({ sameApp: true, path: '/probe', query: '1' });
      expect(builtOn).toEqual([true, true]);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });
});
