import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Workbox's default ceiling; kept explicit because an offline tablet has only what is precached. */
const MAX_PRECACHE_FILE_BYTES = 2 * 1024 * 1024;

// The service worker is our own (injectManifest): it precaches the app shell and runs the same
// sync engine as the page on Background Sync (DESIGN.md "Where it runs").
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/client/sw',
      filename: 'sw.ts',
      // The update prompt asks before a new version takes over (src/client/pwa/register.ts).
      registerType: 'prompt',
      injectRegister: false,
      // public/manifest.webmanifest is hand-written and precached like any other public file.
      manifest: false,
      injectManifest: {
        // A classic (non-module) worker script: every browser that has service workers runs it.
        rollupFormat: 'iife',
        // wasm: the QR decoder's zxing_reader.wasm (about 1.1 MB), which a tablet without a native
        // BarcodeDetector (iPad) needs offline; it is loaded from our origin, never a CDN.
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,ico,wasm}'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHE_FILE_BYTES,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  // No source maps in the production build (issue 9 §7): the server must not hand out the sources.
  build: { target: 'es2022', sourcemap: false },
});
