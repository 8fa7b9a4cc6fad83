import { useState } from 'react';
import { HandoverRecord, type Signature } from '../../../domain/handover-entities';
import { fieldMax } from '../../../domain/text-limits';
import { addCorrection } from '../../db/repos/sign-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { Dialog } from '../../ui/dialog';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { DraftNote } from '../../ui/draft-note';
import { useFormDraft } from '../../ui/use-form-draft';
import { useNow } from '../../ui/use-now';
import { SignedBy } from '../../ui/signed-record/signed-by';
import { SignatureBlock } from './signature-block';

type Signatures = Partial<Record<Signature['role'], Signature>>;

/** The server's limit of a correction's note, from the shared schema (issue 7). */
const NOTE_LIMIT = fieldMax(HandoverRecord, 'note');

/**
 * A correction of a signed record (H3, D5): a note saying what it corrects and why, signed again
 * by its people with their PINs (both of a handover, the one who opened or closed the desk). It is added to the chain as an addendum; the record stays as is.
 * Nothing typed or signed is lost on a refusal: a missing note is asked for beside the field, a
 * refused signature is said in an alert with both signatures kept, each of which may be redone.
 */
export function CorrectionDialog(props: {
  record: HandoverRecord;
  staffId: string;
  timeZone: string;
  nameOf(id: string | null): string;
  onClose(): void;
}) {
  const { record, timeZone, nameOf } = props;
  const t = useT();
  const db = useDb();
  const nowMs = useNow();
  // A half-written note is a draft kept for its person and record (issue 7); signatures are not.
  const noteDraft = useFormDraft<string>({
    formId: `handover-correction:${record.id}`,
    staffId: props.staffId,
    blank: () => '',
    isBlank: (v) => v.trim() === '',
  });
  const note = noteDraft.value;
  const [noteMissing, setNoteMissing] = useState(false);
  const [signatures, setSignatures] = useState<Signatures>({});
  const [signatureRefused, setSignatureRefused] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  // H3: the same people sign the correction as signed the record: both, or the one who opened or closed the desk.
  const roles: Signature['role'][] = record.signatures.map((s) => s.role);
  const signerOf = (role: Signature['role']) => (role === 'outgoing' ? record.outgoingStaffId : record.incomingStaffId);
  const complete = (all: Signatures) => roles.every((r) => all[r] !== undefined);

  const save = async (all: Signatures) => {
    const given = roles.flatMap((r) => all[r] ?? []);
    if (!complete(all)) return;
    if (note.trim() === '') {
      setNoteMissing(true);
      return;
    }
    setSaving(true);
    setFailure(null);
    setSignatureRefused(false);
    try {
      const ctx = await makeWriteContext(db, props.staffId);
      const res = await addCorrection(db, ctx, { recordId: record.id, note, signatures: given });
      if (res.ok) {
        noteDraft.reset();
        props.onClose();
      } else if (res.errors === 'noteRequired') setNoteMissing(true);
      else setSignatureRefused(true);
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const sign = (s: Signature) => {
    const next = { ...signatures, [s.role]: s };
    setSignatures(next);
    if (complete(next)) void save(next);
  };

  /** Takes one signature back to be signed again (after a refusal, or a slip of the pen). */
  const unsign = (role: Signature['role']) => {
    const { [role]: _dropped, ...rest } = signatures;
    setSignatures(rest);
    setSignatureRefused(false);
  };

  const block = (role: Signature['role'], id: string | null) => {
    if (id === null) return null;
    const signed = signatures[role];
    if (signed) {
      return (
        <div className="handover-signed-row">
          <SignedBy signature={signed} name={nameOf(id)} nowMs={nowMs} timeZone={timeZone} />
          <Button onClick={() => unsign(role)} disabled={saving}>
            {t('handover.signature.again')}
          </Button>
        </div>
      );
    }
    return (
      <SignatureBlock
        key={role}
        person={{ id, name: nameOf(id) }}
        role={role}
        title={t(role === 'outgoing' ? 'handover.signature.outgoing' : 'handover.signature.incoming', {
          name: nameOf(id),
        })}
        submitLabel={t('handover.correction.sign')}
        timeZone={timeZone}
        onSigned={sign}
        disabled={saving}
      />
    );
  };

  return (
    <Dialog title={t('handover.correction.title')} onClose={props.onClose} wide>
      <DraftNote restored={noteDraft.restored} onDiscard={noteDraft.reset} />
      <Field
        label={t('handover.correction.note')}
        hint={t('handover.correction.hint')}
        error={noteMissing ? t('error.required', { field: t('handover.correction.note') }) : undefined}
        limit={{ max: NOTE_LIMIT, value: note }}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={note}
            onChange={(e) => {
              noteDraft.update(() => e.target.value);
              setNoteMissing(false);
            }}
          />
        )}
      </Field>
      {roles.map((role, i) => {
        const before = roles[i - 1];
        // One at a time, in the record's order: each keypad listens to the keyboard.
        return before === undefined || signatures[before] ? <div key={role}>{block(role, signerOf(role))}</div> : null;
      })}
      {signatureRefused ? (
        <p role="alert" className="form-error">
          {t('handover.sign.error.signatureMissing')}
        </p>
      ) : null}
      <FailureAlert error={failure} />
      {complete(signatures) ? (
        <div className="form-actions">
          <Button variant="primary" large disabled={saving} onClick={() => void save(signatures)}>
            {t('handover.correction.save')}
          </Button>
        </div>
      ) : null}
    </Dialog>
  );
}
