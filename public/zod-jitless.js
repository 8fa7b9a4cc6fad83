// Issue 9 §7: the server's Content-Security-Policy allows no eval. zod builds its fast parsers with
// `new Function` unless its global config says `jitless`, and probes for eval when an object schema
// is built: under the policy that probe is refused and reported as a violation on every load. This
// classic script runs before the app's modules (module scripts are deferred), so the config is set
// before any schema exists; zod keeps its config on this global so that every copy shares it.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
