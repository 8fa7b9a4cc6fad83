/**
 * One duty at a time, begun and ended by the rules (H3, S1, docs/rules.md), on the server whatever a
 * tablet sends. The row rules (domain/row-rules.ts dutyRule) tie a new duty to the record that
 * opened it and keep its person, start, end and record fixed; here are the checks that need the
 * whole building (one open duty; an opening only while the desk is free) and the duty end the
 * server itself writes when it applies a handover or closing record.
 */
import { canonicalJson } from '../../domain/canonical';
import type { ReviewFlag } from '../../domain/entities';
import type { HandoverRecord } from '../../domain/handover-entities';
import { newId } from '../../domain/ids';
import { DUTY_FIXED_FIELDS } from '../../domain/row-rules';
import type { Op } from '../../domain/sync-protocol';
import type { StoredRow } from '../store/store';
import { liveRow, reject, type ApplyContext, type Rejection } from './op-outcome';
import { insertServerRow } from './server-rows';

const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : 'an unknown time');

/** `staffId` with the person's name when the building has it, for messages people read. */
async function who(ctx: ApplyContext, staffId: unknown): Promise<string> {
  const name = (await liveRow(ctx, 'staff', String(staffId)))?.row.name;
  return typeof name === 'string' ? `${name} (${String(staffId)})` : String(staffId);
}

async function openDutyMessage(ctx: ApplyContext, duty: StoredRow<'duty'>): Promise<string> {
  return `duty ${duty.id} of ${await who(ctx, duty.row.staffId)} is open since ${iso(duty.row.startedAt)}`;
}

/**
 * H3: a duty patch that touches the person, start, end or record of a duty is refused before the
 * per-field merge, so it is refused even when a newer server value would have kept it out.
 */
export function dutyPatchRefusal(op: Op, existing: StoredRow): Rejection | null {
  const changed = DUTY_FIXED_FIELDS.filter(
    (f) =>
      Object.hasOwn(op.fields, f) && canonicalJson(op.fields[f] ?? null) !== canonicalJson(existing.row[f] ?? null),
  );
  if (changed.length === 0) return null;
  return reject(
    'duty_rule',
    `duty: H3 ${changed.join(', ')} cannot change: a duty ends only by a signed handover or closing, which the server records`,
  );
}

/** H3: at most one open duty per building, so a new duty is refused while another is open. */
export async function dutyPutRefusal(ctx: ApplyContext, duty: Record<string, unknown>): Promise<Rejection | null> {
  const other = (await ctx.store.openDuties(ctx.siteId)).find((d) => d.id !== duty['id']);
  if (!other) return null;
  return reject(
    'duty_rule',
    `duty: H3 one duty at a time: ${await openDutyMessage(ctx, other)}; it ends only by a signed handover or closing`,
  );
}

/**
 * The duty checks of a new signed record (not an addendum), or null. A handover or closing ends an
 * open duty of the person it names; an opening needs the desk free: no open duty, and no record
 * whose new duty is still on its way (two tablets opening at once).
 */
export async function recordDutyRefusal(ctx: ApplyContext, record: HandoverRecord): Promise<Rejection | null> {
  if (record.kind === 'opening') {
    const open = (await ctx.store.openDuties(ctx.siteId))[0];
    if (open) {
      return reject(
        'duty_rule',
        `H3, S1: the desk is not closed: ${await openDutyMessage(ctx, open)}; it is taken over by a signed handover, not opened`,
      );
    }
    const awaited = (await ctx.store.recordsAwaitingDuty(ctx.siteId))[0];
    if (awaited !== undefined) {
      return reject('duty_rule', `H3, S1: the desk was already taken over by record ${awaited}; it cannot be opened`);
    }
    return null;
  }
  const duty = (await liveRow(ctx, 'duty', String(record.outgoingDutyId)))?.row;
  // A missing duty is the reference check's refusal (reference_unknown).
  if (!duty) return null;
  if (duty.staffId !== record.outgoingStaffId) {
    return reject(
      'duty_rule',
      `H3: duty ${String(record.outgoingDutyId)} is ${await who(ctx, duty.staffId)}'s, not ${await who(ctx, record.outgoingStaffId)}'s`,
    );
  }
  if (duty.endedAt !== null) {
    return reject(
      'duty_rule',
      `H3: duty ${String(record.outgoingDutyId)} already ended at ${iso(duty.endedAt)}; only an open duty is handed over or closed`,
    );
  }
  return null;
}

/**
 * After a new record (not an addendum) is written, in the same push transaction: the server ends
 * the outgoing duty at the signing (H3), a normal row write with a new sequence so every tablet
 * pulls it, stamped with the record's own HLC (the tablet that signed set the same end locally);
 * an opening is flagged for the section chief (ReviewFlag `deskOpened`).
 */
export async function applyRecordToDuties(
  ctx: ApplyContext,
  record: HandoverRecord,
  op: Op,
  updatedAt: string,
): Promise<void> {
  if (record.kind === 'opening') {
    await flagOpening(ctx, record, op);
    return;
  }
  const duty = await ctx.store.getRow(ctx.siteId, 'duty', String(record.outgoingDutyId));
  if (!duty) return;
  const versions = { ...duty.versions };
  versions['endedAt'] = (versions['endedAt'] ?? 0) + 1;
  versions['updatedAt'] = (versions['updatedAt'] ?? 0) + 1;
  await ctx.store.writeRow({
    siteId: ctx.siteId,
    table: 'duty',
    id: duty.id,
    row: { ...duty.row, endedAt: record.signedAt, updatedAt },
    versions,
    updatedHlc: updatedAt,
    deleted: false,
  });
}

/** H3, S1: the desk was opened with no handover, which the section chief reviews. */
async function flagOpening(ctx: ApplyContext, record: HandoverRecord, op: Op): Promise<void> {
  const flag: Omit<ReviewFlag, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: ctx.siteId,
    kind: 'deskOpened',
    table: 'handoverRecord',
    rowId: record.id,
    field: '',
    deviceId: op.deviceId,
    counter: op.counter,
    actorStaffId: op.actorStaffId,
    stampedAt: record.signedAt,
    expectedAt: null,
    receivedAt: ctx.nowMs,
    recordedAt: ctx.nowMs,
  };
  await insertServerRow(ctx.store, ctx.clock, 'reviewFlag', flag, ctx.nowMs);
}
