import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/http/app';
import { createJsonLogger } from '../../../src/server/logger';
import type { Store } from '../../../src/server/store/store';
import { makeTestServer, type TestServer } from './helpers';

let t: TestServer;
beforeEach(async () => {
  t = await makeTestServer();
});
afterEach(() => t.dispose());

describe('central error mapping', () => {
  it('an unexpected failure answers 500 internal with the error shape, logs it, and the next request still works', async () => {
    const lines: Record<string, unknown>[] = [];
    let failing = true;
    // A store whose read fails once, as a full disk or a corrupt page would.
    const store = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === 'hasAnySite' && failing) {
          return () => {
            failing = false;
            throw new Error('disk I/O error');
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const app = createApp({
      store,
      now: () => t.clock.now,
      logger: createJsonLogger({
        write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
        now: () => t.clock.now,
      }),
      version: 'test',
      bodyLimitBytes: 1024,
    });

    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: 'internal', message: 'the server failed to handle this request', details: null },
    });
    const logged = lines.find((l) => l['level'] === 'error');
    expect(logged).toMatchObject({ msg: 'unhandled error', path: '/api/v1/health', message: 'disk I/O error' });
    expect(lines.find((l) => l['msg'] === 'request')).toMatchObject({ method: 'GET', status: 500 });

    expect((await app.request('/api/v1/health')).status).toBe(200);
  });
});
