/** Spawning the real entry point (`node --import tsx src/server/main.ts`) for process-level tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  /** Every stdout line, parsed as JSON where it is JSON. */
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

export function spawnServer(env: Record<string, string>): SpawnedServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ raw: line });
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

/** Resolves with the port from the 'listening' line, or rejects if the process exits first. */
export function waitForListening(s: SpawnedServer): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = s.lines.find((l) => l['msg'] === 'listening');
      if (line) {
        s.child.stdout?.off('data', check);
        resolve(Number(line['port']));
      }
    };
    s.child.stdout?.on('data', check);
    void s.exited.then((code) => reject(new Error(`server exited with ${code}: ${JSON.stringify(s.lines)}`)));
  });
}
