/**
 * After Save with errors, the first invalid field gets the focus and scrolls into view (issue 7): an
 * error below the fold otherwise looks like nothing happened. One helper for every form.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** What Field and the choice groups mark as invalid, in the order the person reads the form. */
const INVALID = '[aria-invalid="true"], fieldset.field-invalid';

/**
 * Focuses the first invalid control inside `root` (in document order) and scrolls its field, label
 * included, into the middle of the screen. A group of choices is focused on its chosen option (or
 * its first). Returns false when nothing in `root` is invalid.
 */
export function focusFirstInvalid(root: ParentNode): boolean {
  const invalid = root.querySelector<HTMLElement>(INVALID);
  if (!invalid) return false;
  const control =
    invalid instanceof HTMLFieldSetElement
      ? (invalid.querySelector<HTMLElement>('input:checked') ?? invalid.querySelector<HTMLElement>('input, button'))
      : invalid;
  const field = invalid.closest<HTMLElement>('.field, fieldset') ?? invalid;
  // jsdom and some older engines have no scrollIntoView; the focus still moves.
  if (typeof field.scrollIntoView === 'function') field.scrollIntoView({ block: 'center' });
  (control ?? invalid).focus({ preventScroll: true });
  return true;
}

export interface FocusFirstInvalid<E extends HTMLElement> {
  /** A callback ref for the form (or the element that holds its fields). */
  attach(element: E | null): void;
  /** Call when a save came back with errors: once they are on screen, the first gets the focus. */
  request(): void;
}

/** Moves the focus to the first invalid field after each refused save, once its error is rendered. */
export function useFocusFirstInvalid<E extends HTMLElement = HTMLFormElement>(): FocusFirstInvalid<E> {
  const ref = useRef<E | null>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0 && ref.current) focusFirstInvalid(ref.current);
  }, [requests]);
  const request = useCallback(() => setRequests((n) => n + 1), []);
  // A callback rather than the ref object, so screens can pass it along with render values.
  const attach = useCallback((element: E | null) => {
    ref.current = element;
  }, []);
  return { attach, request };
}
