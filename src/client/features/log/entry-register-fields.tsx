/**
 * F1, F2: what the registers need of an owner's or tenant's matter (enquiry, help, complaint,
 * repair): call or visit, owner or tenant, and the unit; and of a repair, who it is assigned to
 * (a department or a contractor) and, once done, when it was completed, in the building's zone.
 */
import { ENTRY_CHANNELS, PARTY_TYPES, type EntryChannel, type PartyType } from '../../../domain/entities';
import { isPartyKind } from '../../../domain/log-entry';
import { useT } from '../../i18n/use-t';
import { SegmentedControl } from '../../ui/choice-group';
import { Field } from '../../ui/field';
import { FIELD_LABELS } from './log-labels';
import { ENTRY_LIMITS, type useEntryForm } from './use-entry-form';

type Form = ReturnType<typeof useEntryForm>;

/** The F1/F2 fields of the entry form, shown only for the kinds that have them. */
export function EntryRegisterFields({
  form,
  error,
  timeZone,
}: {
  form: Form;
  error(field: 'channel' | 'partyType' | 'unit' | 'assignedTo' | 'completedAt'): string | undefined;
  timeZone: string;
}) {
  const t = useT();
  const { draft } = form;
  if (!isPartyKind(draft.kind)) return null;
  const channels = ENTRY_CHANNELS.map((c) => ({ value: c, label: t(`registers.channel.${c}`) }));
  const parties = PARTY_TYPES.map((p) => ({ value: p, label: t(`registers.partyType.${p}`) }));
  return (
    <div className="entry-register-fields">
      <div className="field-row field-row-segmented">
        <SegmentedControl<EntryChannel | ''>
          legend={t(FIELD_LABELS.channel)}
          options={channels}
          value={draft.channel ?? ''}
          onChange={(v) => v !== '' && form.setChannel(v)}
          error={error('channel')}
        />
        <SegmentedControl<PartyType | ''>
          legend={t(FIELD_LABELS.partyType)}
          options={parties}
          value={draft.partyType ?? ''}
          onChange={(v) => v !== '' && form.setPartyType(v)}
          error={error('partyType')}
        />
      </div>
      <Field label={t(FIELD_LABELS.unit)} error={error('unit')} limit={{ max: ENTRY_LIMITS.unit, value: draft.unit }}>
        {(p) => <input {...p} value={draft.unit} onChange={(e) => form.setText('unit', e.target.value)} />}
      </Field>
      {draft.kind === 'repair' ? (
        <div className="field-row">
          <Field
            label={t(FIELD_LABELS.assignedTo)}
            hint={t('registers.assignedTo.hint')}
            error={error('assignedTo')}
            limit={{ max: ENTRY_LIMITS.assignedTo, value: draft.assignedTo }}
          >
            {(p) => (
              <input {...p} value={draft.assignedTo} onChange={(e) => form.setText('assignedTo', e.target.value)} />
            )}
          </Field>
          <Field
            label={t(FIELD_LABELS.completedAt)}
            hint={t('registers.completedAt.hint', { zone: timeZone })}
            error={error('completedAt')}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={draft.completedAt}
                onChange={(e) => form.setCompletedAt(e.target.value)}
              />
            )}
          </Field>
        </div>
      ) : null}
    </div>
  );
}
