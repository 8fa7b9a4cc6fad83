/**
 * A refused change in the UI's language (issue 7 §8): what kind of record it was, and what exactly
 * was wrong, field by field, from the refusal's `issues`, or, for refusals the server wrote before
 * it filled them, read from the shapes its `message` takes (`cause: Too big: ...`,
 * `H6: cause: required`, `task: H6 required cause`). The raw server text is never the main message.
 */
import type { SyncError } from '../../domain/entities';
import { MOVEMENT_KINDS } from '../../domain/item-entities';
import type { RefusalIssue } from '../db/repos/resend-spec';
import { cutFields, fieldMaxLength, typedFields } from '../db/repos/resend-spec';
import { ENTRY_FIELD_LABELS } from '../i18n/entry-field-labels';
import type { MessageKey } from '../i18n/en';
import type { TFunction } from '../i18n/use-t';
import { tableName } from './sync-messages';

type Refusal = Pick<SyncError, 'table' | 'opKind' | 'fields' | 'issues' | 'message'>;

/** The form label of each typed field, per table (the forms' own catalogue keys). */
const LABELS: Partial<Record<string, Record<string, MessageKey>>> = {
  logEntry: ENTRY_FIELD_LABELS,
  logAmendment: { text: 'entry.amend.text' },
  task: {
    title: 'tasks.field.title',
    cause: 'tasks.field.cause',
    process: 'tasks.field.process',
    result: 'tasks.field.result',
  },
  taskNote: { text: 'tasks.note.text' },
  lend: {
    party: 'register.loans.party',
    partyKind: 'register.loans.partyKind',
    contact: 'register.loans.contact',
    reason: 'register.loans.reason',
    dueAt: 'register.loans.dueAt',
    quantity: 'register.loans.quantity',
  },
  custodyIn: {
    party: 'register.custody.party',
    fromParty: 'register.custody.fromParty',
    contact: 'register.custody.contact',
    reason: 'register.custody.reason',
    quantity: 'register.custody.quantity',
  },
  custodyOut: { party: 'register.custody.out.party', checkedHow: 'register.custody.out.checkedHow' },
};

function movementKind(r: Pick<SyncError, 'table' | 'fields'>): string | null {
  const kind = r.fields['kind'];
  return r.table === 'itemMovement' && (MOVEMENT_KINDS as readonly unknown[]).includes(kind) ? String(kind) : null;
}

/** The label of a field as its form shows it; the field's own name where no form shows it. */
export function fieldLabel(t: TFunction, r: Pick<SyncError, 'table' | 'fields'>, field: string): string {
  if (field === '' || field === '(row)') return t('sync.issue.record');
  const key = LABELS[movementKind(r) ?? r.table]?.[field];
  return key ? t(key) : field;
}

/** What kind of record the refused change was about: a duty-record entry, a loan, a change to a task... */
export function recordName(t: TFunction, r: Pick<SyncError, 'table' | 'opKind' | 'fields'>): string {
  const kind = movementKind(r);
  const record = kind ? t(`movement.${kind as (typeof MOVEMENT_KINDS)[number]}`) : tableName(t, r.table);
  if (r.opKind === 'patch') return t('sync.change.patch', { record });
  if (r.opKind === 'delete') return t('sync.change.delete', { record });
  return record;
}

const ISSUE_KEYS: Partial<Record<string, MessageKey>> = {
  required: 'sync.issue.required',
  inFuture: 'sync.issue.inFuture',
  emergencySeverity: 'sync.issue.emergencySeverity',
  dueBeforeStart: 'sync.issue.dueBeforeStart',
  tooMany: 'sync.issue.tooMany',
  alreadyClosed: 'sync.issue.alreadyClosed',
  noDuty: 'sync.issue.noDuty',
  targetMissing: 'sync.issue.targetMissing',
  locked: 'sync.issue.locked',
  notAllowed: 'sync.issue.notAllowed',
  notLendable: 'sync.issue.notAllowed',
  notCustody: 'sync.issue.notAllowed',
  superiorOnly: 'sync.issue.notAllowed',
  invalid: 'sync.issue.invalid',
  invalid_type: 'sync.issue.invalid',
  invalid_value: 'sync.issue.invalid',
  invalid_format: 'sync.issue.invalid',
  invalid_union: 'sync.issue.invalid',
  custom: 'sync.issue.invalid',
};

const count = new Intl.NumberFormat('en-US');

/** One field's problem in words, e.g. "Cause: at most 2,000 characters". */
export function issueText(t: TFunction, r: Pick<SyncError, 'table' | 'fields'>, issue: RefusalIssue): string {
  return t('sync.issue.line', { field: fieldLabel(t, r, issue.path), problem: problemText(t, r, issue) });
}

