/**
 * The state every form of the tablet shares, in one place instead of a copy per form (STYLE.md):
 * the draft kept in IndexedDB (useFormDraft), the field errors, the busy flag and a thrown failure,
 * and the save step that shows a refusal beside the fields with the focus on the first of them.
 */
import { useCallback, useState } from 'react';
import { useFocusFirstInvalid } from './focus-invalid';
import { useFormDraft, type FormDraftOptions } from './use-form-draft';

/** Field errors by field name, as the repositories and domain rules return them. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * What a save returns: the field errors that stopped it, or null once it is written. A thrown error
 * is kept as `failure` (storage full, say) and everything typed stays.
 */
export type SaveStep<T, E extends FieldErrors> = (value: T) => Promise<E | null>;

/** A form's draft, errors, busy flag and failure; see the module comment. */
export function useDraftForm<T extends object, E extends FieldErrors>(options: FormDraftOptions<T>) {
  const draft = useFormDraft(options);
  const [errors, setErrors] = useState<E>({} as E);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const invalid = useFocusFirstInvalid();
  const { update, reset } = draft;

  /** Changes fields of the form; each changed field's error goes, the others stay until the next save. */
  const change = useCallback(
    (patch: Partial<T>, alsoClears: readonly (keyof E & string)[] = []) => {
      update((v) => ({ ...v, ...patch }));
      const cleared = [...Object.keys(patch), ...alsoClears];
      setErrors((e) => {
        if (!cleared.some((f) => f in e)) return e;
        const rest = { ...e };
        for (const f of cleared) delete rest[f];
        return rest;
      });
    },
    [update],
  );

  /** Shows `found` beside the fields and moves the focus to the first (a form's own checks). */
  const refuse = useCallback(
    (found: E) => {
      setErrors(found);
      invalid.request();
    },
    [invalid],
  );

  /**
   * Runs `step` with the form's value. Errors are shown beside their fields, with the focus on the
   * first; once written, the form starts blank and its stored draft is removed. True when saved.
   */
  const save = async (step: SaveStep<T, E>): Promise<boolean> => {
    setFailure(null);
    setSaving(true);
    try {
      const found = await step(draft.value);
      if (found && Object.keys(found).length > 0) {
        refuse(found);
        return false;
      }
      setErrors({} as E);
      reset();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setSaving(false);
    }
  };

  /** "Discard draft": the form starts blank and the stored draft is removed. */
  const discard = useCallback(() => {
    reset();
    setErrors({} as E);
    setFailure(null);
  }, [reset]);

  return {
    value: draft.value,
    restored: draft.restored,
    dirty: draft.dirty,
    errors,
    saving,
    failure,
    /** Put on the <form>: the first invalid field inside gets the focus after a refused save. */
    attachForm: invalid.attach,
    change,
    refuse,
    save,
    discard,
  };
}
