/**
 * Canonical JSON: the same value always serialises to the same string, whatever the key order it
 * was built with. Used to hash sync ops (a replayed op must hash equal to the original, docs/architecture.md
 * "Push") and, later, signed records. Pure, so the tablet and the server hash alike.
 */

/**
 * Serialise `value` with object keys sorted (by UTF-16 code unit) at every depth.
 * `undefined` members are dropped as JSON.stringify does; non-finite numbers are refused because
 * they would silently become `null` and two different ops could hash equal.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      }
      const obj = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}
