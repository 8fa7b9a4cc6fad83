/**
 * The real server's JSON log lines as the tests that start it read them (server.md): the one-time
 * setup code it logs at start (issue 9 §7) is the only way a test can set a building up.
 */

/** The code of a `{"msg":"setup code","setupCode":...}` log line; null for any other line. */
export function setupCodeOf(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { msg?: unknown; setupCode?: unknown };
    return parsed.msg === 'setup code' && typeof parsed.setupCode === 'string' ? parsed.setupCode : null;
  } catch {
    return null;
  }
}
