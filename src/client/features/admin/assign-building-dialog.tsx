import { useEffect, useMemo, useState } from 'react';
import type { BuildingSummary } from '../../../domain/api';
import type { Staff } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { adminAssignBuilding, adminListBuildings, adminStaffBuildings } from '../../sync/admin-client';
import { ApiRequestError } from '../../sync/api-client';
import { Dialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { AdminFailure } from './admin-failure';
import { useAdminApi } from './use-admin-api';

/**
 * Issue 10 §1: the buildings a chief, manager or admin works in, and adding one more of the
 * buildings this admin administers (the same person, role and PIN there). Online only.
 */
export function AssignBuildingDialog(props: {
  person: Staff;
  actorStaffId: string;
  timeZone: string;
  onClose(): void;
}) {
  const { person, actorStaffId, timeZone, onClose } = props;
  const t = useT();
  const { actor, online } = useAdminApi(actorStaffId);
  const [worksIn, setWorksIn] = useState<BuildingSummary[] | null>(null);
  const [mine, setMine] = useState<BuildingSummary[] | null>(null);
  const [target, setTarget] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void (async () => {
      try {
        const [theirs, admins] = await Promise.all([adminStaffBuildings(actor, person.id), adminListBuildings(actor)]);
        if (current) {
          setWorksIn(theirs);
          setMine(admins);
        }
      } catch (error) {
        if (current) setFailure(error);
      }
    })();
    return () => {
      current = false;
    };
  }, [online, actor, person.id]);

  const choices = useMemo(
    () => (mine ?? []).filter((b) => !(worksIn ?? []).some((w) => w.siteId === b.siteId)),
    [mine, worksIn],
  );
  const chosen = target !== '' && choices.some((c) => c.siteId === target) ? target : (choices[0]?.siteId ?? '');
  const label = t('admin.buildings.target');

  const submit = async () => {
    if (chosen === '') return;
    setSaving(true);
    setFailure(null);
    setFieldError(null);
    setDone(null);
    try {
      const after = await adminAssignBuilding(actor, person.id, chosen);
      setWorksIn(after);
      setDone(after.find((b) => b.siteId === chosen)?.name ?? '');
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'already_assigned') {
        setFieldError(t('admin.buildings.alreadyAssigned'));
      } else {
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('admin.buildings.assignTitle', { name: person.name })} onClose={onClose}>
      <p className="field-hint">{t('admin.buildings.assignIntro')}</p>
      {worksIn ? (
        <>
          <h3>{t('admin.buildings.worksIn')}</h3>
          <ul className="staff-list">
            {worksIn.map((b) => (
              <li key={b.siteId}>
                <span className="staff-name">{b.name}</span>
                <span className="staff-role">{t(`role.${b.role}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {done !== null ? (
        <p role="status" className="form-ok">
          {t('admin.buildings.assigned', { name: person.name, building: done })}
        </p>
      ) : null}
      {mine !== null && choices.length === 0 ? <p className="empty">{t('admin.buildings.noOther')}</p> : null}
      {choices.length > 0 ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Field label={label} error={fieldError ?? undefined}>
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setTarget(e.target.value)}>
                {choices.map((c) => (
                  <option key={c.siteId} value={c.siteId}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <AdminFailure error={failure} timeZone={timeZone} onRetry={() => void submit()} />
          <div className="form-actions">
            <SubmitButton busy={saving} disabled={!online} label={t('admin.buildings.assignButton')} />
          </div>
        </form>
      ) : (
        <AdminFailure error={failure} timeZone={timeZone} />
      )}
    </Dialog>
  );
}
