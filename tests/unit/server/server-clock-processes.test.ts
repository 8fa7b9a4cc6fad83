/**
 * Issue 10 §4: several server processes each keep their own clock. A row the server changes is
 * stamped after the version it replaces, whichever process (or a clock running ahead) wrote that
 * one, so a tablet ordering versions by HLC never sees a newer change as the older.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { compareHlc, formatHlc } from '../../../src/domain/hlc';
import { updateStaff } from '../../../src/server/auth/staff-admin';
import { ServerClock } from '../../../src/server/sync/server-clock';
import { addTestStaff, makeTestServer, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

describe('server clocks across processes (issue 10 §4)', () => {
  it('a change by a process whose clock is behind is still stamped after the version it replaces', async () => {
    const staffId = await addTestStaff(t, a.siteId, 'chief', '陳國華');
    // Process A (its clock 30 s ahead of B's) renames the person.
    const ahead = new ServerClock();
    await t.store.transaction(a.siteId, (tx) =>
      updateStaff(tx, ahead, a.siteId, staffId, { name: '陳國強' }, t.clock.now + 30_000),
    );
    const byA = (await t.store.getRow(a.siteId, 'staff', staffId))?.updatedHlc ?? '';
    // Process B, just started (a fresh clock) and behind, deactivates the person right after.
    const behind = new ServerClock();
    await t.store.transaction(a.siteId, (tx) =>
      updateStaff(tx, behind, a.siteId, staffId, { active: false }, t.clock.now),
    );
    const byB = (await t.store.getRow(a.siteId, 'staff', staffId))?.updatedHlc ?? '';
    expect(compareHlc(byB, byA)).toBeGreaterThan(0);
    expect(byA > formatHlc({ wallMs: t.clock.now, counter: 0, node: 'server' })).toBe(true);
  });
});
