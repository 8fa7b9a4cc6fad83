import { useId } from 'react';
import { ROLES } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { SegmentedControl } from '../../ui/choice-group';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { PinInput } from '../../ui/pin-input';
import { useStaffAdmin } from './use-staff-admin';

/** The building's staff: add a person with a role and PIN; deactivate or reactivate. */
export function StaffAdmin({ actorStaffId }: { actorStaffId: string }) {
  const t = useT();
  const listTitleId = useId();
  const formTitleId = useId();
  const s = useStaffAdmin(actorStaffId);
  const f = s.form;
  const err = (key: typeof s.errors.name, label: string) => (key ? t(key, { field: label }) : undefined);

  return (
    <>
      <form
        className="card"
        aria-labelledby={formTitleId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void s.add();
        }}
      >
        <h2 id={formTitleId}>{t('admin.staff.add')}</h2>
        <Field label={t('admin.staff.name')} error={err(s.errors.name, t('admin.staff.name'))}>
          {(p) => <input {...p} maxLength={60} value={f.name} onChange={(e) => f.setName(e.target.value)} />}
        </Field>
        <SegmentedControl
          legend={t('admin.staff.role')}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={f.role}
          onChange={f.setRole}
        />
        <div className="field-row">
          <Field
            label={t('admin.staff.pin')}
            hint={t('setup.pin.hint')}
            error={err(s.errors.pin, t('admin.staff.pin'))}
          >
            {(p) => <PinInput {...p} value={f.pin} onValue={f.setPin} />}
          </Field>
          <Field label={t('admin.staff.confirmPin')} error={err(s.errors.confirmPin, t('admin.staff.confirmPin'))}>
            {(p) => <PinInput {...p} value={f.confirmPin} onValue={f.setConfirmPin} />}
          </Field>
        </div>
        {s.added ? (
          <p role="status" className="form-ok">
            {t('admin.staff.added', { name: s.added })}
          </p>
        ) : null}
        <FailureAlert error={s.failure} />
        <div className="form-actions">
          <Button type="submit" variant="primary" large disabled={s.saving}>
            {s.saving ? t('common.saving') : t('admin.staff.submit')}
          </Button>
        </div>
      </form>

      <section className="card" aria-labelledby={listTitleId}>
        <h2 id={listTitleId}>{t('admin.staff.title')}</h2>
        <ul className="staff-list">
          {s.staff?.map((person) => (
            <li key={person.id} className={person.active ? '' : 'inactive'}>
              <span className="staff-name">
                {person.name}
                {person.id === actorStaffId ? ` (${t('admin.staff.you')})` : ''}
              </span>
              <span className="staff-role">{t(`role.${person.role}`)}</span>
              {person.active ? null : <span className="badge">{t('admin.staff.inactive')}</span>}
              {person.id === actorStaffId ? null : (
                <Button
                  variant={person.active ? 'danger' : 'secondary'}
                  aria-label={t(person.active ? 'admin.staff.deactivateName' : 'admin.staff.reactivateName', {
                    name: person.name,
                  })}
                  onClick={() => void s.setActive(person.id, !person.active)}
                >
                  {person.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
