/**
 * Generated requests for every endpoint of the app (issue 9 §12). A request is generated as a plain
 * recipe (which endpoint, which method, what goes wrong in path, query, headers and body) and
 * rendered against the live building, so a fast-check counterexample prints readably and a
 * mutated valid body (a push whose next op carries a hostile field) reaches deep into the server.
 */
import fc from 'fast-check';
import { ACTOR_HEADERS } from '../../../src/domain/actor-proof';
import { WRITABLE_TABLES } from '../../../src/domain/sync-protocol';
import { NASTY_KEYS, jsonText, nastyJson, nastyRawBody, nastyString } from './fuzz-values';
import { ENDPOINTS, type FuzzContext } from './fuzz-endpoints';

export { ENDPOINTS, type FuzzContext } from './fuzz-endpoints';

const PUSH_INDEX = ENDPOINTS.findIndex((e) => e.path === '/api/v1/sync/push');

/** HLC strings at the format's edges: the near-maximum one answered 500 for 60 s (issue 9 §5). */
const hostileHlc = fc.oneof(
  fc.constantFrom(
    '999999999999999-zzzz-x',
    '999999999999999-0000-x',
    '000000000000000-0000-x',
    '000000000000001-zzzz-',
  ),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.nat({ max: 36 ** 4 - 1 }), fc.string({ maxLength: 40 }))
    .map(
      ([wall, counter, node]) =>
        `${wall.toString().padStart(15, '0')}-${counter.toString(36).padStart(4, '0')}-${node}`,
    ),
);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'image/jpeg',
  'application/json; charset=utf-16',
  ';;;',
] as const;
/** Percent-encodings a URL decoder may choke on. */
const BROKEN_ENCODINGS = ['%', '%E0%A4%A', '%ZZ', '%00', '%2e%2e%2f', '%uD800', '%F0%9F'] as const;

const piece = fc.oneof(
  { weight: 3, arbitrary: nastyString.map((s) => ({ raw: false, s })) },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS).map((s) => ({ raw: true, s })) },
);

/** `arb` once in `every` requests, null otherwise. */
function rarely<T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** One generated request, before it meets the live building. */
export const requestRecipe = fc.record({
  // The push is where one op can jam a building's sync (issue 9 §5): it gets the most requests.
  endpoint: fc.oneof(
    { weight: 5, arbitrary: fc.constant(PUSH_INDEX) },
    { weight: 4, arbitrary: fc.nat({ max: ENDPOINTS.length - 1 }) },
  ),
  /** The table of the push template's op (its fields are an item's: other tables refuse them per op). */
  table: fc.oneof(fc.constant('item' as const), fc.constantFrom(...WRITABLE_TABLES)),
  /** The push template's op patches the stored item instead of putting a new row. */
  patch: fc.boolean(),
  /** null keeps the endpoint's method. */
  method: rarely(fc.constantFrom(...METHODS), 6),
  /** null puts the valid value into each `:param`. */
  param: rarely(piece, 4),
  query: fc.array(
    fc.tuple(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('cursor', 'limit', 'q', 'deep', ...NASTY_KEYS)),
      fc.oneof(
        piece,
        fc.constantFrom(...['-1', '1e308', '0x10', '9'.repeat(400), '', 'true']).map((s) => ({ raw: false, s })),
      ),
    ),
    { maxLength: 4 },
  ),
  auth: fc.oneof(
    { weight: 6, arbitrary: fc.constant('valid' as const) },
    { weight: 2, arbitrary: fc.constantFrom('none', 'garbage', 'basic', 'empty-bearer', 'long') },
  ),
  contentType: rarely(fc.constantFrom(...CONTENT_TYPES), 4),
  proof: fc.oneof(
    { weight: 2, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('garbage', 'wrong', 'stale') },
  ),
  body: fc.oneof(
    { weight: 2, arbitrary: fc.constant({ mode: 'none' as const }) },
    { weight: 2, arbitrary: fc.constant({ mode: 'template' as const }) },
    {
      weight: 6,
      arbitrary: fc.record({
        mode: fc.constant('mutated' as const),
        /** Where the walk starts in a push body: the body, its op, the op's fields or base versions. */
        root: fc.constantFrom('body', 'op', 'op', 'fields', 'fields', 'baseVersion'),
        walk: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
        action: fc.constantFrom('set', 'set', 'addKey', 'delete'),
        key: fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 10 })),
        value: fc.oneof(nastyJson, hostileHlc),
      }),
    },
    { weight: 2, arbitrary: fc.record({ mode: fc.constant('json' as const), value: nastyJson }) },
    { weight: 2, arbitrary: fc.record({ mode: fc.constant('raw' as const), text: nastyRawBody }) },
  ),
});
export type RequestRecipe = typeof requestRecipe extends fc.Arbitrary<infer R> ? R : never;

