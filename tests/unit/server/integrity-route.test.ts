/**
 * D5, O1: GET /api/v1/integrity runs the chain check for the token's building, for the section
 * chief and the manager; a desk person is refused 403 forbidden_role (a claim until issue 9).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../src/domain/chain';
import type { SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import type { IntegrityResponse } from '../../../src/domain/integrity';
import { DirectWriter } from '../../../scripts/demo-direct';
import { call, createOtherSite, makeTestServer, setupViaApi, testPinHash, type TestServer } from './helpers';

let t: TestServer;
let setup: SetupResponse;
const people: Record<string, string> = {};
beforeEach(async () => {
  t = makeTestServer();
  setup = await setupViaApi(t);
  const w = new DirectWriter(t.store, setup.siteId, setup.deviceId, GENESIS_HASH);
  const pinHash = await testPinHash();
  t.store.transaction(() => {
    for (const role of ['desk', 'chief', 'manager'] as const) {
      people[role] = newId();
      w.put('staff', { siteId: setup.siteId, id: people[role], name: role, role, pinHash, active: true }, t.clock.now);
    }
  });
});
afterEach(() => t.dispose());

const get = (staffId: string, token = setup.token) => call(t, 'GET', `/api/v1/integrity?staffId=${staffId}`, { token });

describe('GET /api/v1/integrity (D5, O1)', () => {
  it.each(['chief', 'manager'])('answers the %s with the building verified', async (role) => {
    const res = await get(people[role] ?? '');
    expect(res.status).toBe(200);
    const body = res.body as IntegrityResponse;
    expect(body.building).toMatchObject({ siteId: setup.siteId, siteName: 'Harbour Centre', ok: true, problems: [] });
  });

  it('refuses a desk person, someone of another building, and no person, and needs a token', async () => {
    const desk = await get(people['desk'] ?? '');
    expect(desk.status).toBe(403);
    expect(desk.body).toMatchObject({ error: { code: 'forbidden_role' } });
    const other = await createOtherSite(t);
    expect((await get(other.adminStaffId)).status).toBe(403);
    expect((await call(t, 'GET', '/api/v1/integrity', { token: setup.token })).status).toBe(400);
    expect((await call(t, 'GET', `/api/v1/integrity?staffId=${people['chief']}`)).status).toBe(401);
  });
});
