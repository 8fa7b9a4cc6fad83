/** Issue 9 §7: what a syncError row keeps of a refused op (refused-op.ts). */
import { describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS } from '../../../src/domain/entities';
import { REFUSED_FIELDS_MAX_BYTES, SYNC_ERROR_CUT_KEY } from '../../../src/domain/sync-protocol';
import { cappedFields, CUT_LIST_RESERVE_BYTES, refusedOpOf } from '../../../src/server/sync/refused-op';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('issue 9 §7: refused op fields capped to 4 KiB of known keys', () => {
  it('the list of cut fields of any table fits the room kept for it', () => {
    for (const schema of Object.values(ENTITY_SCHEMAS)) {
      const names = Object.keys(schema.shape);
      expect(bytes({ [SYNC_ERROR_CUT_KEY]: names })).toBeLessThan(CUT_LIST_RESERVE_BYTES);
    }
  });

  it('keeps known keys that fit, in schema order, and names the rest as cut', () => {
    const fields = { label: '鎖'.repeat(2000), code: 'K-1', location: '匙箱', junk: 'x', active: true };
    const kept = cappedFields('item', fields);
    expect(kept).toEqual({ code: 'K-1', location: '匙箱', active: true, [SYNC_ERROR_CUT_KEY]: ['label'] });
    expect(bytes(kept)).toBeLessThanOrEqual(REFUSED_FIELDS_MAX_BYTES);
  });

  it('many medium fields: the kept ones and the list stay within the cap together', () => {
    const fields = Object.fromEntries(Object.keys(ENTITY_SCHEMAS.logEntry.shape).map((k) => [k, '字'.repeat(300)]));
    const kept = cappedFields('logEntry', fields);
    expect(bytes(kept)).toBeLessThanOrEqual(REFUSED_FIELDS_MAX_BYTES);
    expect((kept[SYNC_ERROR_CUT_KEY] as string[]).length).toBeGreaterThan(0);
  });

  it('an unknown table, or fields that are not an object, keep nothing', () => {
    expect(cappedFields('nope', { a: 1 })).toEqual({});
    expect(cappedFields('constructor', { a: 1 })).toEqual({});
    expect(cappedFields('item', [1, 2])).toEqual({});
    expect(cappedFields('item', 'text')).toEqual({});
  });

  it('a malformed op is named by bounded strings only', () => {
    const view = refusedOpOf({ deviceId: 'd', counter: 3, table: 'x'.repeat(10_000), rowId: 5, kind: { a: 1 } });
    expect(view).toMatchObject({ counter: 3, rowId: '', kind: '', actorStaffId: '' });
    expect(view.table).toHaveLength(64);
  });
});
