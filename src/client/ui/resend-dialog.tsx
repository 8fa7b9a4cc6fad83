import { useId, useRef, useState } from 'react';
import type { SyncError } from '../../domain/entities';
import { resendRefusal } from '../db/repos/resend-repo';
import { fieldMaxLength, typedFields, type RefusalIssue } from '../db/repos/resend-spec';
import { makeWriteContext } from '../db/repos/write-context';
import { useT } from '../i18n/use-t';
import { useDb } from './db-context';
import { Dialog } from './dialog';
import { FailureAlert } from './failure-alert';
import { Field } from './field';
import { fieldLabel, issueText, problemText, refusalIssues } from './refusal-text';
import { SubmitButton } from './submit-button';
import { useAction } from './use-action';

/** The counter shows once a text reaches this share of its limit. */
const COUNTER_FROM = 0.8;

/** Longer limits get a text area (cause, what was done...); short ones a one-line input. */
const TEXTAREA_FROM = 500;

/**
 * Edit a refused change and send it again (issue 7 §8): the typed fields with the values the
 * server refused, each with its limit (maxLength and a counter near it) and the server's problem
 * beside it. Sending writes a new op through the repositories and marks the refusal dealt with;
 * on a problem nothing is written and everything typed stays.
 */
export function ResendDialog({
  refusal,
  staffId,
  onSent,
  onClose,
}: {
  refusal: SyncError;
  staffId: string;
  onSent(): void;
  onClose(): void;
}) {
  const t = useT();
  const db = useDb();
  const formId = useId();
  const fields = typedFields(refusal);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f, String(refusal.fields[f] ?? '')])),
  );
  const [problems, setProblems] = useState<RefusalIssue[]>(() => refusalIssues(refusal));
  const controls = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement>());
  const sending = useAction(async () => {
    const result = await resendRefusal(db, await makeWriteContext(db, staffId), refusal.id, values);
    if (result.ok) {
      onSent();
      return;
    }
    setProblems(result.errors);
    // The first field with a problem takes the focus, so the person sees what to correct.
    const first = fields.find((f) => result.errors.some((e) => e.path === f));
    if (first) controls.current.get(first)?.focus();
  });

  const problemOf = (field: string) => problems.find((p) => p.path === field);
  const general = problems.filter((p) => !fields.includes(p.path));
  const edit = (field: string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems((p) => p.filter((x) => x.path !== field));
  };

  return (
    <Dialog title={t('sync.resend.title')} onClose={onClose} wide>
      <form
        id={formId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void sending.run();
        }}
      >
        <p>{t('sync.resend.intro')}</p>
        {general.length > 0 ? (
          <div role="alert" className="form-error">
            <p>{t('sync.resend.problems')}</p>
            <ul>
              {general.map((p) => (
                <li key={`${p.path}:${p.code}`}>{issueText(t, refusal, p)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {fields.map((field) => {
          const limit = fieldMaxLength(refusal.table, field);
          const value = values[field] ?? '';
          const problem = problemOf(field);
          const counter =
            limit !== undefined && value.length >= limit * COUNTER_FROM
              ? t('sync.resend.counter', { count: value.length, limit })
              : undefined;
          const ref = (el: HTMLInputElement | HTMLTextAreaElement | null) => {
            if (el) controls.current.set(field, el);
            else controls.current.delete(field);
          };
          return (
            <Field
              key={field}
              label={fieldLabel(t, refusal, field)}
              error={problem ? problemText(t, refusal, problem) : undefined}
              hint={counter}
            >
              {(p) =>
                limit === undefined || limit >= TEXTAREA_FROM ? (
                  <textarea
                    {...p}
                    ref={ref}
                    rows={4}
                    maxLength={limit}
                    value={value}
                    onChange={(e) => edit(field, e.target.value)}
                  />
                ) : (
                  <input
                    {...p}
                    ref={ref}
                    maxLength={limit}
                    value={value}
                    onChange={(e) => edit(field, e.target.value)}
                  />
                )
              }
            </Field>
          );
        })}
        <FailureAlert error={sending.error} />
        <div className="form-actions">
          <SubmitButton busy={sending.busy} label={t('sync.resend.submit')} />
        </div>
      </form>
    </Dialog>
  );
}
