/**
 * The page's root: which building's database is shown (issue 10 §1: an office device may hold
 * several, db/buildings.ts), its sync engine and page-driven sync, and the switch between them.
 * Switching stops the shown building's page sync, shows the other one (the app remounts on its
 * database) and signs the same person in there with the key their PIN already gave.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { App } from './app';
import { setCurrentDbName } from './db/buildings';
import { getDevice } from './db/repos/device-repo';
import type { HandoverDb } from './db/schema';
import { proofKeyOf, rememberProofKey } from './state/proof-keys';
import { useSessionStore } from './state/session-store';
import { startPageSync } from './sync/page-sync';
import type { SyncEngine } from './sync/sync-engine';
import { BuildingSwitchProvider, type BuildingSwitch } from './ui/building-switch';

export interface Shown {
  name: string;
  db: HandoverDb;
  engine: SyncEngine;
}

/** How long a database switched away from stays open, so the screens leaving it read no closed database. */
const CLOSE_DELAY_MS = 2_000;

export function Root({ initial, makeEngine }: { initial: Shown; makeEngine: (db: HandoverDb) => SyncEngine }) {
  const [shown, setShown] = useState<Shown>(initial);
  const [siteId, setSiteId] = useState<string | null>(null);
  const stopSync = useRef<(() => void) | null>(null);

  const onEnrolled = useCallback(
    (device: { siteId: string }) => {
      setSiteId(device.siteId);
      stopSync.current ??= startPageSync(shown.engine, shown.db);
    },
    [shown],
  );

  const open = useCallback<BuildingSwitch['open']>(
    async (target, from) => {
      const device = await getDevice(shown.db);
      if (!device) throw new Error('this device is not enrolled');
      const key = proofKeyOf(from.staffId);
      // Only an office device of several buildings switches: its code stays out of the first load.
      const { prepareBuilding } = await import('./sync/open-building');
      const next = await prepareBuilding({
        current: { name: shown.name, db: shown.db, device },
        staffId: from.staffId,
        target,
        makeEngine,
      });
      stopSync.current?.();
      stopSync.current = null;
      const old = shown.db;
      setCurrentDbName(next.name);
      setShown({ name: next.name, db: next.db, engine: next.engine });
      setSiteId(target.siteId);
      useSessionStore.getState().signIn(target.staffId, Date.now());
      if (key) rememberProofKey(target.staffId, key);
      setTimeout(() => old.close(), CLOSE_DELAY_MS);
    },
    [shown, makeEngine],
  );

  const value = useMemo<BuildingSwitch>(() => ({ siteId, open }), [siteId, open]);
  return (
    <BuildingSwitchProvider value={value}>
      <App key={shown.name} db={shown.db} engine={shown.engine} onEnrolled={onEnrolled} />
    </BuildingSwitchProvider>
  );
}
