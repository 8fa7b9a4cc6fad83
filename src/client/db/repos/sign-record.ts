/**
 * Building the signed record (H3): its frozen content (count, duty with entry digests, carried
 * items), the signature checks of each kind, who takes over and on which shift, and the head of
 * the building's hash chain. Everything
 * that awaits crypto.subtle runs here, OUTSIDE any Dexie transaction: IndexedDB commits a
 * transaction that waits on anything else.
 */
import { entryDigest, GENESIS_HASH } from '../../../domain/chain';
import { rosteredNow } from '../../../domain/desk-rules';
import { isAccountedWithoutTap } from '../../../domain/count-rules';
import type { Duty } from '../../../domain/entities';
import type { Blocker } from '../../../domain/gate';
import type {
  BlockerSeen,
  Handover,
  HandoverKind,
  HandoverRecord,
  RecordCountLine,
  Signature,
} from '../../../domain/handover-entities';
import { bothSignatures, soleSignature } from '../../../domain/signatures';
import { getSite } from '../queries';
import type { CountSnapshot } from '../queries/count-view';
import type { GateState } from '../queries/gate-state';
import { fail, ok, type Result } from '../result';
import { takesOver } from './handover-actors';
import type { CarryOver } from '../queries/carry-over';
import { photosFor } from '../queries/photo-queries';
import { newestRecord } from '../queries/record-chain';
import type { HandoverDb } from '../schema';

/** The hash the next record chains to: the newest local record's (by signedAt), or GENESIS_HASH. */
export async function chainHead(db: HandoverDb): Promise<string> {
  return (await newestRecord(db))?.hash ?? GENESIS_HASH;
}

/**
 * H3: the signatures a record of `kind` carries, in order, or null when one is missing, blank or
 * by someone else: a handover both people's [outgoing, incoming]; an opening the opener's alone
 * (role incoming); a closing the outgoing person's alone. The same checks as the server's
 * (domain/signatures.ts).
 */
export function kindSignatures(
  kind: HandoverKind,
  given: readonly Signature[],
  people: { outgoing: string | null; incoming: string | null },
): Signature[] | null {
  switch (kind) {
    case 'handover':
      return people.outgoing === null || people.incoming === null
        ? null
        : bothSignatures(given, people.outgoing, people.incoming);
    case 'opening': {
      const s =
        people.incoming === null
          ? null
          : soleSignature(
              given.filter((g) => g.role === 'incoming'),
              'incoming',
              people.incoming,
            );
      return s ? [s] : null;
    }
    case 'closing': {
      const s =
        people.outgoing === null
          ? null
          : soleSignature(
              given.filter((g) => g.role === 'outgoing'),
              'outgoing',
              people.outgoing,
            );
      return s ? [s] : null;
    }
  }
}

/** What the people saw, plus any blocker still in force that they did not list. */
export function blockersSeen(seen: BlockerSeen[], now: Blocker[]): BlockerSeen[] {
  const codes = new Set(seen.map((b) => b.code));
  return [...seen, ...now.filter((b) => !codes.has(b.code)).map((b) => ({ code: b.code, refs: [...b.refs] }))];
}

/** The count as signed: every item tapped or wholly lent, with its loans and photo hashes. */
export async function recordCount(db: HandoverDb, count: CountSnapshot): Promise<RecordCountLine[]> {
  const out: RecordCountLine[] = [];
  for (const item of count.items) {
    const line = count.latest.get(item.id);
    const lent = count.lent.get(item.id) ?? { quantity: 0, borrowers: [] };
    if (!line && !isAccountedWithoutTap(item, lent.quantity)) continue;
    const photos = line ? await photosFor(db, 'countLine', line.id) : [];
    out.push({
      itemId: item.id,
      code: item.code,
      label: item.label,
      category: item.category,
      expected: item.expectedQuantity,
      state: line?.state ?? 'present',
      quantity: line?.quantity ?? 0,
      lent: lent.quantity,
      borrowers: [...lent.borrowers],
      explanation: line?.explanation ?? '',
      photoSha256s: [...new Set(photos.map((p) => p.sha256))],
    });
  }
  return out;
}

/** The outgoing duty as locked: its times and a digest of each entry's content (D5). */
export async function recordDuty(
  db: HandoverDb,
  duty: Duty,
  endedAt: number,
): Promise<NonNullable<HandoverRecord['duty']>> {
  const rows = (await db.logEntry.where('dutyId').equals(duty.id).toArray()).filter((e) => !e.deleted);
  rows.sort((a, b) => a.recordedAt - b.recordedAt || a.id.localeCompare(b.id));
  const entries: { id: string; hash: string }[] = [];
  for (const { _versions: _local, ...entry } of rows) entries.push({ id: entry.id, hash: await entryDigest(entry) });
  return { id: duty.id, staffId: duty.staffId, startedAt: duty.startedAt, endedAt, entries };
}

/** What was carried over, by id (H4, H5: every major matter of the shift, handled or not; H7). */
export function recordCarried(c: CarryOver): HandoverRecord['carried'] {
  return {
    taskIds: c.tasks.map((t) => t.id),
    acknowledged: c.instructions.flatMap((i) =>
      i.acknowledgedAt === null ? [] : [{ taskId: i.task.id, at: i.acknowledgedAt }],
    ),
    majorEntryIds: [...c.majorOpen, ...c.shiftMajor].map((e) => e.id),
    overdueLoanIds: c.overdueLoans.map((l) => l.lend.id),
    openLoanIds: c.openLoans.map((l) => l.lend.id),
    custodyIds: c.custody.map((m) => m.movement.id),
  };
}

/**
 * signatureMissing: a pad without strokes or a signature by someone else; notEligible: the person
 * taking over is not rostered, not the approved H11(d) substitute, or inactive; blocked: the gate
 * refuses (H11: there is no override); countIncomplete: the only thing missing is the count (H8);
 * alreadySigned: the draft is no longer being prepared or its duty was handed over already;
 * dutyOpen: an opening while a duty is open in the building (H3: never a second duty).
 */
export type SignError =
  'signatureMissing' | 'notEligible' | 'blocked' | 'countIncomplete' | 'alreadySigned' | 'dutyOpen';

/** H11(d): the person the record names as taking over (handover, opening), checked active and eligible. */
export async function personTakingOver(
  db: HandoverDb,
  h: Handover,
  gate: GateState,
): Promise<Result<string | null, SignError>> {
  if (gate.kind === 'closing') return ok(null);
  const id = gate.kind === 'opening' ? h.incomingStaffId : takesOver(h);
  const person = id === null ? undefined : await db.staff.get(id);
  if (!person || person.deleted || !person.active || person.id === h.outgoingStaffId) return fail('notEligible');
  if (gate.kind === 'handover' && !gate.eligible.includes(person.id)) return fail('notEligible');
  return ok(person.id);
}

/** The rota shift the new duty belongs to: the one taken over (the unfit person's, covered), or opened. */
export async function newDutyShift(
  db: HandoverDb,
  h: Handover,
  gate: GateState,
  nowMs: number,
): Promise<string | null> {
  if (gate.kind === 'handover') {
    // The shift taken over: the incoming person's, or the one their substitute covers by request.
    const shift = gate.candidates.find((c) => c.staffId === h.incomingStaffId || c.staffId === takesOver(h));
    return shift?.shiftId ?? null;
  }
  const lead = (await getSite(db))?.incomingLeadMinutes ?? 0;
  return h.incomingStaffId === null
    ? null
    : (rosteredNow(gate.assignments, h.incomingStaffId, nowMs, lead)?.shiftId ?? null);
}
