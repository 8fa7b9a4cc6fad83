import { describe, expect, it } from 'vitest';
import {
  signOp,
  signRequest,
  verifyOpProof,
  verifyRequestProof,
  type ProvableOp,
} from '../../../src/domain/actor-proof';
import { checkPin, hashPinLegacy, hashPinV2, isValidPinFor, proofKeyFor } from '../../../src/domain/pin';

const FAST = 1000;
const op: ProvableOp = {
  deviceId: 'd1',
  counter: 7,
  table: 'logEntry',
  rowId: 'r1',
  kind: 'put',
  fields: { id: 'r1', text: '升降機故障' },
  baseVersion: {},
  hlc: '000001700000000-0000-d1',
  deviceTime: 1_700_000_000_000,
  actorStaffId: 's1',
};

describe('actor proof (issue 9 §3, docs/security.md)', () => {
  it('a v2 PIN hash checks the PIN and yields the proof key the server would derive', async () => {
    const { pinHash, proofKey } = await hashPinV2('246810', FAST);
    const good = await checkPin('246810', pinHash);
    expect(good).toEqual({ ok: true, legacy: false, proofKey });
    expect(await checkPin('246811', pinHash)).toEqual({ ok: false });
    expect(await proofKeyFor('246810', pinHash)).toEqual(proofKey);
    // The verifier on the tablet is not the proof key.
    expect(pinHash.hash).not.toBe(Buffer.from(proofKey).toString('base64'));
  });

  it('a legacy hash checks but has no proof key; a withheld hash cannot be checked here', async () => {
    const legacy = await hashPinLegacy('1234', FAST);
    expect(await checkPin('1234', legacy)).toEqual({ ok: true, legacy: true, proofKey: null });
    const { pinHash } = await hashPinV2('123456', FAST);
    const { hash: _withheld, ...noHash } = pinHash;
    expect(await checkPin('123456', noHash)).toEqual({ ok: false });
  });

  it('an op proof verifies only for the same op, key and actor', async () => {
    const { proofKey } = await hashPinV2('1111', FAST);
    const { proofKey: other } = await hashPinV2('1111', FAST);
    const proof = signOp(proofKey, op);
    expect(proof).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyOpProof(proofKey, op, proof)).toBe(true);
    expect(verifyOpProof(other, op, proof)).toBe(false);
    expect(verifyOpProof(proofKey, { ...op, actorStaffId: 's2' }, proof)).toBe(false);
    expect(verifyOpProof(proofKey, { ...op, counter: 8 }, proof)).toBe(false);
    expect(verifyOpProof(proofKey, { ...op, fields: { ...op.fields, text: 'x' } }, proof)).toBe(false);
    expect(verifyOpProof(proofKey, op, undefined)).toBe(false);
    // Key order of the fields does not matter (canonical JSON).
    expect(verifyOpProof(proofKey, { ...op, fields: { text: '升降機故障', id: 'r1' } }, proof)).toBe(true);
  });

  it('a request proof covers method, path, body, device, person and time', async () => {
    const { proofKey } = await hashPinV2('999999', FAST);
    const req = { method: 'post', path: '/api/v1/admin/staff', deviceId: 'd1', staffId: 'a1', at: 5, body: '{"a":1}' };
    const proof = signRequest(proofKey, req);
    expect(verifyRequestProof(proofKey, { ...req, method: 'POST' }, proof)).toBe(true);
    expect(verifyRequestProof(proofKey, { ...req, body: '{"a":2}' }, proof)).toBe(false);
    expect(verifyRequestProof(proofKey, { ...req, at: 6 }, proof)).toBe(false);
    expect(verifyRequestProof(proofKey, { ...req, deviceId: 'd2' }, proof)).toBe(false);
  });

  it('PIN length per role: 4 digits for desk staff, 6 for chiefs, managers and admins', () => {
    expect(isValidPinFor('desk', '1234')).toBe(true);
    expect(isValidPinFor('chief', '1234')).toBe(false);
    expect(isValidPinFor('manager', '123456')).toBe(true);
    expect(isValidPinFor('admin', '12345')).toBe(false);
  });
});
