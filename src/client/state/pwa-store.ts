/**
 * Service-worker update state. src/client/pwa/register.ts calls `offerUpdate(apply)` when a new
 * version is waiting; the UpdatePrompt shows it and calls `applyUpdate` once no form is dirty.
 */
import { create } from 'zustand';

export interface PwaState {
  updateReady: boolean;
  applyUpdate: (() => void) | null;
  offerUpdate(apply: () => void): void;
}

export const usePwaStore = create<PwaState>()((set) => ({
  updateReady: false,
  applyUpdate: null,
  offerUpdate: (apply) => set({ updateReady: true, applyUpdate: apply }),
}));
