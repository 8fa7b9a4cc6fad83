/**
 * UI-only state: which section is shown and which forms hold unsaved input. Forms register by id
 * so a form re-rendering never counts twice; the update prompt waits while any is dirty.
 */
import { create } from 'zustand';

/**
 * `log`: the current duty; `day`: the building's record by day (everyone); `handover`: the guided
 * handover with its count; `tasks`: the carry-over register; `items`: the item register, loans and
 * custody; `rota`: the rota and swap requests; `admin`: admins only.
 */
export type Section = 'log' | 'day' | 'handover' | 'tasks' | 'items' | 'rota' | 'admin';

/** A record another screen asked to show (the gate links each blocker to the thing that blocks). */
export interface Focus {
  table: 'logEntry' | 'task' | 'item' | 'itemMovement' | 'handoverRecord';
  id: string;
}

export interface UiState {
  section: Section;
  focus: Focus | null;
  dirtyForms: readonly string[];
  setSection(section: Section): void;
  /** Switches to `section` and asks it to open `focus`; the screen clears it once shown. */
  openFocus(section: Section, focus: Focus): void;
  clearFocus(): void;
  setFormDirty(formId: string, dirty: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  section: 'log',
  focus: null,
  dirtyForms: [],
  setSection: (section) => set({ section, focus: null }),
  openFocus: (section, focus) => set({ section, focus }),
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
