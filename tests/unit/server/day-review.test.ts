import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashRecord } from '../../../src/domain/chain';
import { countRows, makeTestServer, T0, type TestServer, storedRow } from './helpers';
import { reviewWorld, signedReview, type ReviewFields, type ReviewWorld } from './review-fixtures';
import { as, pushOps } from './tablet-fixtures';

let t: TestServer;
let w: ReviewWorld;

beforeEach(async () => {
  t = await makeTestServer();
  w = await reviewWorld(t);
});
afterEach(() => t.dispose());

const put = (r: ReviewFields) => w.tablet.ops.op('dayReview', 'put', r.id, r);

async function signDay(over: Partial<ReviewFields> = {}): Promise<ReviewFields> {
  const review = await signedReview(w, t.clock.now, over);
  const [result] = await pushOps(t, w.tablet, [put(review)]);
  expect(result).toMatchObject({ status: 'applied' });
  return review;
}

describe('O1: the signed day review on the server', () => {
  it('a review of a day that is over is stored exactly as signed and joins the chain', async () => {
    const review = await signDay();
    expect((await storedRow(t.store, 'dayReview', review.id))?.row).toMatchObject({ ...review, deleted: false });
    expect(await t.store.getChainRecordId(w.a.siteId, review.hash)).toBe(review.id);
  });

  it('a review of a day not over yet in the building zone is refused day_not_over (409), by the server clock', async () => {
    // T0 is 10:00 on 2026-01-15 in Hong Kong: that day is still going on.
    const review = await signedReview(w, T0, { day: '2026-01-15' });
    const [result] = await pushOps(t, w.tablet, [put(review)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'day_not_over', httpStatus: 409 });
    expect(await countRows(t.store, 'dayReview')).toBe(0);
    expect(await t.store.getChainRecordId(w.a.siteId, review.hash)).toBeUndefined();
  });

  it('a second review of the same day that is not an addendum is refused already_reviewed (409)', async () => {
    const first = await signDay();
    const second = await signedReview(w, t.clock.now, { prevHash: first.hash });
    const [result] = await pushOps(t, w.tablet, [put(second)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'already_reviewed', httpStatus: 409 });
    expect(await countRows(t.store, 'dayReview')).toBe(1);
  });

  it('an addendum with its note, chained on the review it corrects, is accepted', async () => {
    const first = await signDay();
    const addendum = await signDay({ correctsId: first.id, prevHash: first.hash, note: '補充：晚班點算差異已查明' });
    expect(await t.store.getChainRecordId(w.a.siteId, addendum.hash)).toBe(addendum.id);
    expect(await countRows(t.store, 'dayReview')).toBe(2);
  });

  it('an addendum without a note is refused validation_failed naming the note', async () => {
    const first = await signDay();
    const addendum = await signedReview(w, t.clock.now, { correctsId: first.id, prevHash: first.hash, note: ' ' });
    const [result] = await pushOps(t, w.tablet, [put(addendum)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(result?.message).toContain('note');
  });

  it('an addendum naming a review of another day is refused rule_violation', async () => {
    const first = await signDay();
    const addendum = await signedReview(w, t.clock.now, {
      day: '2026-01-13',
      correctsId: first.id,
      prevHash: first.hash,
      note: '更正',
    });
    const [result] = await pushOps(t, w.tablet, [put(addendum)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation' });
  });

  it('a tampered review (content no longer matches its hash) is refused: hash mismatch', async () => {
    const review = await signedReview(w, t.clock.now);
    const [result] = await pushOps(t, w.tablet, [put({ ...review, note: '事後加上的說明' })]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(result?.message).toContain('hash mismatch');
  });

  it('prevHash outside the building chain is refused', async () => {
    const review = await signedReview(w, t.clock.now, { prevHash: 'b'.repeat(64) });
    const [result] = await pushOps(t, w.tablet, [put(review)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(result?.message).toContain('prevHash');
  });

  it('the same review sent again is a duplicate; other content under its id is refused immutable', async () => {
    const review = await signDay();
    const [again] = await pushOps(t, w.tablet, [put(review)]);
    expect(again).toMatchObject({ status: 'applied' });
    expect(await countRows(t.store, 'dayReview')).toBe(1);

    const { hash: _old, ...content } = { ...review, note: '改寫' };
    const altered = { ...content, hash: await hashRecord(content) };
    const [result] = await pushOps(t, w.tablet, [put(altered)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'immutable', httpStatus: 409 });
    expect((await storedRow(t.store, 'dayReview', review.id))?.row['note']).toBe('');
  });

  it('nothing patches a signed review: a patch is refused kind_not_allowed', async () => {
    const review = await signDay();
    const [result] = await pushOps(t, w.tablet, [w.tablet.ops.op('dayReview', 'patch', review.id, { note: 'x' })]);
    expect(result).toMatchObject({ status: 'rejected', code: 'kind_not_allowed' });
  });

  it('a desk person cannot sign a review: forbidden_role (403)', async () => {
    const review = await signedReview(w, t.clock.now, { reviewerId: w.deskId });
    const [result] = await pushOps(t, w.tablet, [as(w.tablet.ops, w.deskId, () => put(review))]);
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden_role', httpStatus: 403 });
    expect(await countRows(t.store, 'dayReview')).toBe(0);
  });

  it('the reviewer is the chief who sends it, and the signature is drawn', async () => {
    const other = await signedReview(w, t.clock.now, { reviewerId: w.deskId });
    const [notActor] = await pushOps(t, w.tablet, [put(other)]);
    expect(notActor).toMatchObject({ status: 'rejected', code: 'rule_violation' });

    const blank = await signedReview(w, t.clock.now, {
      signature: { staffId: w.chiefId, signedAt: t.clock.now, svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    });
    const [notDrawn] = await pushOps(t, w.tablet, [put(blank)]);
    expect(notDrawn).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(notDrawn?.message).toContain('signature');
  });
});
