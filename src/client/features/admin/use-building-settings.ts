import { useState } from 'react';
import { DEFAULT_SHIFT, MAX_SHIFTS, type Site } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import {
  changedSettings,
  hasSettingsErrors,
  settingsErrorsFromIssues,
  settingsToDraft,
  validateSiteSettings,
  type EditableSiteSettings,
  type ShiftDraft,
  type SiteSettingsDraft,
  type SiteSettingsErrors,
} from '../../../domain/site-settings';
import { adminUpdateSite } from '../../sync/admin-client';
import { ApiRequestError } from '../../sync/api-client';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { useSite } from '../../ui/use-site';
import { useAdminApi } from './use-admin-api';

export type ScalarSetting = Exclude<keyof SiteSettingsDraft, 'shifts'>;
export type ShiftField = Exclude<keyof ShiftDraft, 'id'>;

interface Edit {
  /** The saved settings the edit started from: a save writes only what differs from these. */
  base: EditableSiteSettings;
  draft: SiteSettingsDraft;
  /** Set once saved: the site's updatedAt before the save, so the edit gives way to the new row. */
  savedOver?: string;
}

function editable(site: Site): EditableSiteSettings {
  const { name, timeZone, shifts, incomingLeadMinutes, outgoingLeadMinutes, idleSignOutMinutes, localWindowDays } =
    site;
  return { name, timeZone, shifts, incomingLeadMinutes, outgoingLeadMinutes, idleSignOutMinutes, localWindowDays };
}

/** The fields a 400 `bad_request` of the server names (its details are the schema's issues), if any. */
function refusedFields(error: unknown, shiftIds: readonly string[]): SiteSettingsErrors | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'bad_request' || !Array.isArray(error.details)) return null;
  const issues = error.details.filter(
    (i): i is { path: PropertyKey[]; code: string } =>
      typeof i === 'object' &&
      i !== null &&
      Array.isArray((i as { path?: unknown }).path) &&
      typeof (i as { code?: unknown }).code === 'string',
  );
  const errors = settingsErrorsFromIssues(issues, shiftIds);
  return hasSettingsErrors(errors) ? errors : null;
}

/**
 * The admin's Building settings form: name, zone, shifts (S2), H1 lead times, idle sign-out.
 * Issue 9 §3: a save is sent to the server (PATCH of only the changed fields) and never queued;
 * offline the form refuses at once. After the server's answer a sync pulls the row it wrote, and
 * the saved values stay shown until that row arrives. Values are checked by domain
 * validateSiteSettings, the same rules as first-run setup and the server's schema; a refused value
 * shows beside its field and nothing typed is lost. While nobody edits, the form follows the live
 * site row, so a change synced from another tablet shows at once.
 */
export function useBuildingSettings(actorStaffId: string) {
  const api = useAdminApi(actorStaffId);
  const site = useSite();
  const [edit, setEdit] = useState<Edit | null>(null);
  const [errors, setErrors] = useState<SiteSettingsErrors>({});
  const [status, setStatus] = useState<'saved' | 'unchanged' | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const saved = site ? editable(site) : undefined;
  // A saved edit is shown only until the live query delivers the row it wrote (no flash of the old values).
  const isCurrent = (e: Edit | null): e is Edit =>
    e !== null && (e.savedOver === undefined || e.savedOver === site?.updatedAt);
  const current = isCurrent(edit) ? edit : null;
  const draft = current?.draft ?? (saved ? settingsToDraft(saved) : undefined);
  const dirty = current !== null && current.savedOver === undefined;
  useDirtyForm('building-settings', dirty);
  const invalid = useFocusFirstInvalid();

  const change = (update: (d: SiteSettingsDraft) => SiteSettingsDraft) => {
    if (!saved) return;
    setStatus(null);
    setEdit((e) => {
      const from = isCurrent(e) ? e : { base: saved, draft: settingsToDraft(saved) };
      return { base: from.base, draft: update(from.draft) };
    });
  };

  const setField = (field: ScalarSetting, value: string) => change((d) => ({ ...d, [field]: value }));
  const setShift = (id: string, field: ShiftField, value: string) =>
    change((d) => ({ ...d, shifts: d.shifts.map((s) => (s.id === id ? { ...s, [field]: value } : s)) }));
  /** A new shift starts at the normal duty hours (S2, 09:00-18:00) and still needs a name. */
  const addShift = () =>
    change((d) =>
      d.shifts.length >= MAX_SHIFTS
        ? d
        : {
            ...d,
            shifts: [...d.shifts, { id: newId(), name: '', start: DEFAULT_SHIFT.start, end: DEFAULT_SHIFT.end }],
          },
    );
  /** At least one shift always remains. */
  const removeShift = (id: string) =>
    change((d) => (d.shifts.length <= 1 ? d : { ...d, shifts: d.shifts.filter((s) => s.id !== id) }));

  const discard = () => {
    setEdit(null);
    setErrors({});
    setStatus(null);
    setFailure(null);
  };

  const save = async () => {
    if (!draft || !saved || !site) return;
    setStatus(null);
    setFailure(null);
    const checked = validateSiteSettings(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      invalid.request();
      return;
    }
    setErrors({});
    const base = current?.base ?? saved;
    const patch = changedSettings(base, checked.value);
    if (Object.keys(patch).length === 0) {
      setEdit(null);
      setStatus('unchanged');
      return;
    }
    if (!api.online) return;
    setSaving(true);
    try {
      await adminUpdateSite(api.actor, patch);
      setEdit({ base: checked.value, draft: settingsToDraft(checked.value), savedOver: site.updatedAt });
      setStatus('saved');
      api.pulled();
    } catch (error) {
      // The server checks the same schema; a refused value is still said beside its field.
      const fields = refusedFields(
        error,
        draft.shifts.map((s) => s.id),
      );
      if (fields) {
        setErrors(fields);
        invalid.request();
      } else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return {
    /** A callback ref for the form: its first invalid field gets the focus after a refused save. */
    attachForm: invalid.attach,
    /** Undefined until the site row has arrived with the first sync. */
    draft,
    errors,
    status,
    online: api.online,
    saving,
    failure,
    dirty,
    setField,
    setShift,
    addShift,
    removeShift,
    discard,
    save,
  };
}
