/**
 * UI-only state: the record another screen asked to show, and which forms hold unsaved input.
 * Forms register by id so a form re-rendering never counts twice; the update prompt waits while any
 * is dirty. The section shown is the URL, not state here (routes.ts).
 */
import { create } from 'zustand';

/** A record another screen asked to show (the gate links each blocker to the thing that blocks). */
export interface Focus {
  table: 'logEntry' | 'task' | 'item' | 'itemMovement' | 'handoverRecord';
  id: string;
}

export interface UiState {
  focus: Focus | null;
  dirtyForms: readonly string[];
  /** Asks the next screen shown to open `focus`; `useOpenFocus` (routes.ts) sets it and navigates. */
  setFocus(focus: Focus): void;
  clearFocus(): void;
  setFormDirty(formId: string, dirty: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  focus: null,
  dirtyForms: [],
  setFocus: (focus) => set({ focus }),
  clearFocus: () => set({ focus: null }),
  setFormDirty: (formId, dirty) =>
    set((s) => {
      const has = s.dirtyForms.includes(formId);
      if (dirty === has) return s;
      return { dirtyForms: dirty ? [...s.dirtyForms, formId] : s.dirtyForms.filter((id) => id !== formId) };
    }),
}));

/** How many forms hold unsaved input right now. */
export function useDirtyCount(): number {
  return useUiStore((s) => s.dirtyForms.length);
}
