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

/**
 * Issue 9 §5: the identity of an op the `Op` schema refused, so its replay is answered from the
 * stored refusal like any other. The op may be nested without limit or hold numbers JSON cannot
 * say again (`1e999`), so it is serialised without recursion (keys sorted, as canonicalJson), and
 * under its own prefix, so it never equals the hash of a valid op.
 */
export function refusedOpHash(raw: unknown): string {
  const hash = createHash('sha256').update('refused-op:', 'utf8');
  const stack: unknown[] = [raw];
  // Each entry is a value to write, or a literal piece of text (a Text box) between values.
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Text) {
      hash.update(v.text, 'utf8');
    } else if (typeof v === 'number') {
      hash.update(Number.isFinite(v) ? JSON.stringify(v) : `#${String(v)}`, 'utf8');
    } else if (Array.isArray(v)) {
      stack.push(new Text(']'));
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i] === undefined ? null : v[i], new Text(i > 0 ? ',' : ''));
      hash.update('[', 'utf8');
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      stack.push(new Text('}'));
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push(obj[key], new Text(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
      hash.update('{', 'utf8');
    } else {
      hash.update(v === undefined ? 'null' : String(JSON.stringify(v)), 'utf8');
    }
  }
  return hash.digest('hex');
}

/** Literal text in refusedOpHash's stack, told apart from a string value. */
class Text {
  constructor(readonly text: string) {}
}
