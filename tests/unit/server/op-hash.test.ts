import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical';
import { opHash } from '../../../src/server/sync/op-hash';
import { OpBuilder } from './helpers';

describe('op identity for exactly-once replay', () => {
  it('canonicalJson sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('the same op built with another key order hashes equal; any changed field hashes differently', () => {
    const ops = new OpBuilder(crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), () => 1_700_000_000_000);
    const op = ops.putItem();
    const reordered = Object.fromEntries(Object.entries(op).reverse()) as typeof op;
    expect(opHash(reordered)).toBe(opHash(op));
    expect(opHash({ ...op, fields: { ...op.fields, label: 'other' } })).not.toBe(opHash(op));
    expect(opHash({ ...op, deviceTime: op.deviceTime + 1 })).not.toBe(opHash(op));
  });
});
