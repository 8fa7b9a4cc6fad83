/**
 * The identity of an op's content. A replay of the same op hashes equal; a different op under a
 * counter the server already holds (the tablet's storage was wiped) does not (docs/architecture.md "Storage").
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical';
import type { Op } from '../../domain/sync-protocol';

export function opHash(op: Op): string {
  return createHash('sha256').update(canonicalJson(op), 'utf8').digest('hex');
}
