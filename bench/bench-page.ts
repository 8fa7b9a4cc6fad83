/**
 * Runs a bench page in headless Chromium with real IndexedDB: bundles `bench/<name>.ts` with Vite,
 * serves it on 127.0.0.1 (IndexedDB needs a real origin), opens it, waits for the page to define
 * `globalThis[ready]`, and hands the page to `run`. Everything is torn down afterwards.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../tests/e2e/harness';
import { REPO_ROOT } from '../tests/e2e/server-process';

export async function withBenchPage<T>(name: string, ready: string, run: (page: Page) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const script = `${name}.js`;
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: REPO_ROOT,
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: true,
        lib: { entry: join(REPO_ROOT, 'bench', `${name}.ts`), formats: ['es'], fileName: () => script },
      },
    });
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><meta charset="utf-8"><script type="module" src="/${script}"></script>`,
    );
    const server = createServer((req, res) => {
      const file = req.url === `/${script}` ? script : 'index.html';
      res.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
      res.end(readFileSync(join(dir, file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction((fn) => fn in globalThis, ready);
      return await run(page);
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
