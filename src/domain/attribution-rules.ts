/**
 * Who a row says acted must be who acted (H1, H7, H8, H9 in docs/rules.md; issue 7 point 5). The
 * server runs these on every write through checkRowRules, so a tablet cannot write a count tap, a
 * read receipt or a note under another person's name; the tablet runs them before queueing.
 *
 * - A count line, read receipt, task note, log amendment or item movement is by the op's actor.
 * - H8 (由交班人說明): a discrepancy is explained by the outgoing person (`explainedBy`), or by
 *   the opener at an opening, who has nobody to hand over from; a line with no explanation names
 *   no explainer.
 * - H1: the incoming person joins with their PIN (the join is theirs); from then on the count taps
 *   and the restatement (`synthesis`) are theirs too.
 * - H7: an instruction read during a handover is acknowledged by its incoming person once joined.
 */
import type { Role, SyncTable } from './entities';

/** One field's problem, as a refused op's `SyncError.issues` carries it. */
export interface AttributionIssue {
  path: string;
  code: AttributionIssueCode;
}

export type AttributionIssueCode = 'notActor' | 'notOutgoing' | 'notIncoming' | 'notJoined' | 'noExplanation';

/** Why a write is attributed to the wrong person; the caller makes it a `rule_violation`. */
export interface AttributionRefusal {
  message: string;
  issues: AttributionIssue[];
}

type Row = Record<string, unknown>;
type Lookup = (table: SyncTable, id: string) => Row | undefined;

/** Append-only rows whose `staffId` is the person who did what they record. */
const ACTOR_STAFF_TABLES: ReadonlySet<string> = new Set([
  'countLine',
  'acknowledgement',
  'taskNote',
  'logAmendment',
  'itemMovement',
]);

const refuse = (path: string, code: AttributionIssueCode, message: string): AttributionRefusal => ({
  message,
  issues: [{ path, code }],
});

/**
 * The attribution refusal of one write, or null. `prev` is the stored row (null for a new row),
 * `next` the row as it would be stored. A reference that does not resolve is left to the reference
 * check (ROW_REFERENCES).
 */
export function attributionRefusal(
  table: SyncTable,
  prev: Row | null,
  next: Row,
  actor: { id: string; role: Role },
  lookup: Lookup,
): AttributionRefusal | null {
  if (prev === null && ACTOR_STAFF_TABLES.has(table) && next.staffId !== actor.id) {
    return refuse(
      'staffId',
      'notActor',
      `${table}: staffId ${String(next.staffId)} is not the person who wrote it (${actor.id})`,
    );
  }
  if (table === 'countLine') return countLineAttribution(next, lookup);
  if (table === 'acknowledgement') return acknowledgementAttribution(next, lookup);
  if (table === 'handover') return draftAttribution(prev, next, actor);
  return null;
}

/** H8: who explains a discrepancy of this draft's count: the outgoing person, or the opener. */
export function explainerOf(draft: Row): string | null {
  const id = draft.kind === 'opening' ? draft.incomingStaffId : draft.outgoingStaffId;
  return typeof id === 'string' ? id : null;
}

function countLineAttribution(line: Row, lookup: Lookup): AttributionRefusal | null {
  const draft = lookup('handover', String(line.handoverId));
  if (!draft) return null;
  const explained = typeof line.explanation === 'string' && line.explanation.trim() !== '';
  if (!explained && line.explainedBy !== null && line.explainedBy !== undefined) {
    return refuse('explainedBy', 'noExplanation', 'count line: H8 a line without an explanation names no explainer');
  }
  const explainer = explainerOf(draft);
  if (explained && line.explainedBy !== explainer) {
    return refuse(
      'explainedBy',
      'notOutgoing',
      `count line: H8 a discrepancy is explained by ${String(explainer)} (由交班人說明), not ${String(line.explainedBy)}`,
    );
  }
  if (draft.joinedAt !== null && draft.joinedAt !== undefined && line.staffId !== draft.incomingStaffId) {
    return refuse(
      'staffId',
      'notIncoming',
      `count line: H8 once ${String(draft.incomingStaffId)} has joined, the count is theirs, not ${String(line.staffId)}'s`,
    );
  }
  return null;
}

function acknowledgementAttribution(ack: Row, lookup: Lookup): AttributionRefusal | null {
  if (typeof ack.handoverId !== 'string') return null;
  const draft = lookup('handover', ack.handoverId);
  if (!draft) {
    return refuse('handoverId', 'notJoined', `acknowledgement: H7 no handover ${ack.handoverId} in this building`);
  }
  if (draft.joinedAt === null || draft.joinedAt === undefined) {
    return refuse(
      'handoverId',
      'notJoined',
      `acknowledgement: H7 the incoming person has not joined handover ${ack.handoverId} yet`,
    );
  }
  if (ack.staffId !== draft.incomingStaffId) {
    return refuse(
      'staffId',
      'notIncoming',
      `acknowledgement: H7 instructions of handover ${ack.handoverId} are acknowledged by ${String(draft.incomingStaffId)}`,
    );
  }
  return null;
}

/** H1, H9: the join is the incoming person's, and so is the restatement once they have joined. */
function draftAttribution(prev: Row | null, next: Row, actor: { id: string }): AttributionRefusal | null {
  const joined = next.joinedAt !== null && next.joinedAt !== undefined;
  const joins = joined && (prev === null || prev.joinedAt !== next.joinedAt);
  if (joins && actor.id !== next.incomingStaffId) {
    return refuse(
      'joinedAt',
      'notIncoming',
      `handover: H1 ${String(next.incomingStaffId)} joins with their own PIN, not ${actor.id}`,
    );
  }
  const restates = prev === null ? next.synthesis !== '' : prev.synthesis !== next.synthesis;
  if (joined && restates && actor.id !== next.incomingStaffId) {
    return refuse(
      'synthesis',
      'notIncoming',
      `handover: H9 the restatement is ${String(next.incomingStaffId)}'s once they have joined, not ${actor.id}'s`,
    );
  }
  return null;
}
