/**
 * A tablet with an open duty, a handover being prepared and a register of items, for the count
 * screen tests. Items and loans are put straight into Dexie, as a pull would leave them.
 */
import type { Item } from '../../src/domain/entities';
import type { CountState, HandoverRecord } from '../../src/domain/handover-entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import type { ItemMovement } from '../../src/domain/item-entities';
import { startDuty } from '../unit/client/duty-fixture';
import { openHandover } from '../../src/client/db/repos/handover-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { seedStaff, seedTablet, type SeededTablet } from './helpers';

const pulled = () => ({
  updatedAt: formatHlc({ wallMs: Date.now() - 60_000, counter: 0, node: 'seed' }),
  deleted: false,
  _versions: {},
});

export async function putItem(
  tablet: SeededTablet,
  over: Partial<Item> & Pick<Item, 'category' | 'code' | 'label'>,
): Promise<Item> {
  const row = {
    id: newId(),
    siteId: tablet.siteId,
    expectedQuantity: 1,
    location: 'Desk drawer',
    active: true,
    ...pulled(),
    ...over,
  };
  await tablet.db.item.put(row);
  return row;
}

export async function putLoan(
  tablet: SeededTablet,
  staffId: string,
  over: Partial<ItemMovement> & Pick<ItemMovement, 'itemId'>,
): Promise<ItemMovement> {
  const now = Date.now();
  const row = {
    id: newId(),
    siteId: tablet.siteId,
    kind: 'lend' as const,
    quantity: 1,
    party: 'ACME Lifts',
    partyKind: 'contractor' as const,
    fromParty: '',
    contact: '9123 4567',
    reason: 'Lift repair',
    checkedHow: '',
    dueAt: now + 3_600_000,
    closesId: null,
    occurredAt: now - 3_600_000,
    staffId,
    dutyId: null,
    recordedAt: now - 3_600_000,
    deviceTime: now - 3_600_000,
    ...pulled(),
    ...over,
  };
  await tablet.db.itemMovement.put(row);
  return row;
}

/**
 * The previous handover's signed record (another handover of the building), holding `lines` as
 * its closing count: the hints of the next count come from it.
 */
export async function putClosingRecord(
  f: CountFixture,
  lines: { item: Item; state: CountState; quantity: number; explanation: string }[],
): Promise<void> {
  const signedAt = Date.now() - 8 * 3_600_000;
  const record: HandoverRecord = {
    id: newId(),
    siteId: f.tablet.siteId,
    updatedAt: pulled().updatedAt,
    deleted: false,
    kind: 'handover' as const,
    handoverId: newId(),
    correctsId: null,
    outgoingDutyId: newId(),
    outgoingStaffId: newId(),
    incomingStaffId: f.staffId,
    newDutyId: newId(),
    scheduledAt: signedAt,
    openedAt: signedAt - 900_000,
    joinedAt: signedAt - 600_000,
    signedAt,
    syncCursor: 0,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: 'Nothing abnormal',
    synthesis: '',
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: null,
    substituteStaffId: null,
    substituteApproval: null,
    count: lines.map(({ item, state, quantity, explanation }) => ({
      itemId: item.id,
      code: item.code,
      label: item.label,
      category: item.category,
      expected: item.expectedQuantity,
      state,
      quantity,
      lent: 0,
      borrowers: [],
      explanation,
      photoSha256s: [],
    })),
    duty: { id: newId(), staffId: newId(), startedAt: signedAt - 9 * 3_600_000, endedAt: signedAt, entries: [] },
    carried: { taskIds: [], acknowledged: [], majorEntryIds: [], overdueLoanIds: [], openLoanIds: [], custodyIds: [] },
    blockersSeen: [],
    signatures: [],
    note: '',
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
  await f.tablet.db.handoverRecord.put({ ...record, _versions: {} });
}

export interface CountFixture {
  tablet: SeededTablet;
  staffId: string;
  handoverId: string;
}

/**
 * An enrolled tablet, Chan Tai Man on duty, and his closing of the desk opened for the count: he
 * counts alone (H8: at a handover the incoming person would count, once joined).
 */
export async function countFixture(): Promise<CountFixture> {
  const tablet = await seedTablet();
  const staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  const ctx = await makeWriteContext(tablet.db, staffId);
  const duty = await startDuty(tablet.db, ctx, { shiftId: 'day' });
  const handover = await openHandover(tablet.db, ctx, { outgoingDutyId: duty.id, scheduledAt: null, kind: 'closing' });
  return { tablet, staffId, handoverId: handover.id };
}
