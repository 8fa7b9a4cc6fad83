import { useId } from 'react';
import { ROLES, Staff } from '../../../domain/entities';
import { fieldMax } from '../../../domain/text-limits';
import { useT } from '../../i18n/use-t';
import { SegmentedControl } from '../../ui/choice-group';
import { SubmitButton } from '../../ui/submit-button';
import { Field } from '../../ui/field';
import { PinInput } from '../../ui/pin-input';
import { AdminFailure } from './admin-failure';
import { pinErrorText, pinHintFor } from './pin-rules';
import { StaffList } from './staff-list';
import { useStaffAdmin } from './use-staff-admin';

/** The server's limit of a person's name, from the shared schema (issue 7). */
const STAFF_NAME_MAX = fieldMax(Staff, 'name');

/**
 * The building's staff: add a person with a role and a PIN long enough for it; change a role,
 * reset a PIN, deactivate or reactivate. Every change is made on the server (issue 9 §3).
 */
export function StaffAdmin({ actorStaffId, timeZone }: { actorStaffId: string; timeZone: string }) {
  const t = useT();
  const formTitleId = useId();
  const s = useStaffAdmin(actorStaffId);
  const f = s.form;
  const err = (key: typeof s.errors.name, label: string) => (key ? t(key, { field: label }) : undefined);
  const pinLabel = t('admin.staff.pin');

  return (
    <>
      <form
        ref={(el) => s.attachForm(el)}
        className="card"
        aria-labelledby={formTitleId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void s.add();
        }}
      >
        <h2 id={formTitleId}>{t('admin.staff.add')}</h2>
        <Field
          label={t('admin.staff.name')}
          error={err(s.errors.name, t('admin.staff.name'))}
          limit={{ max: STAFF_NAME_MAX, value: f.name }}
        >
          {(p) => <input {...p} value={f.name} onChange={(e) => f.setName(e.target.value)} />}
        </Field>
        <SegmentedControl
          legend={t('admin.staff.role')}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={f.role}
          onChange={f.setRole}
        />
        <div className="field-row">
          <Field label={pinLabel} hint={pinHintFor(t, f.role)} error={pinErrorText(t, s.errors.pin, f.role, pinLabel)}>
            {(p) => <PinInput {...p} value={f.pin} onValue={f.setPin} />}
          </Field>
          <Field label={t('admin.staff.confirmPin')} error={err(s.errors.confirmPin, t('admin.staff.confirmPin'))}>
            {(p) => <PinInput {...p} value={f.confirmPin} onValue={f.setConfirmPin} />}
          </Field>
        </div>
        {s.added ? (
          <p role="status" className="form-ok">
            {t('admin.staff.addedOnline', { name: s.added })}
          </p>
        ) : null}
        <AdminFailure error={s.failure} timeZone={timeZone} onRetry={s.retryAdd} />
        <div className="form-actions">
          <SubmitButton busy={s.saving} disabled={!s.online} label={t('admin.staff.submit')} />
        </div>
      </form>

      <StaffList
        staff={s.staff}
        actorStaffId={actorStaffId}
        online={s.online}
        timeZone={timeZone}
        notice={s.notice}
        onNotice={s.setNotice}
        failure={s.listFailure}
        onSetActive={s.setActive}
        onSetRole={s.setRole}
      />
    </>
  );
}