/** The problem alone, for the message beside its field: "at most 2,000 characters". */
export function problemText(t: TFunction, r: Pick<SyncError, 'table' | 'fields'>, issue: RefusalIssue): string {
  // A text cut from the stored refusal (the 4 KiB cap, issue 9 §7) is still a text: its schema says so.
  const value = Object.hasOwn(r.fields, issue.path) ? r.fields[issue.path] : undefined;
  const isText =
    typeof value === 'string' ||
    (value === undefined && cutFields(r).includes(issue.path) && fieldMaxLength(r.table, issue.path) !== undefined);
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.limit !== undefined) {
    const key =
      issue.code === 'too_big'
        ? isText
          ? 'sync.issue.tooLong'
          : 'sync.issue.tooBig'
        : isText
          ? 'sync.issue.tooShort'
          : 'sync.issue.tooSmall';
    return t(key, { limit: count.format(issue.limit) });
  }
  const key = ISSUE_KEYS[issue.code];
  return key ? t(key) : t('sync.issue.other', { code: issue.code });
}

/** A zod or rule message of one field, as the server writes it, as an issue code (and limit). */
function readProblem(text: string): Omit<RefusalIssue, 'path'> | null {
  const big = /^Too big: expected (string|number|array) to (?:have|be) <=?(\d+)/.exec(text);
  if (big) return { code: 'too_big', limit: Number(big[2]) };
  const small = /^Too small: expected (string|number|array) to (?:have|be) >=?(\d+)/.exec(text);
  if (small) {
    // A required text left blank: `.min(1)` of a trimmed string.
    if (small[1] === 'string' && Number(small[2]) <= 1) return { code: 'required' };
    return { code: 'too_small', limit: Number(small[2]) };
  }
  if (/^[a-zA-Z]+$/.test(text) && text in ISSUE_KEYS) return { code: text };
  if (/^Invalid /.test(text)) return { code: 'invalid' };
  return null;
}

/**
 * The field issues a server message names, for refusals without `issues`: the schema's
 * `<field>: <zod message>` list (`; `-separated), H6's `H6: <field>: <code>`, a task's
 * `task: H6 required <fields>` and a movement's `item movement: H8 <field> <code>, ...`.
 * Anything else gives no issue: the reason and the Details disclosure still show.
 */
export function parseRefusalMessage(message: string): RefusalIssue[] {
  const body = message.trim().replace(/^H6: /, '');
  const task = /^task: H6 required (.+)$/.exec(body);
  if (task?.[1]) return task[1].split(', ').map((path) => ({ path, code: 'required' }));
  const movement = /^item movement: H8 (.+)$/.exec(body);
  if (movement?.[1]) {
    return movement[1].split(', ').flatMap((part) => {
      const m = /^(\w+) (\w+)$/.exec(part);
      return m?.[1] && m[2] ? [{ path: m[1], code: m[2] }] : [];
    });
  }
  return body.split('; ').flatMap((part) => {
    const m = /^([a-zA-Z][\w.]*|\(row\)): (.+)$/.exec(part);
    const problem = m?.[2] ? readProblem(m[2]) : null;
    return m?.[1] && problem ? [{ path: m[1], ...problem }] : [];
  });
}

/** The refusal's issues: the server's own, else what its message says. */
export function refusalIssues(r: Pick<SyncError, 'issues' | 'message'>): RefusalIssue[] {
  return r.issues.length > 0 ? r.issues : parseRefusalMessage(r.message);
}

/** Every problem of a refusal in words, one line per field. */
export function issueLines(t: TFunction, r: Refusal): string[] {
  return refusalIssues(r).map((issue) => issueText(t, r, issue));
}

/** The fields that say what a change was about, when no form lists its typed fields. */
const CONTENT_FIELDS = ['name', 'label', 'title', 'cause', 'process', 'result', 'text', 'party', 'location'];

/**
 * The text a person typed in the refused change, one labelled line per field, to copy and keep:
 * "Cause: ...", "What was done: ...". Empty when it carried no text.
 */
export function typedText(t: TFunction, r: Pick<SyncError, 'table' | 'opKind' | 'fields'>): string {
  const typed = typedFields(r);
  const fields = typed.length > 0 ? typed : CONTENT_FIELDS;
  return fields
    .filter((f) => typeof r.fields[f] === 'string' && String(r.fields[f]).trim() !== '')
    .map((f) => t('sync.refused.copyLine', { field: fieldLabel(t, r, f), text: String(r.fields[f]) }))
    .join('\n');
}

/**
 * Issue 9 §7: the fields the server did not keep with a refusal because they were too large (its
 * syncError row holds at most 4 KiB of fields), by their form labels; empty when nothing was cut.
 */
export function cutFieldLabels(t: TFunction, r: Pick<SyncError, 'table' | 'fields'>): string[] {
  return cutFields(r).map((f) => fieldLabel(t, r, f));
}
