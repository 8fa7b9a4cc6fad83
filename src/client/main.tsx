/**
 * Entry point: open the tablet's database (the building shown last, issue 10 §1), create its sync
 * engine (Web Locks keep it to one runner alongside the service worker), render the app, and start
 * page-driven sync once the tablet is enrolled (root.tsx). The page path is complete on its own, for Safari (docs/architecture.md "Where it runs").
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentDbName } from './db/buildings';
import { openHandoverDb } from './db/open';
import type { HandoverDb } from './db/schema';
import { registerServiceWorker } from './pwa/register';
import { Root } from './root';
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

// Issue 10 §1: the building shown last (an office device may hold several, db/buildings.ts).
const name = currentDbName();
const db = openHandoverDb(name);
const makeEngine = (d: HandoverDb) => createSyncEngine({ db: d, baseUrl: '', locks: navigator.locks ?? null });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Root initial={{ name, db, engine: makeEngine(db) }} makeEngine={makeEngine} />
  </StrictMode>,
);

registerServiceWorker();
