import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SyncOutcome } from '../sync/sync-engine';

/** The part of the sync engine the screens use. */
export interface SyncRunner {
  syncNow(): Promise<SyncOutcome>;
}

export interface EngineContextValue {
  engine: SyncRunner;
  /** Runs a sync now; never throws (a failure is reported in the outcome's `error`). */
  syncNow(): Promise<SyncOutcome>;
  syncing: boolean;
}

const EngineContext = createContext<EngineContextValue | null>(null);

/** Provides the sync engine and a `syncNow` that tracks whether a sync is running. */
export function EngineProvider({ engine, children }: { engine: SyncRunner; children: ReactNode }) {
  const [running, setRunning] = useState(0);

  const syncNow = useCallback(async (): Promise<SyncOutcome> => {
    setRunning((n) => n + 1);
    try {
      return await engine.syncNow();
    } catch {
      // The engine reports network and server trouble in its outcome; anything thrown is
      // unexpected and is reported the same way, so a button never leaves a rejected promise.
      return { pushed: 0, pulled: 0, rejected: 0, error: 'server' };
    } finally {
      setRunning((n) => n - 1);
    }
  }, [engine]);

  const value = useMemo(() => ({ engine, syncNow, syncing: running > 0 }), [engine, syncNow, running]);
  return <EngineContext.Provider value={value}>{children}</EngineContext.Provider>;
}

/** The sync engine from the nearest EngineProvider. */
export function useEngine(): EngineContextValue {
  const value = useContext(EngineContext);
  if (!value) throw new Error('useEngine() needs an <EngineProvider>');
  return value;
}
