/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa, injectManifest). It does three jobs (docs/architecture.md "Where it
 * runs"): precache the app shell so a reload works with no network, answer navigations from that
 * shell (never /api), and run the same sync engine as the page when Chromium's Background Sync
 * fires, so queued changes reach the server even after the tab is closed.
 */
// First: before any schema is built (no eval under the CSP, issue 9 §7).
import '../zod-jitless';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { HOME_DB_NAME, isBuildingDbName } from '../db/buildings';
import { openHandoverDb } from '../db/open';
import { BACKGROUND_SYNC_TAG, createSyncEngine, type SyncEngine } from '../sync/sync-engine';
import { onEscalationClick, onEscalationPush } from './escalation-push';
import { isSkipWaitingMessage, type SyncEvent } from './sw-messages';
import { syncWithRetries } from './sync-retry';

declare const self: ServiceWorkerGlobalScope;

// The build replaces self.__WB_MANIFEST with the list of hashed app files (JS, CSS, HTML, icons,
// manifest). Old precaches from earlier builds are deleted so the tablet's storage stays small.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any navigation (a reload, a deep link, the installed app's start_url) gets the precached shell;
// the React app then routes on the client. /api is denied so an API URL opened in the address bar,
// or fetched with mode 'navigate', always reaches the server and gets its JSON answer or error.
registerRoute(
  // Issue 9 §4: the CA page is the server's own page, never the app shell.
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/ca(\.crt|\.css)?$/] }),
);

// The update prompt: a new worker waits until the page says it is safe (no unsaved work) and then
// asks it to take over; see src/client/pwa/register.ts.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if (isSkipWaitingMessage(event.data)) void self.skipWaiting();
});

self.addEventListener('activate', (event: ExtendableEvent) => {
  // Take control of the page that installed us at once, so its first reload is already offline-safe.
  event.waitUntil(self.clients.claim());
});

// One engine per building database per worker lifetime (Dexie opens lazily on first use); a single
// engine also coalesces overlapping sync events in this worker. Issue 10 §1: an office device may
// hold several buildings, each in its own database (db/buildings.ts): each one is synced.
const engines = new Map<string, SyncEngine>();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function buildingDbNames(): Promise<string[]> {
  const found = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  const names = found.map((d) => d.name ?? '').filter(isBuildingDbName);
  return names.length > 0 ? names : [HOME_DB_NAME];
}

function engineOf(name: string): SyncEngine {
  let engine = engines.get(name);
  if (!engine) {
    engine = createSyncEngine({ db: openHandoverDb(name), baseUrl: '', locks: self.navigator.locks ?? null });
    engines.set(name, engine);
  }
  return engine;
}

self.addEventListener('sync', (event: Event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag !== BACKGROUND_SYNC_TAG) return;
  // The Web Lock `sync:<building>` inside the engine keeps this from racing an open page's sync.
  // Each outcome is recorded in the sync status by the engine. A run that still fails after the
  // in-event retries rejects, so Chromium schedules its own retry.
  syncEvent.waitUntil(
    buildingDbNames().then((names) =>
      Promise.all(names.map((name) => syncWithRetries(() => engineOf(name).syncNow(), sleep))),
    ),
  );
});

// D3: a Web Push of a new escalation becomes a notification; its click opens the escalation.
self.addEventListener('push', (event: PushEvent) => onEscalationPush(self, event));
self.addEventListener('notificationclick', (event: NotificationEvent) => onEscalationClick(self, event));
