/**
 * Issue 9 §7: the server's Content-Security-Policy allows no `eval`. zod compiles its fast parsers
 * with `new Function` unless told not to, and probes for that once with `Function('')` in a
 * try/catch: under the policy the probe is refused and reported as a CSP violation on every load.
 * Parsing without it is what zod falls back to anyway. zod decides when an object schema is built,
 * so this must run before any module that builds one: the service worker imports it first (it is
 * one classic script, in order). The page gets the same setting from `public/zod-jitless.js`, a
 * classic script in index.html, because the bundler hoists the chunk of schemas above any import
 * in main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
