import { useId } from 'react';
import { SiteSettings } from '../../../domain/entities';
import { localWindowLimits, type MinuteField, type SettingsFieldError } from '../../../domain/site-settings';
import { fieldMax } from '../../../domain/text-limits';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { SubmitButton } from '../../ui/submit-button';
import { Field } from '../../ui/field';
import { settingsErrorKey } from '../../ui/settings-errors';
import { MinutesField, TimeZoneField } from '../../ui/settings-fields';
import { AdminFailure } from './admin-failure';
import { ShiftListEditor } from './shift-list-editor';
import { useBuildingSettings } from './use-building-settings';

/** The server's limit of the building's name, from the shared schema (issue 7). */
const BUILDING_NAME_MAX = fieldMax(SiteSettings, 'name');
/** D5: the range of the tablet's local window, from the shared schema. */
const WINDOW_LIMITS = localWindowLimits();

/**
 * The building's settings after first run: name, time zone, shift templates (S2), the H1 lead
 * times, the idle sign-out and the days of records each tablet keeps (D5). Saved on the server
 * (issue 9 §3), so it needs the network; every tablet receives the change with its next sync.
 */
export function BuildingSettingsCard({ actorStaffId, timeZone }: { actorStaffId: string; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const s = useBuildingSettings(actorStaffId);
  const title = <h2 id={titleId}>{t('admin.settings.title')}</h2>;
  const message = (code: SettingsFieldError | undefined, label: string, minutes?: MinuteField | 'localWindowDays') =>
    code ? t(settingsErrorKey(code, minutes), { field: label }) : undefined;

  if (!s.draft) {
    return (
      <section className="card" aria-labelledby={titleId}>
        {title}
        <p className="empty">{t('admin.settings.loading')}</p>
      </section>
    );
  }

  const d = s.draft;
  const minutes = (field: MinuteField, label: string, hint: string) => (
    <MinutesField
      field={field}
      label={label}
      hint={hint}
      value={d[field]}
      onChange={(v) => s.setField(field, v)}
      error={message(s.errors[field], label, field)}
    />
  );

  return (
    <form
      ref={(el) => s.attachForm(el)}
      className="card building-settings"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void s.save();
      }}
    >
      {title}
      <Field
        label={t('setup.buildingName')}
        error={message(s.errors.name, t('setup.buildingName'))}
        limit={{ max: BUILDING_NAME_MAX, value: d.name }}
      >
        {(p) => <input {...p} value={d.name} onChange={(e) => s.setField('name', e.target.value)} />}
      </Field>
      <TimeZoneField
        label={t('setup.timeZone')}
        value={d.timeZone}
        onChange={(v) => s.setField('timeZone', v)}
        error={message(s.errors.timeZone, t('setup.timeZone'))}
      />
      <ShiftListEditor
        shifts={d.shifts}
        errors={s.errors}
        onShift={s.setShift}
        onAdd={s.addShift}
        onRemove={s.removeShift}
      />
      <div className="field-row field-row-3">
        {minutes('incomingLeadMinutes', t('admin.settings.incomingLead'), t('admin.settings.incomingLead.hint'))}
        {minutes('outgoingLeadMinutes', t('admin.settings.outgoingLead'), t('admin.settings.outgoingLead.hint'))}
        {minutes('idleSignOutMinutes', t('setup.idleMinutes'), t('setup.idleMinutes.hint'))}
      </div>
      {/* D5: the days of records each tablet keeps for its screens and its own search. */}
      <Field
        label={t('search.localWindowDays')}
        hint={t('search.localWindowDays.hint')}
        error={message(s.errors.localWindowDays, t('search.localWindowDays'), 'localWindowDays')}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={WINDOW_LIMITS.min}
            max={WINDOW_LIMITS.max}
            step={1}
            value={d.localWindowDays ?? ''}
            onChange={(e) => s.setField('localWindowDays', e.target.value)}
          />
        )}
      </Field>
      {s.status ? (
        <p role="status" className="form-ok">
          {t(s.status === 'saved' ? 'admin.settings.savedOnline' : 'admin.settings.unchanged')}
        </p>
      ) : null}
      <AdminFailure error={s.failure} timeZone={timeZone} onRetry={() => void s.save()} />
      <div className="form-actions">
        {s.dirty ? (
          <Button onClick={s.discard} disabled={s.saving}>
            {t('admin.settings.discard')}
          </Button>
        ) : null}
        <SubmitButton busy={s.saving} disabled={!s.online} label={t('admin.settings.submit')} />
      </div>
    </form>
  );
}
