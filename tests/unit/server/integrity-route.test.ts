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
import {
  call,
  createOtherSite,
  makeTestServer,
  setupViaApi,
  storeTestKey,
  testPinHash,
  type TestServer,
} from './helpers';

let t: TestServer;
let setup: SetupResponse;
const people: Record<string, string> = {};
beforeEach(async () => {
  t = await makeTestServer();
  setup = await setupViaApi(t);
  const w = new DirectWriter(setup.siteId, setup.deviceId, GENESIS_HASH);
  const hashes = {
    desk: await testPinHash('desk'),
    chief: await testPinHash('chief'),
    manager: await testPinHash('manager'),
  };
  {
    for (const role of ['desk', 'chief', 'manager'] as const) {
      people[role] = newId();
      w.put(
        'staff',
        { siteId: setup.siteId, id: people[role], name: role, role, pinHash: hashes[role], active: true },
        t.clock.now,
      );
    }
  }
  await t.store.transaction(setup.siteId, (tx) => w.flush(tx));
  for (const role of ['desk', 'chief', 'manager'] as const)
    await storeTestKey(t.store, setup.siteId, people[role] ?? '', role);
});
afterEach(() => t.dispose());

/** Issue 9 §3: the person is proven by the proof headers, not named in the query. */
const get = (staffId: string, token = setup.token) =>
  call(t, 'GET', '/api/v1/integrity', { token, actor: { deviceId: setup.deviceId, staffId } });

describe('GET /api/v1/integrity (D5, O1)', () => {
  it.each(['chief', 'manager'])('answers the %s with the building verified', async (role) => {
    const res = await get(people[role] ?? '');
    expect(res.status).toBe(200);
    const body = res.body as IntegrityResponse;
    expect(body.building).toMatchObject({ siteId: setup.siteId, siteName: 'Harbour Centre', ok: true, problems: [] });
  });

  it('refuses a desk person, someone of another building, and no proven person (issue 9 §3), and needs a token', async () => {
    const desk = await get(people['desk'] ?? '');
    expect(desk.status).toBe(403);
    expect(desk.body).toMatchObject({ error: { code: 'forbidden_role' } });
    const other = await createOtherSite(t);
    expect((await get(other.adminStaffId)).body).toMatchObject({ error: { code: 'actor_unproven' } });
    // The old claim in the query string proves nothing.
    const claimed = await call(t, 'GET', `/api/v1/integrity?staffId=${people['chief']}`, { token: setup.token });
    expect(claimed.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect((await call(t, 'GET', `/api/v1/integrity?staffId=${people['chief']}`)).status).toBe(401);
  });
});
