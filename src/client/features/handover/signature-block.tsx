import { useId } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import { useT } from '../../i18n/use-t';
import { SignaturePad } from '../../ui/signature-pad';
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
