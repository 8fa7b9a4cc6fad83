import { useId } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { SignaturePad } from '../../ui/signature-pad';
import { formatShort } from '../../ui/time';
import { PinEntry } from './pin-entry';
import { useSignatureBlock } from './use-signature-block';

export interface SignatureBlockProps {
  person: { id: string; name: string };
  role: Signature['role'];
  /** The block's heading, naming the person and what they sign as ("Outgoing: …", "Closing: …"). */
  title: string;
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
  caption,
}: {
  signature: Signature;
  name: string;
  nowMs: number;
  timeZone: string;
  /** "Desk opened by …" / "Desk closed by …" for a sole signature; by role otherwise. */
  caption?: MessageKey | undefined;
}) {
  const t = useT();
  return (
    <figure className="handover-signed">
      <img src={signatureImageSrc(signature.svg)} alt={t('handover.signature.of', { name })} />
      <figcaption>
        {t(
          caption ??
            (signature.role === 'outgoing' ? 'handover.signature.outgoingBy' : 'handover.signature.incomingBy'),
          {
            name,
            time: formatShort(signature.signedAt, nowMs, timeZone),
          },
        )}
      </figcaption>
    </figure>
  );
}

/** One person signs (H3): the handwritten signature, then their own PIN. */
export function SignatureBlock({
  person,
  role,
  title,
  submitLabel,
  timeZone,
  onSigned,
  disabled = false,
}: SignatureBlockProps) {
  const t = useT();
  const titleId = useId();
  const b = useSignatureBlock(person, role, onSigned);

  return (
    <section className="handover-signature" aria-labelledby={titleId}>
      <h4 id={titleId}>{title}</h4>
      <div className="handover-signature-body">
        <SignaturePad
          label={t('handover.signature.of', { name: person.name })}
          onChange={b.setSvg}
          disabled={disabled}
        />
        <PinEntry
          person={person}
          pin={b.pin}
          submitLabel={submitLabel}
          onSubmit={() => void b.submit()}
          timeZone={timeZone}
          disabled={disabled}
        />
      </div>
      {b.empty ? (
        <p role="alert" className="form-error">
          {t('handover.signature.empty')}
        </p>
      ) : null}
    </section>
  );
}
