import { createContext, useContext, type ReactNode } from 'react';
import type { HandoverDb } from '../db/schema';

const DbContext = createContext<HandoverDb | null>(null);

/** Provides the tablet's one HandoverDb to every screen (tests pass a fresh one per test). */
export function DbProvider({ db, children }: { db: HandoverDb; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

/** The HandoverDb from the nearest DbProvider. */
export function useDb(): HandoverDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb() needs a <DbProvider>');
  return db;
}
