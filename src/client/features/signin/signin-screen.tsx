import { useId } from 'react';
import type { Staff } from '../../../domain/entities';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useEngine } from '../../ui/engine-context';
import { PinPad } from '../../ui/pin-pad';
import { formatDateTime } from '../../ui/time';
import { useSiteTimeZone } from '../../ui/use-site';
import { useSignIn, type SignInProblem } from './use-sign-in';

/**
 * Sign-in: a big button per person, then the PIN pad. Works offline. On an office device the desk
 * staff are not listed, and told to use the desk tablet (issue 8).
 */
export function SignInScreen() {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const s = useSignIn();

  if (s.selected) {
    return (
      <div className="signin">
        <h1>{t('signin.pinFor', { name: s.selected.name })}</h1>
        <PinPad
          value={s.pin}
          onChange={s.setPin}
          onSubmit={() => void s.submit()}
          submitLabel={s.checking ? t('signin.checking') : t('signin.submit')}
          disabled={s.checking}
        />
        {s.problem ? (
          <p role="alert" className="form-error">
            {problemText(t, s.problem, timeZone)}
          </p>
        ) : null}
        <Button onClick={() => s.choose(null)}>{t('common.back')}</Button>
      </div>
    );
  }

  return (
    <div className="signin">
      <h1>{t('signin.title')}</h1>
      {s.notice ? (
        <p role="status" className="notice">
          {t(`signin.notice.${s.notice}`)}
        </p>
      ) : null}
      {s.deskStaffHidden ? <p className="notice">{t('signin.office.deskHint')}</p> : null}
      {s.staff && s.staff.length === 0 && !s.deskStaffHidden ? <NoStaffYet /> : null}
      <ul className="staff-grid">
        {s.staff?.map((person) => (
          <li key={person.id}>
            <StaffButton person={person} onChoose={() => s.choose(person)} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function StaffButton({ person, onChoose }: { person: Staff; onChoose(): void }) {
  const t = useT();
  const roleId = useId();
  return (
    <Button className="staff-button" aria-label={person.name} aria-describedby={roleId} onClick={onChoose}>
      <span className="staff-name">{person.name}</span>
      <span id={roleId} className="staff-role">
        {t(`role.${person.role}`)}
      </span>
    </Button>
  );
}

/** Right after enrolment the staff list may still be on its way; offer to fetch it now. */
function NoStaffYet() {
  const t = useT();
  const { syncNow, syncing } = useEngine();
  return (
    <div className="empty">
      <p>{t('signin.noStaff')}</p>
      <Button onClick={() => void syncNow()} disabled={syncing}>
        {syncing ? t('sync.running') : t('sync.now')}
      </Button>
    </div>
  );
}

function problemText(t: TFunction, problem: SignInProblem, timeZone: string): string {
  switch (problem.kind) {
    case 'wrongPin':
      if (problem.attemptsLeft === undefined) return t('signin.wrongPin');
      return problem.attemptsLeft === 1
        ? t('signin.wrongPin.one')
        : t('signin.wrongPin.other', { count: problem.attemptsLeft });
    case 'lockedOut':
      return t('signin.lockedOut', { time: formatDateTime(problem.until, timeZone) });
    case 'inactive':
      return t('signin.inactive');
    case 'unknown':
      return t('signin.unknown');
    case 'onlineOnly':
      return t('signin.onlineOnly');
    case 'server':
      return problem.code === 'rate_limited'
        ? t('error.code.rate_limited')
        : t('signin.serverRefused', { code: problem.code });
  }
}
