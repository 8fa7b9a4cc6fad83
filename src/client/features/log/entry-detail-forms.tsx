import { useId } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { DraftNote } from '../../ui/draft-note';
import { Field } from '../../ui/field';
import { canRefer, fieldErrorText } from './log-labels';
import { AMEND_LIMITS, type useEntryDetail } from './use-entry-detail';
import type { useOperationEnd } from './use-operation-end';

type Detail = ReturnType<typeof useEntryDetail>;

/** A rule's refusal that belongs to no field of the form shown, said where the person acts. */
function RuleAlert({ text }: { text: string | undefined }) {
  return text ? (
    <p className="field-error" role="alert">
      {text}
    </p>
  ) : null;
}

/**
 * D5: add an amendment, resolve (H6: with its result) or reopen the entry; an open matter that is
 * not an emergency may also be referred to a department (H4, H11(a)).
 */
export function AmendForm({ d, entry }: { d: Detail; entry: LogEntry }) {
  const t = useT();
  // H6: resolving needs a result; ask for one here only when the entry has none yet.
  const needsResult = entry.status === 'open' && entry.result.trim() === '';
  const errorText = (code: 'required' | 'tooLong' | undefined, label: string) =>
    code === undefined ? undefined : t(code === 'required' ? 'error.required' : 'error.tooLong', { field: label });
  return (
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
          <>
            <Button onClick={() => void d.amend('resolved')} disabled={d.saving}>
              {t('entry.resolve')}
            </Button>
            {canRefer(entry) ? (
              <Button onClick={d.startReferring} disabled={d.saving}>
                {t('entry.refer')}
              </Button>
            ) : null}
          </>
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
  );
}

/**
 * H4, H11(a): referring a matter that will take days: the department it went to and what was done
 * (the amendment's text, which is also the entry's process when it had none). Saving marks it
 * referred and opens its pending work, carried at every handover until done.
 */
export function ReferForm({ d }: { d: Detail }) {
  const t = useT();
  const titleId = useId();
  return (
    <form
      ref={(el) => d.attachForm(el)}
      className="amend-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void d.refer();
      }}
    >
      <h3 id={titleId}>{t('entry.refer.title')}</h3>
      <Field
        label={t('log.referredTo')}
        hint={t('log.referredTo.hint')}
        error={fieldErrorText(t, 'referredTo', d.errors.referredTo)}
        limit={{ max: AMEND_LIMITS.referredTo, value: d.referredTo }}
      >
        {(p) => <input {...p} value={d.referredTo} onChange={(e) => d.setReferredTo(e.target.value)} />}
      </Field>
      <Field
        label={t('log.process')}
        hint={t('entry.refer.hint')}
        error={fieldErrorText(t, 'process', d.errors.text)}
        limit={{ max: AMEND_LIMITS.text, value: d.text }}
      >
        {(p) => <textarea {...p} rows={3} value={d.text} onChange={(e) => d.setText(e.target.value)} />}
      </Field>
      <RuleAlert text={fieldErrorText(t, 'status', d.errors.status)} />
      <FailureAlert error={d.failure} />
      <div className="form-actions">
        <Button onClick={d.cancelReferring} disabled={d.saving}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" large disabled={d.saving}>
          {t('entry.refer.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * H11(b): an equipment operation in progress blocks the handover until its end is recorded;
 * "Record the end" offers now (T1: server-corrected), editable. `closeError` is the refusal of
 * resolving or referring it before that.
 */
export function OperationEndPanel({
  end,
  closeError,
}: {
  end: ReturnType<typeof useOperationEnd>;
  closeError: string | undefined;
}) {
  const t = useT();
  return (
    <section className="operation-end" aria-label={t('log.recordEnd')}>
      <p className="callout">{t('log.operation.hint')}</p>
      {end.value === null ? (
        <Button onClick={end.start}>{t('log.recordEnd')}</Button>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void end.save();
          }}
        >
          <Field
            label={t('log.operationEndedAt')}
            error={fieldErrorText(t, 'operationEndedAt', end.error ?? undefined)}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={end.value ?? ''}
                onChange={(e) => end.setValue(e.target.value)}
              />
            )}
          </Field>
          <FailureAlert error={end.failure} />
          <div className="form-actions">
            <Button onClick={end.cancel} disabled={end.saving}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="primary" disabled={end.saving}>
              {t('entry.end.submit')}
            </Button>
          </div>
        </form>
      )}
      <RuleAlert text={fieldErrorText(t, 'operationEndedAt', closeError)} />
    </section>
  );
}
