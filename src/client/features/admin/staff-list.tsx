import { useId, useState } from 'react';
import type { Role, Staff } from '../../../domain/entities';
import type { TFunction } from '../../i18n/use-t';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { MULTI_BUILDING_ROLES } from '../../../domain/api';
import { AdminFailure } from './admin-failure';
import { AssignBuildingDialog } from './assign-building-dialog';
import { PinResetDialog } from './pin-reset-dialog';
import { RoleDialog } from './role-dialog';
import type { StaffNotice } from './use-staff-admin';

export interface StaffListProps {
  staff: readonly Staff[] | undefined;
  actorStaffId: string;
  /** Offline, every change is refused at once (issue 9 §3): the buttons are off. */
  online: boolean;
  timeZone: string;
  notice: StaffNotice | null;
  onNotice(notice: StaffNotice | null): void;
  failure: { error: unknown; retry: () => void } | null;
  onSetActive(person: Staff, active: boolean): Promise<void>;
  /** Resolves with the failure, null on success. */
  onSetRole(person: Staff, role: Role): Promise<unknown>;
}

function noticeText(t: TFunction, n: StaffNotice): string {
  if (n.kind === 'pin') return t('admin.pin.done', { name: n.name });
  if (n.kind === 'role') return t('admin.staff.roleChanged', { name: n.name, role: t(`role.${n.role}`) });
  return t(n.active ? 'admin.staff.reactivated' : 'admin.staff.deactivated', { name: n.name });
}

/**
 * The building's staff with their role: change a role, reset a forgotten PIN, deactivate or
 * reactivate. The admin cannot deactivate themselves or change their own role (someone must be
 * left to administer the building).
 */
export function StaffList(props: StaffListProps) {
  const { staff, actorStaffId, online, timeZone, notice, onNotice, failure } = props;
  const t = useT();
  const titleId = useId();
  const [resetting, setResetting] = useState<Staff | null>(null);
  const [roleOf, setRoleOf] = useState<Staff | null>(null);
  const [buildingsOf, setBuildingsOf] = useState<Staff | null>(null);

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('admin.staff.title')}</h2>
      {notice ? (
        <p role="status" className="form-ok">
          {noticeText(t, notice)}
        </p>
      ) : null}
      <AdminFailure error={failure?.error} timeZone={timeZone} onRetry={failure?.retry} />
      <ul className="staff-list">
        {staff?.map((person) => {
          const self = person.id === actorStaffId;
          return (
            <li key={person.id} className={person.active ? '' : 'inactive'}>
              <span className="staff-name">
                {person.name}
                {self ? ` (${t('admin.staff.you')})` : ''}
              </span>
              <span className="staff-role">{t(`role.${person.role}`)}</span>
              {person.active ? null : <span className="badge">{t('admin.staff.inactive')}</span>}
              <span className="staff-actions">
                {self ? null : (
                  <Button
                    aria-label={t('admin.staff.changeRoleName', { name: person.name })}
                    disabled={!online}
                    onClick={() => {
                      onNotice(null);
                      setRoleOf(person);
                    }}
                  >
                    {t('admin.staff.changeRole')}
                  </Button>
                )}
                <Button
                  aria-label={t('admin.pin.resetName', { name: person.name })}
                  disabled={!online}
                  onClick={() => {
                    onNotice(null);
                    setResetting(person);
                  }}
                >
                  {t('admin.pin.reset')}
                </Button>
                {/* Issue 10 §1: a chief, manager or admin may work in several buildings. */}
                {person.active && MULTI_BUILDING_ROLES.includes(person.role) ? (
                  <Button
                    aria-label={t('admin.buildings.assignName', { name: person.name })}
                    disabled={!online}
                    onClick={() => {
                      onNotice(null);
                      setBuildingsOf(person);
                    }}
                  >
                    {t('admin.buildings.assign')}
                  </Button>
                ) : null}
                {self ? null : (
                  <Button
                    variant={person.active ? 'danger' : 'secondary'}
                    disabled={!online}
                    aria-label={t(person.active ? 'admin.staff.deactivateName' : 'admin.staff.reactivateName', {
                      name: person.name,
                    })}
                    onClick={() => void props.onSetActive(person, !person.active)}
                  >
                    {person.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
                  </Button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {resetting ? (
        <PinResetDialog
          person={resetting}
          actorStaffId={actorStaffId}
          timeZone={timeZone}
          onClose={() => setResetting(null)}
          onReset={() => {
            onNotice({ kind: 'pin', name: resetting.name });
            setResetting(null);
          }}
        />
      ) : null}
      {buildingsOf ? (
        <AssignBuildingDialog
          person={buildingsOf}
          actorStaffId={actorStaffId}
          timeZone={timeZone}
          onClose={() => setBuildingsOf(null)}
        />
      ) : null}
      {roleOf ? (
        <RoleDialog
          person={roleOf}
          online={online}
          timeZone={timeZone}
          onClose={() => setRoleOf(null)}
          onSave={async (role) => {
            const error = await props.onSetRole(roleOf, role);
            if (error === null) setRoleOf(null);
            return error;
          }}
        />
      ) : null}
    </section>
  );
}
