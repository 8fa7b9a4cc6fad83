import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { listStaff } from '../../db/queries';
import { unlockPin } from '../../db/repos/pin-repo';
import { useT } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { Field } from '../../ui/field';
import { PinPad } from '../../ui/pin-pad';
import { formatTime } from '../../ui/time';
import { useNow } from '../../ui/use-now';
import { pinProblemText } from './pin-check';
import { usePinConfirm } from './use-pin-confirm';

/** The lockout is kept in the tablet's own time (pin-repo), so its unlock is stamped in it too. */
function tabletNow(): number {
  return Date.now();
}

/** "4:05": minutes and seconds left, for the wait after a lockout. */
function left(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The way forward from a PIN lockout at the desk (issue 7 §8): the time left before the person may
 * try again (the step is redone then, by itself), or a section chief or the property office
 * manager unlocks now with their own PIN (recorded on the tablet). What is already signed stays.
 */
export function LockoutHelp(props: {
  person: { id: string; name: string };
  until: number;
  timeZone: string;
  onLifted(): void;
}) {
  const { person, until, timeZone, onLifted } = props;
  const t = useT();
  const db = useDb();
  const titleId = useId();
  // The lockout runs on the tablet's own clock (pin-repo), so the wait is counted on it too.
  const now = useNow(1000);
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const superiors = (staff ?? []).filter((s) => (s.role === 'chief' || s.role === 'manager') && s.id !== person.id);
  const [byId, setById] = useState('');
  const by = superiors.find((s) => s.id === byId);
  const pin = usePinConfirm(byId);
  const [refused, setRefused] = useState(false);
  const over = now >= until;
  useEffect(() => {
    if (over) onLifted();
  }, [over, onLifted]);

  const unlock = async () => {
    if (!by) return;
    if (!(await pin.confirm())) return;
    const res = await unlockPin(db, { staffId: person.id, byStaffId: by.id, nowMs: tabletNow() });
    if (res.ok) onLifted();
    else setRefused(true);
  };

  return (
    <section className="callout handover-lockout" aria-labelledby={titleId}>
      <h5 id={titleId}>{t('handover.lockout.title', { name: person.name })}</h5>
      <p role="status">
        {t('handover.lockout.wait', { name: person.name, left: left(until - now), time: formatTime(until, timeZone) })}
      </p>
      <p>{t('handover.lockout.unlockIntro')}</p>
      <Field label={t('handover.lockout.who')}>
        {(p) => (
          <select
            {...p}
            value={byId}
            onChange={(e) => {
              setById(e.target.value);
              setRefused(false);
            }}
          >
            <option value="">{t('handover.person.choose')}</option>
            {superiors.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.name} (${t(s.role === 'chief' ? 'role.chief' : 'role.manager')})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      {by ? (
        <div className="handover-pin" role="group" aria-label={t('handover.pin.for', { name: by.name })}>
          <span className="field-label">{t('handover.pin.for', { name: by.name })}</span>
          <PinPad
            value={pin.pin}
            onChange={pin.setPin}
            onSubmit={() => void unlock()}
            submitLabel={pin.checking ? t('signin.checking') : t('handover.lockout.submit')}
            disabled={pin.checking}
          />
          {pin.problem || refused ? (
            <p role="alert" className="form-error">
              {pin.problem
                ? pinProblemText(t, pin.problem, by.name, timeZone)
                : t('handover.lockout.role', { name: by.name })}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
