/**
 * Fixtures for the server tests of the chief's review (O1): a building with a chief and a desk
 * person, a tablet whose ops are the chief's, and a signed day review built and hashed as the
 * tablet builds it (chain.ts).
 */
import type { SetupResponse } from '../../../src/domain/api';
import { GENESIS_HASH, hashRecord } from '../../../src/domain/chain';
import { newId } from '../../../src/domain/ids';
import type { DayReview } from '../../../src/domain/review-entities';
import { OpBuilder, setupViaApi, type TestServer } from './helpers';
import { seedStaff } from './rules-fixtures';
import type { Tablet } from './tablet-fixtures';

export type ReviewFields = Omit<DayReview, 'updatedAt' | 'deleted'>;

export const SIGNATURE_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1 L40 20"/></svg>';

export interface ReviewWorld {
  a: SetupResponse;
  chiefId: string;
  deskId: string;
  /** The building's first tablet; its ops are the chief's unless `as` says otherwise. */
  tablet: Tablet;
}

export async function reviewWorld(t: TestServer): Promise<ReviewWorld> {
  const a = await setupViaApi(t);
  const chiefId = await seedStaff(t, a, 'chief', '陳國華');
  const deskId = await seedStaff(t, a, 'desk', '李嘉欣');
  const ops = new OpBuilder(a.deviceId, a.siteId, chiefId, () => t.clock.now);
  return { a, chiefId, deskId, tablet: { deviceId: a.deviceId, token: a.token, ops } };
}

/** A complete signed review of `day` by the chief, hashed as the tablet hashes it. */
export async function signedReview(
  w: ReviewWorld,
  now: number,
  over: Partial<ReviewFields> = {},
): Promise<ReviewFields> {
  const reviewerId = over.reviewerId ?? w.chiefId;
  const content: Omit<ReviewFields, 'hash'> = {
    id: newId(),
    siteId: w.a.siteId,
    day: '2026-01-14',
    correctsId: null,
    reviewerId,
    signedAt: now,
    syncCursor: 0,
    figures: {
      entries: 0,
      byKind: {},
      complaints: 0,
      repairs: 0,
      emergencies: 0,
      discrepancies: 0,
      handoversOnTime: 0,
      handoversLate: 0,
      openings: 0,
      closings: 0,
      referred: 0,
      open: 0,
      escalations: 0,
    },
    records: [],
    entries: [],
    reviewFlagIds: [],
    syncErrorIds: [],
    conflictIds: [],
    dailyReportIds: [],
    note: '',
    signature: { staffId: reviewerId, signedAt: now, svg: SIGNATURE_SVG },
    prevHash: GENESIS_HASH,
    ...over,
  };
  return { ...content, hash: await hashRecord(content) };
}
