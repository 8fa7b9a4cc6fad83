import { useId, useState } from 'react';
import type { Staff } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { PinResetDialog } from './pin-reset-dialog';

export interface StaffListProps {
  staff: readonly Staff[] | undefined;
  actorStaffId: string;
  onSetActive(staffId: string, active: boolean): void;
}

/**
 * The building's staff with their role: reset a forgotten PIN, deactivate or reactivate. The admin
 * cannot deactivate themselves (someone must be left to administer the building).
 */
export function StaffList({ staff, actorStaffId, onSetActive }: StaffListProps) {
  const t = useT();
  const titleId = useId();
  const [resetting, setResetting] = useState<{ id: string; name: string } | null>(null);
  const [resetDone, setResetDone] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('admin.staff.title')}</h2>
      {resetDone ? (
        <p role="status" className="form-ok">
          {t('admin.pin.done', { name: resetDone })}
        </p>
      ) : null}
      <ul className="staff-list">
        {staff?.map((person) => (
          <li key={person.id} className={person.active ? '' : 'inactive'}>
            <span className="staff-name">
              {person.name}
              {person.id === actorStaffId ? ` (${t('admin.staff.you')})` : ''}
            </span>
            <span className="staff-role">{t(`role.${person.role}`)}</span>
            {person.active ? null : <span className="badge">{t('admin.staff.inactive')}</span>}
            <span className="staff-actions">
              <Button
                aria-label={t('admin.pin.resetName', { name: person.name })}
                onClick={() => {
                  setResetDone(null);
                  setResetting({ id: person.id, name: person.name });
                }}
              >
                {t('admin.pin.reset')}
              </Button>
              {person.id === actorStaffId ? null : (
                <Button
                  variant={person.active ? 'danger' : 'secondary'}
                  aria-label={t(person.active ? 'admin.staff.deactivateName' : 'admin.staff.reactivateName', {
                    name: person.name,
                  })}
                  onClick={() => onSetActive(person.id, !person.active)}
                >
                  {person.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {resetting ? (
        <PinResetDialog
          person={resetting}
          actorStaffId={actorStaffId}
          onClose={() => setResetting(null)}
          onReset={() => {
            setResetDone(resetting.name);
            setResetting(null);
          }}
        />
      ) : null}
    </section>
  );
}
