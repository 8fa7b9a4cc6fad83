/**
 * Issue 9 §12: the fuzzer found an endpoint zod's url() accepts and the URL parser refuses; it made
 * DELETE /push/subscriptions answer 500. It is a bad endpoint (400), whoever sends it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, makeTestServer, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
beforeEach(async () => {
  t = await makeTestServer();
});
afterEach(() => t.dispose());

describe('push subscriptions: an endpoint the URL parser refuses', () => {
  it.each(['999999999999984-zzzx-0$|xY', 'https://', 'not a url'])(
    'DELETE with %j is 400, not 500',
    async (endpoint) => {
      const a = await setupViaApi(t);
      const res = await call(t, 'DELETE', '/api/v1/push/subscriptions', { token: a.token, body: { endpoint } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    },
  );
});
