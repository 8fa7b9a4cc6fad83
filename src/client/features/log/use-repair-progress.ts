import { useState } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { recordRepairProgress, type RepairErrors } from '../../db/repos/repair-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';

/**
 * F2: a repair's progress from its detail: the assignee and the completion time (a time a person
 * enters, in the building's zone), completed later as the repair goes on. The repository runs the
 * entry's rules (validateLogEntry) and keeps them open on a handed-over duty (H3 follow-up).
 */
export function useRepairProgress(entry: LogEntry, staffId: string, timeZone: string) {
  const db = useDb();
  const [assignedTo, setAssignedTo] = useState(entry.assignedTo);
  const [completedAt, setCompletedAt] = useState(
    entry.completedAt === null ? '' : toLocalInput(entry.completedAt, timeZone),
  );
  const [errors, setErrors] = useState<RepairErrors & { completedAtInput?: 'invalid' }>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const save = async () => {
    const typed = completedAt === '' ? null : fromLocalInput(completedAt, timeZone);
    if (completedAt !== '' && typed === null) {
      setErrors({ completedAtInput: 'invalid' });
      return;
    }
    setSaving(true);
    setFailure(null);
    setSaved(false);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const res = await recordRepairProgress(db, ctx, { entryId: entry.id, assignedTo, completedAt: typed });
      setErrors(res.ok ? {} : res.errors);
      setSaved(res.ok);
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const dirty =
    assignedTo.trim() !== entry.assignedTo ||
    completedAt !== (entry.completedAt === null ? '' : toLocalInput(entry.completedAt, timeZone));

  return {
    assignedTo,
    completedAt,
    errors,
    saving,
    saved: saved && !dirty,
    failure,
    dirty,
    setAssignedTo: (v: string) => {
      setAssignedTo(v);
      setErrors(({ assignedTo: _cleared, ...rest }) => rest);
    },
    setCompletedAt: (v: string) => {
      setCompletedAt(v);
      setErrors({});
    },
    save,
  };
}
