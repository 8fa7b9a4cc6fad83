/**
 * UI-only state: which section is shown and which forms hold unsaved input. Forms register by id
 * so a form re-rendering never counts twice; the update prompt waits while any is dirty.
 */
import { create } from 'zustand';

/** `log`: the current duty; `day`: the building's record by day (everyone); `admin`: admins only. */
export type Section = 'log' | 'day' | 'admin';

export interface UiState {
  section: Section;
  dirtyForms: readonly string[];
  setSection(section: Section): void;
  setFormDirty(formId: string, dirty: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  section: 'log',
  dirtyForms: [],
  setSection: (section) => set({ section }),
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
