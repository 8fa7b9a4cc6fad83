import { createContext, useContext } from 'react';
import type { BuildingSummary } from '../../domain/api';

/**
 * Issue 10 §1: switching this office device to another building of the signed-in person
 * (root.tsx provides it; open-building.ts prepares the building's database first).
 */
export interface BuildingSwitch {
  /** The building shown now. */
  siteId: string | null;
  /**
   * Shows building `target` with the person signed in there (the same PIN, so the same proof
   * key). Rejects (the page stays where it was) when the building cannot be loaded.
   */
  open(target: Pick<BuildingSummary, 'siteId' | 'staffId'>, from: { staffId: string }): Promise<void>;
}

const BuildingSwitchContext = createContext<BuildingSwitch | null>(null);
export const BuildingSwitchProvider = BuildingSwitchContext.Provider;

/** The switch, or null where the page cannot switch (component tests, a desk tablet's tests). */
export function useBuildingSwitch(): BuildingSwitch | null {
  return useContext(BuildingSwitchContext);
}
