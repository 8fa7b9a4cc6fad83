/**
 * A building's settings as a form edits them: the first-run setup and the admin's Building
 * settings card share these rules, so neither feature imports the other. Values stay as typed
 * text until they are checked, so a wrong entry is shown beside its field and nothing is lost.
 * The check IS the SiteSettings schema that the server applies to setup and to the admin's
 * `PATCH /api/v1/admin/site` (issue 9 §3): a form can never accept what the server would refuse.
 */
import { SiteSettings, type ShiftTemplate } from './entities';

/** H1: the incoming person arrives 5 minutes early; the outgoing one prepares 15 minutes before. */
export const DEFAULT_INCOMING_LEAD_MINUTES = 5;
export const DEFAULT_OUTGOING_LEAD_MINUTES = 15;
/** D5: the duty record is kept for 2 years. */
export const DEFAULT_RETENTION_DAYS = 730;

/** The settings a form edits; retentionDays (D5) is fixed by the rules, not by the desk. */
export const EditableSiteSettings = SiteSettings.omit({ retentionDays: true });
export type EditableSiteSettings = Omit<SiteSettings, 'retentionDays'>;
type EditableKey = keyof EditableSiteSettings;
const EDITABLE_KEYS = Object.keys(EditableSiteSettings.shape) as EditableKey[];

export const MINUTE_FIELDS = ['incomingLeadMinutes', 'outgoingLeadMinutes', 'idleSignOutMinutes'] as const;
export type MinuteField = (typeof MINUTE_FIELDS)[number];

