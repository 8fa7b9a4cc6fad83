import { describe, expect, it } from 'vitest';
import { escalationIdOf } from '../../../src/client/sw/escalation-push';

describe("the service worker's escalation push (D3)", () => {
  it('reads only an escalation payload with an id, and nothing else a push may carry', () => {
    const id = '01a222d5-cee2-7a3b-8c4d-5e6f7a8b9c0d';
    expect(escalationIdOf({ type: 'escalation', id })).toBe(id);
    expect(escalationIdOf({ type: 'other', id })).toBeNull();
    expect(escalationIdOf({ type: 'escalation', id: '../admin' })).toBeNull();
    expect(escalationIdOf(null)).toBeNull();
    expect(escalationIdOf('escalation')).toBeNull();
  });
});
