import { useCallback, useEffect, useRef, useState } from 'react';
import { useDirtyForm } from '../../ui/use-dirty-form';

/** Typing pauses this long before the text is saved: one outbox op per pause, not per key. */
const SAVE_DELAY_MS = 800;

export interface DraftText {
  value: string;
  onChange(value: string): void;
  /** Saves now what is typed (on blur, or before an action that needs it saved). */
  flush(): Promise<void>;
}

/**
 * A text field of the handover draft: shows what is saved until the person types, saves shortly
 * after typing stops, on blur and when the field goes away, and holds the update prompt meanwhile
 * (useDirtyForm), so nothing typed is lost to a reload or a step change.
 */
export function useDraftText(formId: string, saved: string, persist: (value: string) => Promise<unknown>): DraftText {
  const [typed, setTyped] = useState<string | null>(null);
  // Once saved, show the saved value again, so a change from the other tablet shows up too.
  if (typed !== null && typed === saved) setTyped(null);
  const pending = typed !== null && typed !== saved;
  const latest = useRef({ typed, pending, persist });
  useEffect(() => {
    latest.current = { typed, pending, persist };
  });
  useDirtyForm(formId, pending);

  const flush = useCallback(async () => {
    const { typed: value, pending: unsaved, persist: save } = latest.current;
    if (unsaved && value !== null) await save(value);
  }, []);

  useEffect(() => {
    if (!pending) return;
    const id = setTimeout(() => void flush(), SAVE_DELAY_MS);
    return () => clearTimeout(id);
  }, [pending, typed, flush]);

  // Leaving the step (unmount) saves what was typed rather than dropping it.
  useEffect(() => () => void flush(), [flush]);

  return { value: typed ?? saved, onChange: setTyped, flush };
}
