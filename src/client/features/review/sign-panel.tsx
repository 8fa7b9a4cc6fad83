import { useId } from 'react';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Field } from '../../ui/field';
import { PinPad } from '../../ui/pin-pad';
import { SignaturePad } from '../../ui/signature-pad';
import { formatDateTime } from '../../ui/time';
import { useReviewSign, type ReviewPinProblem } from './use-review-sign';

function pinText(t: TFunction, p: ReviewPinProblem, name: string, timeZone: string): string {
  switch (p.kind) {
    case 'required':
      return t('handover.pin.required', { name });
    case 'wrongPin':
      return p.attemptsLeft === undefined
        ? t('handover.pin.wrong', { name })
        : t('handover.pin.wrongLeft', { name, count: p.attemptsLeft });
    case 'lockedOut':
      return t('handover.pin.lockedOut', { name, time: formatDateTime(p.until, timeZone) });
    case 'inactive':
      return t('signin.inactive');
    case 'unknown':
      return t('signin.unknown');
    case 'onlineOnly':
      return t('signin.onlineOnly');
    case 'server':
      return t('signin.serverRefused', { code: p.code });
  }
}

export interface SignPanelProps {
  staffId: string;
  name: string;
  day: string;
  timeZone: string;
  /** An addendum: the review it corrects; null to sign the day. */
  correctsId: string | null;
  onSigned(): void;
  onCancel?: () => void;
}

/**
 * O1: the chief signs the day (or a correction of its review) with a note, their handwriting and
 * their PIN. The review is locked once signed; a correction is an addendum, signed the same way.
 */
export function SignPanel({ staffId, name, day, timeZone, correctsId, onSigned, onCancel }: SignPanelProps) {
  const t = useT();
  const titleId = useId();
  const s = useReviewSign(staffId, day, correctsId, onSigned);
  const addendum = correctsId !== null;
  const locked = s.pinProblem?.kind === 'lockedOut';
  return (
    <section className="card review-sign" aria-labelledby={titleId}>
      <h2 id={titleId}>{addendum ? t('review.sign.addendumTitle') : t('review.sign.title')}</h2>
      <p className="field-hint">{addendum ? t('review.sign.addendumIntro') : t('review.sign.intro')}</p>
      <Field
        label={addendum ? t('review.sign.addendumNote') : t('review.sign.note')}
        error={s.refused === 'noteRequired' ? t('review.sign.noteRequired') : undefined}
        limit={{ max: 2000, value: s.note }}
      >
        {(control) => <textarea {...control} rows={3} value={s.note} onChange={(e) => s.setNote(e.target.value)} />}
      </Field>
      <SignaturePad label={t('review.sign.signatureOf', { name })} onChange={s.setSvg} disabled={s.busy} />
      {s.refused === 'signatureMissing' ? (
        <p role="alert" className="form-error">
          {t('review.sign.signatureMissing')}
        </p>
      ) : null}
      <div role="group" aria-label={t('handover.pin.for', { name })}>
        <span className="field-label">{t('handover.pin.for', { name })}</span>
        <PinPad
          value={s.pin}
          onChange={s.setPin}
          onSubmit={() => void s.sign()}
          submitLabel={addendum ? t('review.sign.addendumSubmit') : t('review.sign.submit')}
          disabled={s.busy || locked}
        />
      </div>
      {s.pinProblem ? (
        <p role="alert" className="form-error">
          {pinText(t, s.pinProblem, name, timeZone)}
        </p>
      ) : null}
      {s.refused !== null && s.refused !== 'signatureMissing' && s.refused !== 'noteRequired' ? (
        <p role="alert" className="form-error">
          {t(`review.sign.error.${s.refused}`)}
        </p>
      ) : null}
      {s.error ? (
        <p role="alert" className="form-error">
          {describeError(t, s.error)}
        </p>
      ) : null}
      {onCancel ? <Button onClick={onCancel}>{t('review.sign.cancel')}</Button> : null}
    </section>
  );
}
