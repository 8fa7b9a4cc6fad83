/**
 * End-to-end harness: the real server process plus headless Chromium launched exactly as
 * docs/architecture.md "Browser tests" says (a fresh persistent profile per browser, Debian's Chromium,
 * service workers allowed). Offline is `context.setOffline(true)`, which also drives Background Sync.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT, startServerProcess, type ServerProcess } from './server-process';

export { startServerProcess, type ServerProcess } from './server-process';

export interface Browser {
  readonly context: BrowserContext;
  readonly profileDir: string;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** An existing profile to reopen (a relaunch after a crash); a fresh one by default. */
  profileDir?: string;
  /** More Chromium switches (issue 9: `--host-resolver-rules`, the test CA's SPKI). */
  extraArgs?: string[];
}

/** Launches Chromium with a fresh profile (never `--user-data-dir` in args: docs/architecture.md). */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<Browser> {
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    serviceWorkers: 'allow',
    locale: 'en-US',
    viewport: { width: 1180, height: 820 }, // a 10-11" tablet in landscape
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...(opts.extraArgs ?? []),
    ],
  });
  return {
    context,
    profileDir,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export interface E2eEnv {
  readonly server: ServerProcess;
  readonly browser: Browser;
}

/** Starts a server on a temp data dir and one browser; fails clearly if the app was not built. */
export async function startE2e(): Promise<E2eEnv> {
  assertBuilt();
  const server = await startServerProcess();
  try {
    return { server, browser: await launchBrowser() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** One test file's server and browser, started before its tests and stopped after them. */
export interface E2eSession {
  /** The server and browser; throws when they failed to start. */
  readonly env: E2eEnv;
  /** The browser's first page. */
  readonly page: Page;
}

/**
 * Registers beforeAll/afterAll hooks that start a server and a browser for the calling test file
 * (startE2e) and stop both afterwards, even when a test failed.
 */
export function useE2e(): E2eSession {
  let env: E2eEnv | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    env = await startE2e();
    page = await firstPage(env.browser.context);
  });
  afterAll(async () => {
    await stopAll(env?.browser, env?.server);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the end-to-end environment did not start');
    return value;
  };
  return {
    get env() {
      return started(env);
    },
    get page() {
      return started(page);
    },
  };
}

/** Stops every browser and server given, even when one of them fails to stop. */
export async function stopAll(...parts: ({ close(): Promise<void> } | { stop(): Promise<void> } | undefined)[]) {
  await Promise.allSettled(parts.map((p) => (p === undefined ? undefined : 'close' in p ? p.close() : p.stop())));
}

/** The end-to-end tests run against the production build (the service worker exists only there). */
export function assertBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.html')) || !existsSync(join(REPO_ROOT, 'dist', 'sw.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests (npm test does).');
  }
}

/** Resolves once a service worker controls the page (first load: install, activate, clients.claim). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  } catch (err) {
    // Say where the worker stopped (never registered, installing, waiting, active but not claiming),
    // so a failure on a loaded CI machine can be told from a broken worker.
    const state = await page
      .evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        if (!reg) return 'no registration';
        const w = (sw: ServiceWorker | null) => sw?.state ?? 'none';
        return `installing=${w(reg.installing)} waiting=${w(reg.waiting)} active=${w(reg.active)}`;
      })
      .catch((e: unknown) => `state unreadable: ${String(e)}`);
    throw new Error(`no service worker controls ${page.url()} after 60 s (${state})`, { cause: err });
  }
}

/** The first page of a persistent context (one is opened with it), or a new one. */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}
