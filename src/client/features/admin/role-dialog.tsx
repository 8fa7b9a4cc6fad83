import { useState } from 'react';
import { ROLES, type Role, type Staff } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { SegmentedControl } from '../../ui/choice-group';
import { Dialog } from '../../ui/dialog';
import { SubmitButton } from '../../ui/submit-button';
import { AdminFailure } from './admin-failure';

export interface RoleDialogProps {
  person: Staff;
  online: boolean;
  timeZone: string;
  onClose(): void;
  /** Saves the role on the server; resolves with the failure (null once saved, the dialog closes). */
  onSave(role: Role): Promise<unknown>;
}

/**
 * A person's new role, saved on the server (issue 9 §3). Raising a desk clerk's role does not
 * lengthen their PIN, so the dialog says a longer one is needed (pin.ts pinMinLength).
 */
export function RoleDialog({ person, online, timeZone, onClose, onSave }: RoleDialogProps) {
  const t = useT();
  const [role, setRole] = useState<Role>(person.role);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async () => {
    if (role === person.role) return onClose();
    setSaving(true);
    setFailure(null);
    try {
      setFailure(await onSave(role));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('admin.staff.changeRoleName', { name: person.name })} onClose={onClose}>
      <form
        className="pin-reset-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SegmentedControl
          legend={t('admin.staff.role')}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={role}
          onChange={setRole}
        />
        {role === 'desk' ? null : <p className="field-hint">{t('admin.staff.roleHint')}</p>}
        <AdminFailure error={failure} timeZone={timeZone} onRetry={() => void submit()} />
        <div className="form-actions">
          <SubmitButton busy={saving} disabled={!online} label={t('admin.staff.roleSubmit')} />
        </div>
      </form>
    </Dialog>
  );
}
