/**
 * Runs the real server (`node --import tsx src/server/main.ts`) as a child process, the way
 * `npm start` does, and finds its port from the JSON 'listening' line (server.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setupCodeOf } from '../support/server-log';

export interface ServerProcess {
  port: number;
  baseUrl: string;
  /** The last lines of stderr/stdout, for a failure message. */
  tail(): string;
  /** Issue 9 §7: the one-time setup code the server logged at start (null once a building exists). */
  setupCode: string | null;
  kill(signal: NodeJS.Signals): Promise<void>;
}

const REPO_ROOT = new URL('../../', import.meta.url).pathname;

export async function spawnServer(dataDir: string, port = 0): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HTTPS_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: `${dataDir}/no-dist`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let setupCode: string | null = null;
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
  };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').forEach(remember));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const listening = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 30_000);
    rl.on('line', (line) => {
      remember(line);
      setupCode = setupCodeOf(line) ?? setupCode;
      try {
        const msg = JSON.parse(line) as { msg?: string; port?: number };
        if (msg.msg === 'listening' && typeof msg.port === 'number') {
          clearTimeout(timer);
          resolve(msg.port);
        }
      } catch {
        // not a JSON log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`));
    });
  });

  return {
    port: listening,
    baseUrl: `http://127.0.0.1:${listening}`,
    tail: () => lines.join('\n'),
    setupCode,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
