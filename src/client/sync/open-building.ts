/**
 * Issue 10 §1: opening another building of the signed-in person on this office device. The
 * building's database is prepared before the page switches to it: the first time, the server
 * enrols a device of that building for this office device (office-client.ts) and the database is
 * filled by a first sync; later times, it syncs what changed. The switch happens only once the
 * person's own row is in that database, so the page never lands in a building it cannot show.
 */
import type { BuildingSummary } from '../../domain/api';
import { buildingDbName, dbNameOf, rememberDbName } from '../db/buildings';
import { openHandoverDb } from '../db/open';
import { getStaff } from '../db/queries';
import { getDevice, saveEnrolment, type DeviceInfo } from '../db/repos/device-repo';
import type { HandoverDb } from '../db/schema';
import { officeOpenBuilding } from './office-client';
import type { SyncEngine } from './sync-engine';

/** The building could not be loaded (offline the first time, or the server refused its sync). */
export class BuildingNotLoadedError extends Error {
  readonly code = 'building_not_loaded';
  constructor(readonly siteId: string) {
    super(`building ${siteId} could not be loaded on this device`);
    this.name = 'BuildingNotLoadedError';
  }
}

export interface PreparedBuilding {
  name: string;
  db: HandoverDb;
  engine: SyncEngine;
  device: DeviceInfo;
}

export interface OpenBuildingInput {
  /** The database shown now, its name and its device. */
  current: { name: string; db: HandoverDb; device: DeviceInfo };
  /** The signed-in person (in the current building); their PIN was typed in this page. */
  staffId: string;
  target: Pick<BuildingSummary, 'siteId' | 'staffId'>;
  makeEngine: (db: HandoverDb) => SyncEngine;
  now?: () => number;
  fetchFn?: typeof fetch;
}

export async function prepareBuilding(input: OpenBuildingInput): Promise<PreparedBuilding> {
  const { current, target } = input;
  rememberDbName(current.device.siteId, current.name);
  let name = dbNameOf(target.siteId);
  let db = name === undefined ? undefined : openHandoverDb(name);
  let device = db ? await getDevice(db) : undefined;
  if (!db || !device || device.siteId !== target.siteId) {
    db?.close();
    const actor = { db: current.db, staffId: input.staffId, ...(input.fetchFn ? { fetchFn: input.fetchFn } : {}) };
    const opened = await officeOpenBuilding(actor, target.siteId);
    name = buildingDbName(target.siteId);
    db = openHandoverDb(name);
    device = await saveEnrolment(db, opened, current.device.deviceName, (input.now ?? Date.now)());
    rememberDbName(target.siteId, name);
  }
  const engine = input.makeEngine(db);
  await engine.syncNow();
  const me = await getStaff(db, target.staffId);
  if (!me || me.deleted || !me.active) {
    db.close();
    throw new BuildingNotLoadedError(target.siteId);
  }
  return { name: name ?? buildingDbName(target.siteId), db, engine, device };
}
