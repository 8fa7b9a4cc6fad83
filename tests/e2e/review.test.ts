/**
 * Issue 8's end-to-end proof 2 (O1) in headless Chromium against the real server on the demo
 * building: two tablets (API clients) edit the same field of the same entry from the same version,
 * so the second edit loses and the server keeps a sync conflict for the section chief; the chief,
 * on the browser tablet, resolves it by keeping the losing value (an op of its own, written onto
 * the entry by the server), then signs the previous building day's review with PIN and
 * handwriting; the review is shown locked, the server holds it in the building's chain (a second
 * review of the day chained on it is refused `already_reviewed`, not for its prevHash).
 */
import { describe, expect, it } from 'vitest';
import { dayKeyOf, shiftDayKey } from '../../src/domain/building-day';
import { hashRecord } from '../../src/domain/chain';
import type { LogEntry, Staff } from '../../src/domain/entities';
import { signOp } from '../../src/domain/actor-proof';
import { formatHlc, tickHlc, zeroHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import type { DayReview } from '../../src/domain/review-entities';
import { SCHEMA_VERSION, type Op, type PushResponse } from '../../src/domain/sync-protocol';
import { DEMO_STAFF } from '../../scripts/demo-data';
import { staffProofKey } from '../support/staff-keys';
import { API_TIME_ZONE } from './api';
import { enrolTablet, goInApp, shown, signIn, STEP_TIMEOUT_MS } from './app-steps';
import { firstPage } from './harness';
import {
  drawSignature,
  enrolApiTablet,
  pullEverything,
  readRows,
  rowsOf,
  startDemoE2e,
  TapCounter,
  versionsOf,
  type DemoEnv,
} from './handover-steps';

const CHIEF = { name: '陳國華', pin: '777777' };
const WINNING = '工程部明早到場更換';
const LOSING = '已即時更換水龍頭墊圈';

/** Pushes `ops` from an API tablet (counters from 1) and answers the per-op results. */
async function push(
  url: string,
  tablet: { deviceId: string; token: string },
  ops: Omit<Op, 'deviceId' | 'counter' | 'hlc' | 'deviceTime'>[],
  /** The actor's proof key (issue 9 §3). */
  proofKey: Uint8Array,
): Promise<PushResponse['results']> {
  const now = Date.now();
  const full = ops.map((op, i) => {
    const unsigned = {
      ...op,
      deviceId: tablet.deviceId,
      counter: i + 1,
      hlc: formatHlc(tickHlc(zeroHlc(tablet.deviceId), now + i)),
      deviceTime: now,
    };
    return { ...unsigned, proof: signOp(proofKey, unsigned) };
  });
  const res = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tablet.token}` },
    body: JSON.stringify({ deviceId: tablet.deviceId, schemaVersion: SCHEMA_VERSION, ops: full }),
  });
  if (!res.ok) throw new Error(`push -> ${res.status} ${await res.text()}`);
  return ((await res.json()) as PushResponse).results;
}

describe('the chief resolves a sync conflict and signs the day (issue 8 proof 2, O1)', () => {
  it('resolves the conflict, signs the previous day with PIN and handwriting, and the review is locked and chained', async () => {
    const env: DemoEnv = await startDemoE2e();
    try {
      const { server, codes, browser } = env;
      const today = dayKeyOf(Date.now(), API_TIME_ZONE);
      const yesterday = shiftDayKey(today, -1);

      // Two tablets edit the result of one of yesterday's entries from the same version.
      const a = await enrolApiTablet(server.url, codes[1], 'Back office');
      const b = await enrolApiTablet(server.url, codes[2], 'Lobby spare');
      const before = await pullEverything(server.url, a.token);
      const staff = rowsOf<Staff>(before.changes, 'staff');
      const desk = new Set(staff.filter((s) => s.role === 'desk').map((s) => s.id));
      const entry = rowsOf<LogEntry>(before.changes, 'logEntry').find(
        (e) => desk.has(e.staffId) && dayKeyOf(e.occurredAt, API_TIME_ZONE) === yesterday,
      );
      if (!entry) throw new Error(`the demo has no desk entry on ${yesterday}`);
      const base = { result: versionsOf(before.changes, 'logEntry', entry.id)['result'] ?? 1 };
      const edit = (result: string) => ({
        table: 'logEntry' as const,
        rowId: entry.id,
        kind: 'patch' as const,
        fields: { result },
        baseVersion: base,
        actorStaffId: entry.staffId,
      });
      // The entry's author edits it on both tablets, proven by the key their demo PIN gives.
      const author = staff.find((s) => s.id === entry.staffId);
      const pin = DEMO_STAFF.find((p) => p.name === author?.name)?.pin;
      if (!author || !pin) throw new Error('the entry names no demo person');
      const key = await staffProofKey(server.url, a, author.id, pin);
      expect((await push(server.url, a, [edit(WINNING)], key))[0]?.status).toBe('applied');
      expect((await push(server.url, b, [edit(LOSING)], key))[0]?.status).toBe('conflict');

      // The chief's browser tablet pulls the building, conflict included.
      const page = await firstPage(browser.context);
      await page.goto(server.url);
      await enrolTablet(page, codes[0], 'Chief office');
      await signIn(page, CHIEF.name, CHIEF.pin);
      await expect
        .poll(async () => (await readRows(page, 'conflict')).length, { timeout: 60_000 })
        .toBeGreaterThanOrEqual(1);

      // O1: the chief keeps the value that lost; the server writes it onto the entry.
      await goInApp(page, `/review/${today}`);
      const conflicts = await shown(page.getByRole('region', { name: 'Sync conflicts' }));
      const item = conflicts.getByRole('listitem').filter({ hasText: LOSING });
      await item.getByRole('button', { name: 'Keep that' }).click();
      await shown(item.getByText(`Resolved: kept “${LOSING}”`));
      await expect
        .poll(
          async () =>
            rowsOf<LogEntry>((await pullEverything(server.url, a.token)).changes, 'logEntry').find(
              (e) => e.id === entry.id,
            )?.result,
          { timeout: 60_000 },
        )
        .toBe(LOSING);

      // O1: yesterday is signed with the chief's handwriting and PIN.
      await goInApp(page, `/review/${yesterday}`);
      const sign = await shown(page.getByRole('region', { name: 'Sign the day' }));
      await sign.getByRole('textbox', { name: 'Remarks' }).fill('已檢查當日記錄');
      const pad = sign.getByRole('img', { name: `Signature of ${CHIEF.name}` });
      await drawSignature(page, pad, new TapCounter());
      await shown(sign.getByText('Signed. Clear to sign again.'));
      for (const digit of CHIEF.pin) await sign.getByRole('button', { name: digit, exact: true }).click();
      await sign.getByRole('button', { name: 'Sign the day' }).click();
      const signed = await shown(page.getByRole('region', { name: 'Signed review' }));
      await shown(signed.getByText('Signed and locked'));
      expect(await page.getByRole('region', { name: 'Sign the day' }).count()).toBe(0);
      await shown(page.getByRole('button', { name: 'Add a correction' }));

      // The server holds the review as signed.
      let review: DayReview | undefined;
      await expect
        .poll(
          async () => {
            const rows = rowsOf<DayReview>((await pullEverything(server.url, a.token)).changes, 'dayReview');
            review = rows.find((r) => r.day === yesterday);
            return review?.reviewerId;
          },
          { timeout: STEP_TIMEOUT_MS * 2 },
        )
        .toBe(staff.find((s) => s.name === CHIEF.name)?.id);
      const first = review as DayReview;
      // The tablet holds the same signed review (the demo's history holds many others, of older days).
      const local = (await readRows<DayReview>(page, 'dayReview')).find((r) => r.id === first.id);
      expect(local?.hash).toBe(first.hash);

      // A second signing of that day, chained on the first (so its prevHash is in the chain), is refused.
      const chiefApi = await enrolApiTablet(server.url, codes[3], 'Chief spare');
      const { updatedAt: _u, deleted: _d, ...content } = first;
      const again = { ...content, id: newId(), prevHash: first.hash, note: '再簽一次' };
      const { hash: _h, ...unhashed } = again;
      const second = { ...unhashed, hash: await hashRecord(unhashed) };
      const [refused] = await push(
        server.url,
        chiefApi,
        [
          {
            table: 'dayReview',
            rowId: second.id,
            kind: 'put',
            fields: second,
            baseVersion: {},
            actorStaffId: first.reviewerId,
          },
        ],
        await staffProofKey(server.url, a, first.reviewerId, CHIEF.pin),
      );
      expect(refused).toMatchObject({ status: 'rejected', code: 'already_reviewed', httpStatus: 409 });
    } finally {
      await env.stop();
    }
  }, 300_000);
});
