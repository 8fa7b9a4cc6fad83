import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { Dialog } from '../../ui/dialog';
import { DraftNote } from '../../ui/draft-note';
import { PhotoThumb } from '../../ui/photo-thumb';
import { Field } from '../../ui/field';
import { formatDateTime } from '../../ui/time';
import { FIELD_LABELS, kindKey, severityKey, statusKey } from './log-labels';
import { AMEND_LIMITS, useEntryDetail } from './use-entry-detail';

const SHOWN_FIELDS = ['cause', 'process', 'result', 'party', 'contact', 'location'] as const;

/** An entry as recorded, its amendments oldest first, and the form to add one or resolve it. */
export function EntryDetail(props: { entryId: string; staffId: string; timeZone: string; onClose(): void }) {
  const t = useT();
  const { timeZone } = props;
  const amendmentsTitleId = useId();
  const d = useEntryDetail(props.entryId, props.staffId);
  const entry = d.entry;
  const who = (id: string) => d.nameOf(id) ?? t('entry.unknownPerson');

  if (entry === undefined) return null;
  if (entry === null) {
    return (
      <Dialog title={t('entry.notFound')} onClose={props.onClose}>
        <p>{t('entry.notFound')}</p>
      </Dialog>
    );
  }

  // H6: resolving needs a result; ask for one here only when the entry has none yet.
  const needsResult = entry.status === 'open' && entry.result.trim() === '';
  const errorText = (code: 'required' | 'tooLong' | undefined, label: string) =>
    code === undefined ? undefined : t(code === 'required' ? 'error.required' : 'error.tooLong', { field: label });

  return (
    <Dialog
      title={t('entry.title', { kind: t(kindKey(entry.kind)), time: formatDateTime(entry.occurredAt, timeZone) })}
      onClose={props.onClose}
      wide
    >
      <p className="badges">
        <span className={`badge badge-${entry.severity}`}>{t(severityKey(entry.severity))}</span>
        <span className={`badge badge-${entry.status}`}>{t(statusKey(entry.status))}</span>
      </p>
      <dl className="entry-fields">
        {SHOWN_FIELDS.map((f) => (
          <div key={f}>
            <dt>{t(FIELD_LABELS[f])}</dt>
            <dd>{entry[f] || t('common.none')}</dd>
          </div>
        ))}
      </dl>
      <p className="meta">
        {t('entry.recordedBy', { name: who(entry.staffId), time: formatDateTime(entry.recordedAt, timeZone) })}
      </p>
      {d.photos && d.photos.length > 0 ? (
        <section className="entry-photos" aria-label={t('entry.photos')}>
          {d.photos.map((p) => (
            <PhotoThumb key={p.id} photo={p} />
          ))}
        </section>
      ) : null}

      <h3 id={amendmentsTitleId}>{t('entry.amendments')}</h3>
      {d.amendments && d.amendments.length === 0 ? <p className="empty">{t('entry.noAmendments')}</p> : null}
      <ol className="amendments" aria-labelledby={amendmentsTitleId}>
        {d.amendments?.map((a) => (
          <li key={a.id}>
            <p className="meta">
              {t('entry.amendment.by', { name: who(a.staffId), time: formatDateTime(a.recordedAt, timeZone) })}
              {a.statusChange ? (
                <span className={`badge badge-${a.statusChange}`}>
                  {a.statusChange === 'resolved' ? t('entry.amendment.resolved') : t('entry.amendment.reopened')}
                </span>
              ) : null}
            </p>
            <p className="amendment-text">{a.text}</p>
          </li>
        ))}
      </ol>

      <form
        ref={(el) => d.attachForm(el)}
        className="amend-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void d.amend(null);
        }}
      >
        <h3>{t('entry.amend.title')}</h3>
        <DraftNote restored={d.restored} onDiscard={d.discard} />
        <Field
          label={t('entry.amend.text')}
          hint={t('entry.amend.hint')}
          error={errorText(d.errors.text, t('entry.amend.text'))}
          limit={{ max: AMEND_LIMITS.text, value: d.text }}
        >
          {(p) => <textarea {...p} rows={3} value={d.text} onChange={(e) => d.setText(e.target.value)} />}
        </Field>
        {needsResult ? (
          <Field
            label={t('log.result')}
            error={errorText(d.errors.result, t('log.result'))}
            limit={{ max: AMEND_LIMITS.result, value: d.result }}
          >
            {(p) => <textarea {...p} rows={2} value={d.result} onChange={(e) => d.setResult(e.target.value)} />}
          </Field>
        ) : null}
        <FailureAlert error={d.failure} />
        <div className="form-actions">
          {entry.status === 'open' ? (
            <Button onClick={() => void d.amend('resolved')} disabled={d.saving}>
              {t('entry.resolve')}
            </Button>
          ) : (
            <Button onClick={() => void d.amend('open')} disabled={d.saving}>
              {t('entry.reopen')}
            </Button>
          )}
          <Button type="submit" variant="primary" large disabled={d.saving}>
            {t('entry.amend.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
