import { HandoverDb } from './schema';

/**
 * Opens (lazily, on first use) the tablet's IndexedDB database. Tests pass their own name so each
 * simulated tablet has a database of its own.
 */
export function openHandoverDb(name = 'handover-desk'): HandoverDb {
  return new HandoverDb(name);
}
