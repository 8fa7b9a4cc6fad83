/**
 * The demo's 18 months of history before its three scripted days (issue 8): a day and a night shift
 * every day, each begun by a signed handover (the desk opened on the first morning, closed on the
 * last evening), entries of every kind (F1 calls and visits with owners, tenants and units; F2
 * repairs with the department or contractor and the completion time, finished after the shift as a
 * follow-up), paid-service orders, escalations the chief decided, and the chief's signed review of
 * each day but the last few, all on one hash chain that `npm run verify` checks. Open repairs and
 * one escalation still waiting for the chief are left for the new screens.
 *
 * Written straight into the store (demo-direct.ts, flushed in the caller's transaction): re-checking the
 * gate for a thousand handovers through the push service would make `npm run demo` take minutes.
 */
import { GENESIS_HASH } from '../src/domain/chain';
import { dayKeyOf } from '../src/domain/building-day';
import { newId } from '../src/domain/ids';
import type { DayFigures } from '../src/domain/review-entities';
import { storedEntryDigest } from '../src/server/integrity/entry-digests';
import { DEMO_ITEMS, DEMO_SITE, type StaffKey } from './demo-data';
import { DirectWriter } from './demo-direct';
import { MATTERS, OPEN_REPAIRS, PARTIES, UNITS, WAITING_ESCALATION, type HistoryMatter } from './demo-history-data';
import type { SeedWorld } from './demo-seed-handover';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** About 18 months. */
export const HISTORY_DAYS = 548;
/** The last few days of history are left for the chief to review (O1). */
const UNREVIEWED_DAYS = 5;
const ROTATION: StaffKey[] = ['desk3', 'desk2', 'desk4', 'desk1'];
const SVG = (d: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><path d="${d}" stroke="#111" stroke-width="3" fill="none"/></svg>`;
const OUT_SVG = SVG('M10 60 C 40 10, 65 10, 95 60 S 150 110, 180 60');
const IN_SVG = SVG('M20 70 Q 60 5, 100 70 T 190 50 L 260 40');

/** A small deterministic generator, so every seeding tells the same story. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Entry {
  row: Record<string, unknown>;
  /** The row after its follow-up (a repair finished after the shift), and when. */
  later: { row: Record<string, unknown>; at: number } | null;
}

interface Shift {
  staff: StaffKey;
  scheduledAt: number;
  endsAt: number;
  shiftId: 'day' | 'night';
}

export interface HistorySummary {
  /** The chain's head: the closing of the last history day, under the scripted days' opening. */
  head: string;
  counts: Record<string, number>;
  /** The history's writes, stored by `writer.flush(tx)` in the caller's transaction. */
  writer: DirectWriter;
}

const COUNT = DEMO_ITEMS.filter((i) => i.category !== 'custody');

/** Writes the history of `w`'s building, ending the evening before `w.start`'s first shift. */
export function addHistory(w: SeedWorld, deviceId: string): HistorySummary {
  const rand = random(20_240_601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const x = new DirectWriter(w.base.siteId, deviceId, GENESIS_HASH, true);
  const counts: Record<string, number> = {};
  const put = (table: Parameters<DirectWriter['put']>[0], fields: Record<string, unknown>, at: number) => {
    counts[table] = (counts[table] ?? 0) + 1;
    return x.put(table, fields, at);
  };
  const chief = w.staffId('chief');
  const firstDay = w.start - HISTORY_DAYS * DAY;
  const shifts: Shift[] = [];
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const day = firstDay + d * DAY;
    shifts.push({ staff: 'desk1', scheduledAt: day + 9 * HOUR, endsAt: day + 18 * HOUR, shiftId: 'day' });
    // The last evening the desk is closed (the scripted days begin by opening it).
    if (d < HISTORY_DAYS - 1)
      shifts.push({ staff: 'desk1', scheduledAt: day + 18 * HOUR, endsAt: day + DAY + 9 * HOUR, shiftId: 'night' });
  }
  shifts.forEach((s, i) => (s.staff = ROTATION[i % ROTATION.length] ?? 'desk1'));

  const entries: Entry[] = [];
  const records: Record<string, unknown>[] = [];
  const escalations: number[] = [];
  let orderNo = 0;
  let prevDuty: { id: string; staffId: string; startedAt: number; shift: Shift; recordId: string } | null = null;
  let reviewed = firstDay;
  const reviewBefore = (at: number) => {
    // O1: the chief signs each finished day's review at 10:00 the morning after.
    while (reviewed + DAY + 10 * HOUR <= at && reviewed < w.start - (UNREVIEWED_DAYS + 1) * DAY) {
      review(reviewed, reviewed + DAY + 10 * HOUR);
      reviewed += DAY;
    }
  };

  const addEntry = (m: HistoryMatter, dutyId: string, staffId: string, at: number, shiftEnd: number, open: boolean) => {
    const f1 = m.channel !== undefined;
    const doneAt = m.repairHours !== undefined ? at + m.repairHours * HOUR : null;
    const finishedLater = !open && doneAt !== null && doneAt > shiftEnd;
    const row = {
      ...w.base,
      id: newId(),
      dutyId,
      staffId,
      kind: m.kind,
      severity: m.severity,
      status: open || finishedLater ? 'open' : 'resolved',
      cause: m.cause,
      process: m.process,
      result: open || finishedLater ? '' : m.result,
      party: f1 ? pick(PARTIES) : '',
      contact: f1 ? `9${String(Math.floor(rand() * 9_000_000) + 1_000_000)}` : '',
      location: m.location === '單位' ? pick(UNITS) : m.location,
      occurredAt: at,
      referredTo: '',
      operationEndedAt: m.kind === 'equipmentOp' ? at + 30 * MIN : null,
      backdateReason: '',
      channel: m.channel ?? null,
      partyType: m.partyType ?? null,
      unit: f1 || m.location === '單位' ? pick(UNITS) : '',
      assignedTo: m.assignedTo ?? '',
      completedAt: !open && !finishedLater ? doneAt : null,
      recordedAt: at + 2 * MIN,
      deviceTime: at + 2 * MIN,
    };
    const stored = put('logEntry', row, at + 2 * MIN);
    const later =
      finishedLater && doneAt !== null
        ? { row: { ...stored, status: 'resolved', result: m.result, completedAt: doneAt }, at: doneAt }
        : null;
    entries.push({ row: stored, later });
    if (m.service) {
      const issuedAt = at + 10 * MIN;
      const age = w.start - issuedAt;
      const status = age > 30 * DAY ? (rand() < 0.1 ? 'cancelled' : 'paid') : pick(['issued', 'done'] as const);
      orderNo++;
      const number = `SO-${dayKeyOf(issuedAt, DEMO_SITE.timeZone).slice(0, 7).replace('-', '')}-${String(orderNo).padStart(4, '0')}`;
      const order = {
        ...w.base,
        id: newId(),
        entryId: row.id,
        number,
        service: m.service.name,
        amountCents: m.service.amountCents,
        status,
        staffId,
        issuedAt,
      };
      put('serviceOrder', order, issuedAt);
    }
    return stored;
  };

  const escalate = (entry: Record<string, unknown>, reason: string, at: number, decided: boolean) => {
    escalations.push(at);
    const row = {
      ...w.base,
      id: newId(),
      entryId: entry['id'],
      level: 'chief',
      forwardedFromId: null,
      reason,
      sentBy: entry['staffId'],
      sentAt: at,
      acknowledgedBy: decided ? chief : null,
      acknowledgedAt: decided ? at + 20 * MIN : null,
      decision: decided ? '已與工程部及業主商討，安排承辦商於翌日上午處理，並由值班管理員跟進回覆' : '',
      decidedBy: decided ? chief : null,
      decidedAt: decided ? at + HOUR : null,
    };
    put('escalation', row, decided ? at + HOUR : at);
  };

  /** The entries of a day as they stood at `at` (a follow-up after `at` not yet made). */
  const asOf = (e: Entry, at: number) => (e.later && e.later.at <= at ? e.later.row : e.row);

  function review(dayStart: number, signedAt: number) {
    const inDay = (t: unknown) => typeof t === 'number' && t >= dayStart && t < dayStart + DAY;
    const dayEntries = entries.filter((e) => inDay(e.row['occurredAt'])).map((e) => asOf(e, signedAt));
    const dayRecords = records.filter((r) => inDay(r['signedAt']));
    const byKind: Record<string, number> = {};
    for (const e of dayEntries) byKind[String(e['kind'])] = (byKind[String(e['kind'])] ?? 0) + 1;
    const late = dayRecords.filter((r) => r['kind'] === 'handover' && Number(r['joinedAt']) > Number(r['scheduledAt']));
    const figures: DayFigures = {
      entries: dayEntries.length,
      byKind,
      complaints: byKind['complaint'] ?? 0,
      repairs: byKind['repair'] ?? 0,
      emergencies: byKind['emergency'] ?? 0,
      discrepancies: 0,
      handoversOnTime: dayRecords.filter((r) => r['kind'] === 'handover').length - late.length,
      handoversLate: late.length,
      openings: dayRecords.filter((r) => r['kind'] === 'opening').length,
      closings: dayRecords.filter((r) => r['kind'] === 'closing').length,
      referred: dayEntries.filter((e) => e['status'] === 'referred').length,
      open: dayEntries.filter((e) => e['status'] === 'open').length,
      escalations: escalations.filter(inDay).length,
    };
    counts['dayReview'] = (counts['dayReview'] ?? 0) + 1;
    x.sign(
      'dayReview',
      {
        ...w.base,
        id: newId(),
        day: dayKeyOf(dayStart, DEMO_SITE.timeZone),
        correctsId: null,
        reviewerId: chief,
        signedAt,
        syncCursor: 0,
        figures,
        records: dayRecords.map((r) => ({ id: r['id'], hash: r['hash'] })),
        entries: dayEntries.map((e) => ({ id: e['id'], hash: storedEntryDigest(e) })),
        reviewFlagIds: [],
        syncErrorIds: [],
        conflictIds: [],
        dailyReportIds: [],
        note: figures.emergencies > 0 ? '緊急事故處理得宜，已跟進報告' : '',
        signature: { staffId: chief, signedAt, svg: IN_SVG },
      },
      signedAt,
    );
  }

  const followUps = (now: number) => {
    // A repair finished after its shift: the status, result and completion time are patched then.
    for (const e of entries.filter((p) => p.later !== null && p.later.at <= now)) {
      const later = e.later;
      if (!later) continue;
      const { status, result, completedAt } = later.row;
      e.row = x.patch('logEntry', e.row, { status, result, completedAt }, later.at);
      e.later = null;
    }
  };

  const sign = (kind: 'opening' | 'handover' | 'closing', s: Shift | null, at: number, late: number) => {
    const out = prevDuty;
    const incomingStaffId = s ? w.staffId(s.staff) : null;
    const newDutyId = s ? newId() : null;
    const handoverId = newId();
    const joinedAt = kind === 'handover' ? at + late - 5 * MIN : null;
    const signedAt = kind === 'handover' ? at + late : at;
    const openedAt = at - 15 * MIN;
    const outEntries = out ? entries.filter((e) => e.row['dutyId'] === out.id).map((e) => asOf(e, signedAt)) : [];
    const draft = {
      ...w.base,
      id: handoverId,
      kind,
      outgoingDutyId: out?.id ?? null,
      outgoingStaffId: out?.staffId ?? null,
      incomingStaffId,
      joinedAt,
      scheduledAt: at,
      openedAt,
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      recordReviewNote: kind === 'handover' ? '已閱上一班記錄' : '',
      anomalyAnswer: '大廈運作正常，無其他異常',
      synthesis: kind === 'handover' ? '已點算全部物品，待辦事項已閱' : '',
      fitness: kind === 'closing' ? 'unset' : 'fit',
      fitnessNote: '',
      fitnessAttestedBy: kind === 'handover' ? out?.staffId : null,
      substituteStaffId: null,
      substituteApproval: null,
      status: 'signed',
    };
    put('handover', draft, signedAt);
    const signatures = [
      ...(out ? [{ role: 'outgoing', staffId: out.staffId, signedAt, svg: OUT_SVG }] : []),
      ...(incomingStaffId ? [{ role: 'incoming', staffId: incomingStaffId, signedAt, svg: IN_SVG }] : []),
    ];
    counts['handoverRecord'] = (counts['handoverRecord'] ?? 0) + 1;
    const record = x.sign(
      'handoverRecord',
      {
        ...w.base,
        id: newId(),
        kind,
        handoverId,
        correctsId: null,
        outgoingDutyId: out?.id ?? null,
        outgoingStaffId: out?.staffId ?? null,
        incomingStaffId,
        newDutyId,
        scheduledAt: at,
        openedAt,
        joinedAt,
        signedAt,
        syncCursor: 0,
        recordReviewed: true,
        equipmentChecked: true,
        pendingReviewed: true,
        anomaliesAsked: true,
        recordReviewNote: draft.recordReviewNote,
        anomalyAnswer: draft.anomalyAnswer,
        synthesis: draft.synthesis,
        fitness: 'fit',
        fitnessNote: '',
        fitnessAttestedBy: draft.fitnessAttestedBy ?? null,
        substituteStaffId: null,
        substituteApproval: null,
        count: COUNT.map((i) => ({
          itemId: w.itemIds.get(i.code) ?? '',
          code: i.code,
          label: i.label,
          category: i.category,
          expected: i.quantity ?? 1,
          state: 'present',
          quantity: i.quantity ?? 1,
          lent: 0,
          borrowers: [],
          explanation: '',
          photoSha256s: [],
        })),
        duty: out
          ? {
              id: out.id,
              staffId: out.staffId,
              startedAt: out.startedAt,
              endedAt: signedAt,
              entries: outEntries.map((e) => ({ id: e['id'], hash: storedEntryDigest(e) })),
            }
          : null,
        carried: {
          taskIds: [],
          acknowledged: [],
          overdueLoanIds: [],
          openLoanIds: [],
          custodyIds: [],
          majorEntryIds: outEntries.filter((e) => e['severity'] !== 'routine').map((e) => e['id']),
        },
        blockersSeen: [],
        signatures,
        note: '',
      },
      signedAt,
    );
    records.push(record);
    if (out) {
      const duty = {
        ...w.base,
        id: out.id,
        staffId: out.staffId,
        deviceId,
        shiftId: out.shift.shiftId,
        startedAt: out.startedAt,
        endedAt: signedAt,
        handoverId: out.recordId,
      };
      put('duty', duty, signedAt);
    }
    prevDuty =
      s && newDutyId && incomingStaffId
        ? { id: newDutyId, staffId: incomingStaffId, startedAt: signedAt, shift: s, recordId: String(record['id']) }
        : null;
  };

  for (const [i, s] of shifts.entries()) {
    followUps(s.scheduledAt);
    reviewBefore(s.scheduledAt);
    const late = rand() < 0.06 ? Math.floor(3 + rand() * 15) * MIN : 0;
    sign(i === 0 ? 'opening' : 'handover', s, s.scheduledAt, late);
    const duty = prevDuty as unknown as { id: string; staffId: string; startedAt: number };
    const n = s.shiftId === 'day' ? 1 + Math.floor(rand() * 3) : Math.floor(rand() * 2);
    const slots = Array.from(
      { length: n },
      () => duty.startedAt + 15 * MIN + rand() * (s.endsAt - duty.startedAt - 45 * MIN),
    ).sort((a, b) => a - b);
    const recent = s.scheduledAt > w.start - 21 * DAY;
    for (const [k, at] of slots.entries()) {
      const openRepair =
        recent && s.shiftId === 'day' && k === 0 && i % 6 === 0
          ? OPEN_REPAIRS[(i / 6) % OPEN_REPAIRS.length]
          : undefined;
      const m = openRepair ?? pick(MATTERS);
      const entry = addEntry(m, duty.id, duty.staffId, Math.round(at), s.endsAt, openRepair !== undefined);
      if (m.severity === 'major' && m.kind === 'complaint' && !recent)
        escalate(entry, '涉及兩個單位，需科長決定維修安排及費用分擔', Math.round(at) + 15 * MIN, true);
    }
    if (i === shifts.length - 1) {
      const at = s.scheduledAt + 6 * HOUR;
      const entry = addEntry(WAITING_ESCALATION, duty.id, duty.staffId, at, s.endsAt, true);
      escalate(entry, WAITING_ESCALATION.reason, at + 10 * MIN, false);
    }
  }
  const last = shifts.at(-1);
  if (last) {
    followUps(last.endsAt);
    sign('closing', null, last.endsAt, 0);
  }
  return { head: x.head, counts, writer: x };
}
