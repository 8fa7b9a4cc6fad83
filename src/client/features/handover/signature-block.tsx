import { useId } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import { useT } from '../../i18n/use-t';
import { PinPad } from '../../ui/pin-pad';
import { SignaturePad } from '../../ui/signature-pad';
import { formatShort } from '../../ui/time';
import { pinProblemText } from './pin-check';
import { useSignatureBlock } from './use-signature-block';

export interface SignatureBlockProps {
  person: { id: string; name: string };
  role: Signature['role'];
  submitLabel: string;
  timeZone: string;
  onSigned(signature: Signature): unknown;
  disabled?: boolean;
}

/** The strokes as an image source, for showing a signature without a canvas. */
export function signatureImageSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A signature as signed: the image, whose it is and when. */
export function SignedBy({
  signature,
  name,
  nowMs,
  timeZone,
}: {
  signature: Signature;
  name: string;
  nowMs: number;
  timeZone: string;
}) {
  const t = useT();
  return (
    <figure className="handover-signed">
      <img src={signatureImageSrc(signature.svg)} alt={t('handover.signature.of', { name })} />
      <figcaption>
        {t(signature.role === 'outgoing' ? 'handover.signature.outgoingBy' : 'handover.signature.incomingBy', {
          name,
          time: formatShort(signature.signedAt, nowMs, timeZone),
        })}
      </figcaption>
    </figure>
  );
}

/** One person signs (H3): the handwritten signature, then their own PIN. */
export function SignatureBlock({
  person,
  role,
  submitLabel,
  timeZone,
  onSigned,
  disabled = false,
}: SignatureBlockProps) {
  const t = useT();
  const titleId = useId();
  const b = useSignatureBlock(person, role, onSigned);
  const message =
    b.problem === null
      ? null
      : b.problem.kind === 'empty'
        ? t('handover.signature.empty')
        : pinProblemText(t, b.problem, person.name, timeZone);

  return (
    <section className="handover-signature" aria-labelledby={titleId}>
      <h4 id={titleId}>
        {t(role === 'outgoing' ? 'handover.signature.outgoing' : 'handover.signature.incoming', { name: person.name })}
      </h4>
      <div className="handover-signature-body">
        <SignaturePad
          label={t('handover.signature.of', { name: person.name })}
          onChange={b.setSvg}
          disabled={disabled}
        />
        <div className="handover-pin" role="group" aria-label={t('handover.pin.for', { name: person.name })}>
          <span className="field-label">{t('handover.pin.for', { name: person.name })}</span>
          <PinPad
            value={b.pin}
            onChange={b.setPin}
            onSubmit={() => void b.submit()}
            submitLabel={b.checking ? t('signin.checking') : submitLabel}
            disabled={disabled || b.checking}
          />
        </div>
      </div>
      {message ? (
        <p role="alert" className="form-error">
          {message}
        </p>
      ) : null}
    </section>
  );
}