/** D5: the accepted range of the tablet's local window in days, read from the schema. */
export function localWindowLimits(): { min: number; max: number } {
  const schema = SiteSettings.shape.localWindowDays.unwrap();
  return { min: schema.minValue ?? 1, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** The accepted range of each minutes field, read from the schema so the two never drift apart. */
export function minuteLimits(field: MinuteField): { min: number; max: number } {
  const schema = SiteSettings.shape[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export interface ShiftDraft {
  id: string;
  name: string;
  start: string;
  end: string;
}

/** What the person has typed; minutes are text until checked. */
export interface SiteSettingsDraft {
  name: string;
  timeZone: string;
  shifts: ShiftDraft[];
  incomingLeadMinutes: string;
  outgoingLeadMinutes: string;
  idleSignOutMinutes: string;
  /**
   * D5: the days of records a tablet keeps (issue 8). Absent in the first-run setup, where the
   * default applies; the admin's Building settings edit it.
   */
  localWindowDays?: string;
}

/** Why a field was refused; the client turns each into a message in the person's language. */
export type SettingsFieldError = 'required' | 'tooLong' | 'timeZone' | 'time' | 'outOfRange' | 'duplicate' | 'invalid';
export type ShiftErrors = Partial<Record<'name' | 'start' | 'end', SettingsFieldError>>;

export interface SiteSettingsErrors {
  name?: SettingsFieldError;
  timeZone?: SettingsFieldError;
  incomingLeadMinutes?: SettingsFieldError;
  outgoingLeadMinutes?: SettingsFieldError;
  idleSignOutMinutes?: SettingsFieldError;
  localWindowDays?: SettingsFieldError;
  /** The list as a whole: none left, or more than the schema allows. */
  shifts?: SettingsFieldError;
  /** Per shift, keyed by shift id (not position), so removing a row cannot misplace a message. */
  shiftFields?: Record<string, ShiftErrors>;
}

export type SettingsCheck = { ok: true; value: EditableSiteSettings } | { ok: false; errors: SiteSettingsErrors };

/** Whole non-negative minutes (or days) only: '', '1.5', '-3' and '5 min' are NaN, which the schema refuses. */
export function parseMinutes(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The draft a form starts from, showing the saved settings. */
export function settingsToDraft(s: EditableSiteSettings): SiteSettingsDraft {
  return {
    name: s.name,
    timeZone: s.timeZone,
    shifts: s.shifts.map(({ id, name, start, end }) => ({ id, name, start, end })),
    incomingLeadMinutes: String(s.incomingLeadMinutes),
    outgoingLeadMinutes: String(s.outgoingLeadMinutes),
    idleSignOutMinutes: String(s.idleSignOutMinutes),
    localWindowDays: String(s.localWindowDays),
  };
}

/**
 * Checks a draft against the SiteSettings schema, plus one rule the schema cannot express: two
 * shifts may not share a name (staff choose their shift by name when starting a duty).
 * Returns the parsed settings (names trimmed) or the errors per field.
 */
export function validateSiteSettings(draft: SiteSettingsDraft): SettingsCheck {
  const candidate = {
    name: draft.name,
    timeZone: draft.timeZone,
    shifts: draft.shifts,
    incomingLeadMinutes: parseMinutes(draft.incomingLeadMinutes),
    outgoingLeadMinutes: parseMinutes(draft.outgoingLeadMinutes),
    idleSignOutMinutes: parseMinutes(draft.idleSignOutMinutes),
    ...(draft.localWindowDays === undefined ? {} : { localWindowDays: parseMinutes(draft.localWindowDays) }),
  };
  const parsed = EditableSiteSettings.safeParse(candidate);
  const shiftIds = draft.shifts.map((s) => s.id);
  const errors = parsed.success ? {} : settingsErrorsFromIssues(parsed.error.issues, shiftIds);
  markDuplicateNames(draft.shifts, errors);
  if (!parsed.success || hasSettingsErrors(errors)) {
    // A schema failure always yields at least one field error, even one this map does not know.
    return { ok: false, errors: hasSettingsErrors(errors) ? errors : { shifts: 'invalid' } };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Maps schema issues (from validateSiteSettings, or the details of the server's 400 bad_request) to
 * field errors. `shiftIds` are the ids of the checked shifts in order, to key per-shift errors.
 */
export function settingsErrorsFromIssues(
  issues: readonly { path: readonly PropertyKey[]; code: string }[],
  shiftIds: readonly (string | undefined)[],
): SiteSettingsErrors {
  const errors: SiteSettingsErrors = {};
  for (const issue of issues) {
    const [field, index, sub] = issue.path;
    if (field === 'name') errors.name ??= issue.code === 'too_big' ? 'tooLong' : 'required';
    else if (field === 'timeZone') errors.timeZone ??= 'timeZone';
    else if (isMinuteField(field)) errors[field] ??= 'outOfRange';
    else if (field === 'localWindowDays') errors.localWindowDays ??= 'outOfRange';
    else if (field === 'shifts') {
      const id = typeof index === 'number' ? shiftIds[index] : undefined;
      if (id !== undefined && (sub === 'name' || sub === 'start' || sub === 'end')) {
        const code: SettingsFieldError = sub === 'name' ? (issue.code === 'too_big' ? 'tooLong' : 'required') : 'time';
        const all = (errors.shiftFields ??= {});
        all[id] = { [sub]: code, ...all[id] };
      } else errors.shifts ??= 'invalid';
    }
  }
  return errors;
}

/** True when any field (or any shift's field) has an error. */
export function hasSettingsErrors(errors: SiteSettingsErrors): boolean {
  const { shiftFields, ...rest } = errors;
  return Object.keys(rest).length > 0 || Object.values(shiftFields ?? {}).some((e) => Object.keys(e).length > 0);
}

/**
 * The fields of `after` that differ from `before`: the patch to write, so a save sends only what
 * the person changed and never overwrites another tablet's change to a field they left alone.
 */
export function changedSettings(before: EditableSiteSettings, after: EditableSiteSettings): Partial<SiteSettings> {
  const patch: Partial<Record<EditableKey, unknown>> = {};
  for (const key of EDITABLE_KEYS) {
    if (comparable(key, before[key]) !== comparable(key, after[key])) patch[key] = after[key];
  }
  return patch as Partial<SiteSettings>;
}

function comparable(key: EditableKey, value: unknown): string {
  // Shifts are compared field by field: a row pulled from the server may order its keys differently.
  if (key === 'shifts') {
    return JSON.stringify((value as ShiftTemplate[]).map((s) => [s.id, s.name, s.start, s.end]));
  }
  return JSON.stringify(value);
}

function isMinuteField(value: unknown): value is MinuteField {
  return (MINUTE_FIELDS as readonly unknown[]).includes(value);
}

function markDuplicateNames(shifts: readonly ShiftDraft[], errors: SiteSettingsErrors): void {
  const seen = new Set<string>();
  for (const shift of shifts) {
    const key = shift.name.trim().toLocaleLowerCase();
    if (key === '') continue;
    if (seen.has(key)) {
      const all = (errors.shiftFields ??= {});
      all[shift.id] = { name: 'duplicate', ...all[shift.id] };
    }
    seen.add(key);
  }
}
