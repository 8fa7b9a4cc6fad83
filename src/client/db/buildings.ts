/**
 * Issue 10 §1: the buildings open on this browser. A desk tablet holds one building, in the
 * database `handover-desk`. An office device of a person who works in several buildings may open
 * each of them: every building gets its own IndexedDB database (`handover-desk@<siteId>`), with its
 * own enrolled device, outbox, cursor and records, so each building syncs, signs and is pruned
 * exactly as on a tablet of its own, and no row of one building is ever in another's database.
 *
 * The page remembers which database it shows and which database holds which building in
 * localStorage (names only, no records); the service worker finds the databases by name
 * (`isBuildingDbName`) to sync each of them in the background.
 */
export const HOME_DB_NAME = 'handover-desk';
const CURRENT_KEY = 'handover-desk:current-db';
const REGISTRY_KEY = 'handover-desk:building-dbs';
const BUILDING_DB = /^handover-desk@[0-9a-f-]{36}$/;

/** The database of a building opened on this device after its first. */
export function buildingDbName(siteId: string): string {
  return `${HOME_DB_NAME}@${siteId}`;
}

/** Whether `name` is a database of this app holding one building. */
export function isBuildingDbName(name: string): boolean {
  return name === HOME_DB_NAME || BUILDING_DB.test(name);
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The database the page opens: the building last shown, else the first. */
export function currentDbName(): string {
  const name = storage()?.getItem(CURRENT_KEY);
  return name && isBuildingDbName(name) ? name : HOME_DB_NAME;
}

export function setCurrentDbName(name: string): void {
  if (!isBuildingDbName(name)) throw new RangeError(`not a building database: ${name}`);
  storage()?.setItem(CURRENT_KEY, name);
}

function registry(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(REGISTRY_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The database that holds building `siteId` on this device, if one was opened here. */
export function dbNameOf(siteId: string): string | undefined {
  const name = registry()[siteId];
  return name !== undefined && isBuildingDbName(name) ? name : undefined;
}

export function rememberDbName(siteId: string, name: string): void {
  storage()?.setItem(REGISTRY_KEY, JSON.stringify({ ...registry(), [siteId]: name }));
}
