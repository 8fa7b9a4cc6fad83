import { useT } from '../../i18n/use-t';
import { readOnlyReasonOf } from '../../state/proof-keys';

/**
 * Issue 9 §3: a person whose PIN hash is of the old format and could not be upgraded online is
 * signed in for reading only; this line says so, and why, for as long as that sign-in lasts (a
 * write would fail with the same explanation instead of queuing an op the server would refuse).
 */
export function ReadOnlyNotice({ staffId }: { staffId: string }) {
  const t = useT();
  const reason = readOnlyReasonOf(staffId);
  if (reason === null) return null;
  return (
    <p role="status" className="notice">
      {t(`signin.readOnly.${reason}`)}
    </p>
  );
}
