import { useId, useState } from 'react';
import type { SyncError } from '../../domain/entities';
import { dismissRefusal } from '../db/repos/refusal-repo';
import { canResend } from '../db/repos/resend-spec';
import { makeWriteContext } from '../db/repos/write-context';
import { useT } from '../i18n/use-t';
import { Button } from './button';
import { useDb } from './db-context';
import { FailureAlert } from './failure-alert';
import { cutFieldLabels, issueLines, recordName, typedText } from './refusal-text';
import { rejectReason } from './sync-messages';
import { formatDateTime } from './time';
import { useAction } from './use-action';

/** How much of the refused text the list shows; Copy text copies all of it. */
const PREVIEW_CHARS = 240;

/** One refusal to show; `onResend` is left out for the "Dealt with" list. */
export interface RefusalItemProps {
  refusal: SyncError;
  timeZone: string;
  names: ReadonlyMap<string, string> | undefined;
  /** The signed-in person, who sends again or dismisses; null when nobody is signed in. */
  staffId: string | null;
  onResend?: (refusal: SyncError) => void;
}

/**
 * One refused change in the UI's language (issue 7 §8): what kind of record, when, whose change,
 * why, and what exactly to fix per field; the server's own text only under "Details". Copy text,
 * Edit and send again, and Dismiss for an open refusal; who dealt with it for one dealt with.
 */
export function RefusalItem({ refusal, timeZone, names, staffId, onResend }: RefusalItemProps) {
  const t = useT();
  const db = useDb();
  const copyId = useId();
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  const dismissing = useAction(async () => {
    if (staffId) await dismissRefusal(db, await makeWriteContext(db, staffId), refusal.id);
  });
  const name = (id: string | null) => (id ? names?.get(id) : undefined) ?? t('sync.refused.someone');
  const lines = issueLines(t, refusal);
  const text = typedText(t, refusal);
  const cut = cutFieldLabels(t, refusal);
  const dealt = refusal.dismissedAt !== null && refusal.dismissedAt !== undefined;

  const copy = async () => {
    try {
      // Not every browser or context offers the Clipboard API (it needs a secure context).
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('select');
    }
  };

  return (
    <li className={`sync-error${dealt ? ' is-dealt' : ''}`} aria-label={recordName(t, refusal)}>
      <strong>{recordName(t, refusal)}</strong>
      <span className="sync-error-when">
        {t('sync.refused.when', { time: formatDateTime(refusal.recordedAt, timeZone) })} ·{' '}
        {t('sync.refused.by', { name: name(refusal.actorStaffId) })}
      </span>
      <span className="sync-error-reason">{rejectReason(t, refusal.code)}</span>
      {lines.length > 0 ? (
        <ul className="sync-error-issues" aria-label={t('sync.refused.fix')}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {text ? (
        <blockquote className="sync-error-content">
          {text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}
        </blockquote>
      ) : null}
      {cut.length > 0 ? <p className="field-hint">{t('sync.refused.cut', { fields: cut.join(', ') })}</p> : null}
      {dealt ? (
        <span className="sync-error-when">
          {t('sync.dealt.by', {
            name: name(refusal.dismissedBy),
            time: formatDateTime(refusal.dismissedAt ?? 0, timeZone),
          })}
        </span>
      ) : null}
      <details className="sync-error-details">
        <summary>{t('sync.refused.details')}</summary>
        <p>{t('sync.refused.serverCode', { code: refusal.code, op: refusal.opKind, counter: refusal.counter })}</p>
        {refusal.message ? <p className="sync-error-message">{refusal.message}</p> : null}
      </details>
      <div className="sync-error-actions">
        {text ? <Button onClick={() => void copy()}>{t('sync.refused.copy')}</Button> : null}
        {!dealt && onResend && staffId && canResend(refusal) ? (
          <Button variant="primary" onClick={() => onResend(refusal)}>
            {t('sync.refused.resend')}
          </Button>
        ) : null}
        {!dealt && staffId ? (
          <Button disabled={dismissing.busy} onClick={() => void dismissing.run()}>
            {t('sync.refused.dismiss')}
          </Button>
        ) : null}
      </div>
      {!dealt && !staffId ? <p className="field-hint">{t('sync.refused.signIn')}</p> : null}
      <FailureAlert error={dismissing.error} />
      {copied === 'copied' ? <p role="status">{t('sync.refused.copied')}</p> : null}
      {copied === 'select' ? (
        <>
          <p role="status" id={copyId}>
            {t('sync.refused.copyFallback')}
          </p>
          <textarea
            className="sync-error-copy"
            readOnly
            rows={4}
            aria-label={t('sync.refused.copyText')}
            aria-describedby={copyId}
            value={text}
            ref={(el) => el?.select()}
          />
        </>
      ) : null}
    </li>
  );
}