export interface RenderedRequest {
  /** The endpoint's method and path template, to group findings. */
  endpoint: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The string with lone surrogates replaced, so encodeURIComponent can encode it. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function encode(p: { raw: boolean; s: string }): string {
  return p.raw ? p.s : encodeURIComponent(wellFormed(p.s));
}

/** Walks `steps` down a JSON value to an object or array, and changes it there. */
function mutate(root: unknown, r: Extract<RequestRecipe['body'], { mode: 'mutated' }>): unknown {
  const top = { root };
  let parent: Record<string, unknown> = top;
  let key = 'root';
  const op = (root as { ops?: Record<string, unknown>[] }).ops?.[0];
  if (op && r.root !== 'body') {
    parent = r.root === 'op' ? { op } : op;
    key = r.root;
  }
  for (const step of r.walk) {
    const here = parent[key];
    if (here === null || typeof here !== 'object') break;
    const keys = Object.keys(here);
    if (keys.length === 0) break;
    parent = here as Record<string, unknown>;
    key = keys[step % keys.length]!;
  }
  const target = parent[key];
  if (r.action === 'delete') delete parent[key];
  else if (r.action === 'addKey' && target !== null && typeof target === 'object') {
    Object.defineProperty(target, r.key, { value: r.value, enumerable: true, writable: true, configurable: true });
  } else parent[key] = r.value;
  return top.root;
}

/** The recipe as one concrete request against the live building. */
export function render(recipe: RequestRecipe, ctx: FuzzContext): RenderedRequest {
  const ep = ENDPOINTS[recipe.endpoint]!;
  const values: Record<string, string> = {
    siteId: ctx.siteId,
    staffId: ctx.adminId,
    deviceId: ctx.deviceId,
    sha256: ctx.photoSha,
    file: 'tenants.csv',
    other: 'nothing',
  };
  const path = ep.path.replace(/:([a-zA-Z0-9]+)/g, (_, name: string) =>
    recipe.param ? encode(recipe.param) : encodeURIComponent(values[name] ?? name),
  );
  const query = recipe.query.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encode(v)}`).join('&');
  const headers: Record<string, string> = {};
  const auth = {
    valid: `Bearer ${ctx.token}`,
    none: undefined,
    garbage: 'Bearer x',
    basic: 'Basic YWRtaW46YWRtaW4=',
    'empty-bearer': 'Bearer ',
    long: `Bearer ${'t'.repeat(8_000)}`,
  }[recipe.auth];
  if (auth !== undefined) headers['Authorization'] = auth;
  if (recipe.proof !== 'none') {
    const at = recipe.proof === 'stale' ? ctx.now() - 86_400_000 : ctx.now();
    headers[ACTOR_HEADERS.staffId] = recipe.proof === 'garbage' ? '../x' : ctx.adminId;
    headers[ACTOR_HEADERS.at] = recipe.proof === 'garbage' ? 'soon' : String(at);
    headers[ACTOR_HEADERS.proof] = recipe.proof === 'garbage' ? '!!' : 'ab'.repeat(32);
  }
  let body: string | undefined;
  const b = recipe.body;
  if (b.mode === 'template') body = JSON.stringify(ep.body?.(ctx, recipe) ?? {});
  else if (b.mode === 'mutated') body = jsonText(mutate(ep.body?.(ctx, recipe) ?? {}, b));
  else if (b.mode === 'json') body = jsonText(b.value);
  else if (b.mode === 'raw') body = b.text;
  if (body !== undefined) headers['Content-Type'] = recipe.contentType ?? 'application/json';
  else if (recipe.contentType !== null) headers['Content-Type'] = recipe.contentType;
  const method = recipe.method ?? ep.method;
  const sendsBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return {
    endpoint: `${ep.method} ${ep.path}`,
    method,
    url: query ? `${path}?${query}` : path,
    headers,
    body: sendsBody ? body : undefined,
  };
}
