/**
 * Entry point: open the tablet's database, create the one sync engine (Web Locks keep it to one
 * runner alongside the service worker), render the app, and start page-driven sync once the
 * tablet is enrolled. The page path is complete on its own, for Safari (docs/architecture.md "Where it runs").
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { openHandoverDb } from './db/open';
import { registerServiceWorker } from './pwa/register';
import { startPageSync } from './sync/page-sync';
import { createSyncEngine } from './sync/sync-engine';
import './styles/base.css';
import './styles/components.css';
import './styles/status.css';
import './styles/screens.css';
import './styles/log.css';
import './styles/admin.css';
import './styles/count.css';
import './styles/handover.css';
import './styles/register.css';
import './styles/tasks.css';
import './styles/rota.css';

const db = openHandoverDb();
const engine = createSyncEngine({ db, baseUrl: '', locks: navigator.locks ?? null });

let stopSync: (() => void) | null = null;
function startSyncOnce(): void {
  stopSync ??= startPageSync(engine, db);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App db={db} engine={engine} onEnrolled={startSyncOnce} />
  </StrictMode>,
);

registerServiceWorker();
