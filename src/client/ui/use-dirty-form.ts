import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';

/**
 * Registers a form as holding unsaved input while `dirty` is true, and unregisters it on unmount,
 * so the update prompt never reloads over someone's half-typed entry.
 */
export function useDirtyForm(formId: string, dirty: boolean): void {
  const setFormDirty = useUiStore((s) => s.setFormDirty);
  useEffect(() => {
    setFormDirty(formId, dirty);
  }, [formId, dirty, setFormDirty]);
  useEffect(() => () => setFormDirty(formId, false), [formId, setFormDirty]);
}
