/**
 * The handover end to end in headless Chromium on the demo building 海港中心, offline from the
 * preparation to the signatures (issues 3 and 7). The demo is seeded as of an hour before a change
 * of shift already past, so 李嘉欣 is still on duty and 張偉明 arrives late: he joins with his PIN
 * and his lateness is measured from the join (H1); he counts the 40 items himself, the outgoing
 * person explaining the missing radio (H8); an open emergency blocks until it is resolved, with no
 * override (H11a); both sign (H3). Back online, the server holds the record and the count lines
 * as 張偉明's. A second tablet cannot start a duty while his is open (H3, S1), and signing in
 * there as 張偉明 continues the same duty. With no shift left to follow, he closes the desk: the
 * only other way a duty ends (there is no "End duty"). Every tap of the handover is counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashRecord, verifyChain } from '../../src/domain/chain';
import type { Duty, LogEntry, Staff } from '../../src/domain/entities';
import type { CountLine, Handover, HandoverRecord } from '../../src/domain/handover-entities';
import type { RotaShift } from '../../src/domain/rota-entities';
import { DEMO_STAFF } from '../../scripts/demo-data';
import { staffProofKey } from '../support/staff-keys';
import { enrolTablet, readDevice, shown, signIn, statusBar, STEP_TIMEOUT_MS } from './app-steps';
import { firstPage, launchBrowser, stopAll, waitForServiceWorkerControl, type Browser } from './harness';
import {
  drawSignature,
  editFromAnotherTablet,
  enrolApiTablet,
  gradientPng,
  lastChangeBefore,
  lineIdsOf,
  pullEverything,
  readMeta,
  readRows,
  removeRotaShifts,
  rowsOf,
  startDemoE2e,
  TapCounter,
  versionsOf,
  type DemoEnv,
} from './handover-steps';

const OUTGOING = { name: '李嘉欣', pin: '1111' };
const INCOMING = { name: '張偉明', pin: '2222' };
const COLLEAGUE = { name: '何翠儀', pin: '3333' };
const CHIEF = '陳國華';
const MISSING_RADIO = { code: 'R-03', label: '對講機 3 號' };
const EXPLANATION = 'Not in the charging rack; the night patrol had it last, security is checking';
/** The count's eight category groups, each with its "All present" (H8). */
const GROUPS = [
  'Two-way radios',
  'Keys',
  'Show-flat keys',
  'Duty record books',
  'Office equipment',
  'Communication equipment',
  'Documents',
  'Property in custody',
];
const EMERGENCY = { cause: 'Smoke alarm in the 7/F lift lobby', process: 'Called 999 and sent the guard up' };
const SYNTHESIS = 'R-03 missing, K-03 overdue with the cleaners';
/** Issue 7: the handover's taps stay at or below today's figures. */
const COUNT_TARGET_TAPS = 12;
const WHOLE_TARGET_TAPS = 55;
const MINUTE = 60_000;
/** H1: the incoming person is due this long before the change (the demo's incomingLeadMinutes). */
const INCOMING_LEAD_MS = 5 * MINUTE;

describe('the handover end to end, offline from preparation to signatures (issues 3 and 7)', () => {
  let env: DemoEnv | undefined;
  let second: Browser | undefined;
  const taps = new TapCounter();
  /** The change of shift the demo is seeded before: already past when the test runs. */
  const changeAt = lastChangeBefore(Date.now(), 10 * MINUTE);
  const state: { handoverId?: string | undefined; record?: HandoverRecord; lines?: string[] } = {};

  beforeAll(async () => {
    env = await startDemoE2e(changeAt - 60 * MINUTE);
  });
  afterAll(async () => {
    await stopAll(second);
    await env?.stop();
  });
  const started = () => {
    if (!env) throw new Error('the end-to-end environment did not start');
    return env;
  };
  const page = async () => firstPage(started().browser.context);
  const nav = async (name: string) =>
    (await page()).getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
  const next = async (step: string) => (await page()).getByRole('button', { name: `Next: ${step}` });
  const staffIds = async () => {
    const staff = await readRows<Staff>(await page(), 'staff');
    return (name: string) => staff.find((s) => s.name === name)?.id ?? '';
  };

  it('0. enrols the tablet, pulls the demo building, goes offline and reloads from the service worker', async () => {
    const { server, codes, browser } = started();
    const p = await page();
    await p.goto(server.url);
    await enrolTablet(p, codes[0], 'Lobby desk');
    const device = await readDevice(p);
    const { cursor } = await pullEverything(server.url, device.token);
    await expect
      .poll(async () => Number(await readMeta(p, 'cursor')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(cursor);
    expect((await readRows(p, 'item')).length).toBe(40);

    await waitForServiceWorkerControl(p);
    await browser.context.setOffline(true);
    const reload = await p.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await shown(statusBar(p).getByText('Offline', { exact: true }));
  });

  it('1. H1: the outgoing person prepares; the late incoming person joins with his PIN; lateness is measured from the join', async () => {
    const p = await page();
    await signIn(p, OUTGOING.name, OUTGOING.pin);
    taps.begin('whole');
    await taps.tap(await nav('Handover'));
    await taps.tap(p.getByRole('button', { name: /^(Start the handover|Start early)$/ }));
    // H1: the preparation started after it was due (15 minutes before the end of the shift).
    await shown(p.getByText(/^Preparation started at .+, \d+ min after it was due \(.+\)\.$/));
    for (const check of [
      "This shift's duty record reviewed and complete",
      'Office equipment checked',
      'Pending work and instructions reviewed',
    ])
      await taps.tap(p.getByRole('checkbox', { name: check }));
    await taps.tap(await next('Incoming person'));

    // The one rostered for the next shift is chosen already; he joins with his own PIN.
    await shown(p.getByRole('radio', { name: new RegExp(`^${INCOMING.name}, rostered`), checked: true }));
    const keypad = p.getByRole('group', { name: `PIN of ${INCOMING.name}` });
    for (const digit of INCOMING.pin) await taps.tap(keypad.getByRole('button', { name: digit, exact: true }));
    await taps.tap(keypad.getByRole('button', { name: 'Join the handover' }));
    const joinedText = await shown(
      p.getByText(new RegExp(`^${INCOMING.name} joined at .+, (\\d+) min late \\(expected at the desk by .+\\)\\.$`)),
    );
    const handover = (await readRows<Handover>(p, 'handover')).find((h) => h.status === 'preparing');
    if (!handover?.joinedAt) throw new Error('the join was not recorded');
    const id = await staffIds();
    expect(handover).toMatchObject({ kind: 'handover', incomingStaffId: id(INCOMING.name), scheduledAt: changeAt });
    // H1: late by the time from when he was due (5 minutes before the change) to his join.
    const shownLate = Number((await joinedText.first().textContent())?.match(/, (\d+) min late/)?.[1]);
    expect(shownLate).toBe(Math.round((handover.joinedAt - (changeAt - INCOMING_LEAD_MS)) / MINUTE));
    state.handoverId = handover.id;

    await taps.tap(
      p
        .getByRole('group', { name: `Is ${INCOMING.name} fit to take over?` })
        .getByRole('radio', { name: 'Fit', exact: true }),
    );
    await taps.tap(await next('Count'));
  });

  it('2. H8: the incoming person counts the 40 items; the outgoing person explains the missing radio', async () => {
    const p = await page();
    taps.begin('count');
    const count = p.getByRole('region', { name: 'Item count' });
    // The row's secondary control; the dialog starts on "Missing", so reporting it costs no extra tap.
    await taps.tap(count.getByRole('button', { name: `Missing / damaged: ${MISSING_RADIO.label}` }));
    const dialog = p.getByRole('dialog', { name: `Missing / damaged: ${MISSING_RADIO.label}` });
    expect(await dialog.getByRole('radio', { name: 'Missing' }).isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Explanation' }).fill(EXPLANATION);
    const chooser = p.waitForEvent('filechooser', { timeout: STEP_TIMEOUT_MS });
    // The 48 px "Add a photo" button is the <label> of a native file input, which has no ARIA role.
    await taps.tap(dialog.getByText('Add a photo', { exact: true }));
    await (await chooser).setFiles({ name: 'r03.png', mimeType: 'image/png', buffer: gradientPng(320, 240) });
    taps.add(1); // the camera's shutter, outside the page
    await shown(dialog.getByText('Photo added.'));
    await taps.tap(dialog.getByRole('button', { name: 'Save' }));
    const radio = count.getByRole('listitem', { name: MISSING_RADIO.label });
    await shown(radio.getByText(`Explanation: ${EXPLANATION}`));
    for (const group of GROUPS) await taps.tap(count.getByRole('button', { name: `All present: ${group}` }));
    await shown(p.getByText('All 40 items counted, 1 with a discrepancy.'));
    taps.end('count');

    const id = await staffIds();
    const lines = (await readRows<CountLine>(p, 'countLine')).filter((l) => l.handoverId === state.handoverId);
    expect(lines).toHaveLength(39); // every item but the lent K-03, each tapped once
    // H8: every tap is the incoming person's; the explanation is the outgoing person's.
    expect(new Set(lines.map((l) => l.staffId))).toEqual(new Set([id(INCOMING.name)]));
    const items = await readRows<{ id: string; code: string }>(p, 'item');
    const missing = lines.find((l) => l.itemId === items.find((i) => i.code === MISSING_RADIO.code)?.id);
    expect(missing).toMatchObject({ state: 'missing', explanation: EXPLANATION, explainedBy: id(OUTGOING.name) });
    const outbox = await readRows<{ table: string; actorStaffId: string }>(p, 'outbox');
    expect(new Set(outbox.filter((o) => o.table === 'countLine').map((o) => o.actorStaffId))).toEqual(
      new Set([id(INCOMING.name)]),
    );

    // H7, H9, H10: the carry-over; the incoming person acknowledges each instruction and restates.
    await taps.tap(await next('Carry-over'));
    await taps.tap(p.getByRole('button', { name: 'Nothing abnormal' }));
    await shown(p.getByText('Answer recorded.'));
    const acknowledge = p.getByRole('button', { name: /^Acknowledge: / });
    await shown(acknowledge);
    for (let left = await acknowledge.count(); left > 0; left--) {
      await taps.tap(acknowledge.first());
      await expect.poll(() => acknowledge.count(), { timeout: STEP_TIMEOUT_MS }).toBe(left - 1);
    }
    await p.getByRole('textbox', { name: 'In one line: what I take over' }).fill(SYNTHESIS);
  });

  it('3. H11(a): an open emergency blocks the handover, with no override, until it is resolved in the duty record', async () => {
    const p = await page();
    taps.begin('detour');
    await taps.tap(await nav('Duty record'));
    const form = p.getByRole('form', { name: 'New entry' });
    await taps.tap(form.getByRole('group', { name: 'Kind' }).getByRole('radio', { name: 'Emergency' }));
    await form.getByRole('textbox', { name: 'Cause' }).fill(EMERGENCY.cause);
    await form.getByRole('textbox', { name: 'What was done' }).fill(EMERGENCY.process);
    await form.getByRole('textbox', { name: 'Location' }).fill('7/F lift lobby');
    await taps.tap(form.getByRole('button', { name: 'Save entry' }));
    await shown(form.getByRole('status').getByText('Entry saved.'));

    // Back on the handover, the first step not done is the check: the emergency blocks it.
    await taps.tap(await nav('Handover'));
    const blockers = p.getByRole('list', { name: 'The handover is not allowed yet:' });
    await shown(blockers.getByText(`An emergency is not dealt with yet: ${EMERGENCY.cause}`));
    await shown(blockers.getByText('Deal with it and resolve it: an emergency in progress cannot be referred.'));
    expect(await blockers.getByRole('listitem').count()).toBe(1);
    expect(await p.getByRole('button', { name: /override/i }).count()).toBe(0);
    await taps.tap(blockers.getByRole('button', { name: `Open in duty record: ${EMERGENCY.cause}` }));
    const detail = p.getByRole('dialog', { name: /^Emergency, / });
    await detail.getByRole('textbox', { name: 'Amendment' }).fill('Fire services checked: burnt toast in 7A pantry');
    await detail.getByRole('textbox', { name: 'Result' }).fill('False alarm; the fire services reset the alarm');
    await taps.tap(detail.getByRole('button', { name: 'Mark resolved' }));
    await shown(detail.getByRole('button', { name: 'Reopen' }));
    await taps.tap(detail.getByRole('button', { name: 'Close' }));
    await taps.tap(await nav('Handover'));
    // Nothing blocks any more: the screen opens on the signatures.
    await shown(p.getByRole('tab', { name: /^Signatures/, selected: true }));
    taps.end('detour');
  });

  it('4. H3: both sign with PIN and handwriting; the record is locked, and the duty ends only this way', async () => {
    const p = await page();
    taps.begin('sign');
    for (const [role, person, submit] of [
      ['Outgoing', OUTGOING, 'Sign as outgoing'],
      ['Incoming', INCOMING, 'Sign and take over'],
    ] as const) {
      const block = p.getByRole('region', { name: `${role}: ${person.name}` });
      await drawSignature(p, block.getByRole('img', { name: `Signature of ${person.name}` }), taps);
      await shown(block.getByText('Signed. Clear to sign again.'));
      const keypad = block.getByRole('group', { name: `PIN of ${person.name}` });
      for (const digit of person.pin) await taps.tap(keypad.getByRole('button', { name: digit, exact: true }));
      await taps.tap(keypad.getByRole('button', { name: submit }));
    }
    await shown(p.getByText(`Signed in: ${INCOMING.name}`));
    taps.end('sign');
    taps.end('whole');
    console.log(
      `handover taps: count ${taps.of('count')}, whole handover ${taps.of('whole')} ` +
        `(of which the emergency detour ${taps.of('detour')}, the two signatures ${taps.of('sign')})`,
    );
    expect(taps.of('count')).toBeLessThanOrEqual(COUNT_TARGET_TAPS);
    expect(taps.of('whole')).toBeLessThanOrEqual(WHOLE_TARGET_TAPS);

    const record = p.getByRole('region', { name: 'Signed handover' });
    await shown(record.getByText('Locked', { exact: true }));
    await shown(record.getByText(`${OUTGOING.name} handed over to ${INCOMING.name}.`));
    await shown(record.getByText('40 items, 1 missing or damaged'));
    expect(await p.getByRole('button', { name: /^(All present|Present|Missing \/ damaged): / }).count()).toBe(0);

    const id = await staffIds();
    const records = (await readRows<HandoverRecord & { _versions?: unknown }>(p, 'handoverRecord')).map(
      ({ _versions, ...r }) => r,
    );
    const signed = records.find((r) => r.handoverId === state.handoverId);
    if (!signed) throw new Error('no signed record on the tablet');
    const handover = (await readRows<Handover>(p, 'handover')).find((h) => h.id === state.handoverId);
    expect(signed).toMatchObject({
      kind: 'handover',
      incomingStaffId: id(INCOMING.name),
      joinedAt: handover?.joinedAt,
      fitness: 'fit',
      fitnessAttestedBy: id(OUTGOING.name),
      substituteApproval: null,
      anomalyAnswer: 'Nothing abnormal.',
      synthesis: SYNTHESIS,
    });
    expect(signed).not.toHaveProperty('override');
    expect(signed.syncCursor).toBeGreaterThan(0);
    expect(signed.carried.acknowledged).toHaveLength(2);
    // H5: the emergency of the shift is carried, handled as it is; H9: it is in the shift's record.
    const emergency = (await readRows<LogEntry>(p, 'logEntry')).find((e) => e.cause === EMERGENCY.cause);
    expect(emergency).toMatchObject({ status: 'resolved' });
    expect(signed.carried.majorEntryIds).toContain(emergency?.id);
    expect(signed.duty?.entries.map((e) => e.id)).toContain(emergency?.id);
    // The chain head before it: the newest of the demo's signed records (its openings and handovers).
    const before = records.filter((r) => r.id !== signed.id).sort((a, b) => b.signedAt - a.signedAt);
    expect(signed.prevHash).toBe(before[0]?.hash);
    expect(await hashRecord(signed)).toBe(signed.hash);
    // Issue 8: the chief's day reviews are links of the same chain (D5, O1).
    const reviews = (await readRows<HandoverRecord & { _versions?: unknown }>(p, 'dayReview')).map(
      ({ _versions, ...r }) => r,
    );
    expect(await verifyChain([...records, ...reviews])).toEqual({ ok: true, problems: [] });
    // One duty at a time: the outgoing duty ended with the signing (no op of its own), his began.
    const open = (await readRows<Duty>(p, 'duty')).filter((d) => d.endedAt === null && !d.deleted);
    expect(open).toMatchObject([{ staffId: id(INCOMING.name), handoverId: signed.id, startedAt: signed.signedAt }]);
    const outbox = await readRows<{ table: string; kind: string; rowId: string }>(p, 'outbox');
    expect(outbox.filter((o) => o.table === 'duty' && o.kind === 'patch')).toEqual([]);
    state.record = signed;
    state.lines = lineIdsOf(await readRows<CountLine>(p, 'countLine'), signed.handoverId);

    // H3: there is no "End duty": the duty record sends the person on duty to the handover.
    await (await nav('Duty record')).click();
    await shown(p.getByRole('button', { name: 'Hand over or close the desk' }));
    expect(await p.getByRole('button', { name: /^(End|Start) duty/ }).count()).toBe(0);
    // The outgoing person, signing in again, finds 張偉明 on duty and nothing to start.
    await p.getByRole('button', { name: 'Sign out' }).click();
    await signIn(p, OUTGOING.name, OUTGOING.pin);
    await shown(p.getByRole('heading', { name: `${INCOMING.name} is on duty` }));
    expect(await p.getByRole('form', { name: 'New entry' }).count()).toBe(0);
  });

  it('5. back online: the server holds the record, the count as the incoming person’s, one open duty; an edit gets 409', async () => {
    const { server, browser, codes } = started();
    const p = await page();
    await shown(statusBar(p).getByText(/^\d+ changes not yet on the server$/));
    await browser.context.setOffline(false);
    await shown(statusBar(p).getByText('All changes are on the server'));
    const device = await readDevice(p);
    const { token } = device;
    const signed = state.record;
    if (!signed) throw new Error('step 4 did not sign');
    const id = await staffIds();

    const { changes } = await pullEverything(server.url, token);
    const records = rowsOf<HandoverRecord>(changes, 'handoverRecord');
    const onServer = records.find((r) => r.id === signed.id);
    expect(onServer?.hash).toBe(signed.hash);
    if (onServer) expect(await hashRecord(onServer)).toBe(signed.hash);
    // Issue 8: the chief's day reviews are links of the same chain (D5, O1).
    expect(await verifyChain([...records, ...rowsOf<HandoverRecord>(changes, 'dayReview')])).toEqual({
      ok: true,
      problems: [],
    });
    // H8 over the API: the count lines are the incoming person's, the explanation the outgoing one's.
    const lines = rowsOf<CountLine>(changes, 'countLine').filter((l) => l.handoverId === signed.handoverId);
    expect(lineIdsOf(lines, signed.handoverId)).toEqual(state.lines);
    expect(new Set(lines.map((l) => l.staffId))).toEqual(new Set([id(INCOMING.name)]));
    expect(lines.filter((l) => l.explanation !== '').map((l) => l.explainedBy)).toEqual([id(OUTGOING.name)]);
    expect(rowsOf<Handover>(changes, 'handover').find((h) => h.id === signed.handoverId)?.joinedAt).toBe(
      signed.joinedAt,
    );
    // H3: another tablet of the building tries to change the signed handover and its count.
    const anomalyVersion = versionsOf(changes, 'handover', signed.handoverId)['anomalyAnswer'] ?? 0;
    const outgoingKey = await staffProofKey(server.url, device, id(OUTGOING.name), OUTGOING.pin);
    const pushed = await editFromAnotherTablet(server.url, codes[1], signed, anomalyVersion, outgoingKey);
    expect(pushed.results).toMatchObject([
      { counter: 1, status: 'rejected', code: 'locked', httpStatus: 409 },
      { counter: 2, status: 'rejected', code: 'locked', httpStatus: 409 },
    ]);
    // H3: the server ended the outgoing duty when it applied the record: one open duty.
    const open = rowsOf<Duty>(changes, 'duty').filter((d) => d.endedAt === null && !d.deleted);
    expect(open.map((d) => d.id)).toEqual([signed.newDutyId]);
  });

  it('6. H3, S1: a second tablet cannot start a duty while his is open; signing in there as him continues the same duty', async () => {
    const { server, codes } = started();
    second = await launchBrowser();
    const p2 = await firstPage(second.context);
    await p2.goto(server.url);
    await enrolTablet(p2, codes[2], 'Back office');
    const { token } = await readDevice(p2);
    const { cursor } = await pullEverything(server.url, token);
    await expect
      .poll(async () => Number(await readMeta(p2, 'cursor')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(cursor);

    await signIn(p2, COLLEAGUE.name, COLLEAGUE.pin);
    const nav2 = p2.getByRole('navigation', { name: 'Sections' });
    await shown(p2.getByRole('heading', { name: `${INCOMING.name} is on duty` }));
    expect(await p2.getByRole('form', { name: 'New entry' }).count()).toBe(0);
    await nav2.getByRole('link', { name: 'Handover' }).click();
    await shown(p2.getByRole('heading', { name: `${INCOMING.name} is on duty` }));
    await shown(p2.getByText(new RegExp(`^${INCOMING.name} has not started the handover yet\\.`)));
    expect(await p2.getByRole('button', { name: /^(Open the desk|Start duty|Start the handover)$/ }).count()).toBe(0);

    // A duty belongs to its person: on this tablet too, 張偉明 is on the duty he took over.
    await p2.getByRole('button', { name: 'Sign out' }).click();
    await signIn(p2, INCOMING.name, INCOMING.pin);
    await nav2.getByRole('link', { name: 'Duty record' }).click();
    await shown(p2.getByRole('form', { name: 'New entry' }));
    const mine = (await readRows<Duty>(p2, 'duty')).filter(
      (d) => d.endedAt === null && d.staffId === state.record?.incomingStaffId,
    );
    expect(mine.map((d) => d.id)).toEqual([state.record?.newDutyId]);
  });

  it('7. H3: with no shift left to follow, he closes the desk: count, check, his signature; no duty stays open', async () => {
    const { server, codes } = started();
    const p = await page();
    const device = await readDevice(p);
    const { token } = device;
    await p.getByRole('button', { name: 'Sign out' }).click();
    await signIn(p, INCOMING.name, INCOMING.pin);
    await (await nav('Handover')).click();
    // A shift follows his: the desk is handed over, not closed.
    await shown(p.getByRole('heading', { name: 'Prepare the handover' }));
    expect(await p.getByRole('button', { name: /^Close (the desk|early)$/ }).count()).toBe(0);

    // The section chief takes the rest of the rota off (S1: the chief arranges it).
    const { changes } = await pullEverything(server.url, token);
    const id = await staffIds();
    const chiefTablet = await enrolApiTablet(server.url, codes[3], 'Chief office');
    const now = Date.now();
    const later = rowsOf<RotaShift>(changes, 'rotaShift').filter((r) => !r.deleted && r.endsAt > now);
    const chiefPin = DEMO_STAFF.find((p) => p.name === CHIEF)?.pin ?? '';
    const pushed = await removeRotaShifts(
      server.url,
      chiefTablet,
      id(CHIEF),
      later.map((r) => r.id),
      await staffProofKey(server.url, device, id(CHIEF), chiefPin),
    );
    expect(pushed.results.map((r) => r.status)).toEqual(later.map(() => 'applied'));
    // The tablet syncs at start (it learns the rota changed). A reload forgets the proof keys
    // (issue 9 §3), so he signs in again, and the tablet opens on the duty record.
    await p.reload();
    await signIn(p, INCOMING.name, INCOMING.pin);
    await (await nav('Handover')).click();
    await shown(p.getByRole('heading', { name: 'Close the desk' }));
    await p.getByRole('button', { name: /^Close (the desk|early)$/ }).click();
    await shown(p.getByRole('heading', { name: 'Closing the desk' }));
    for (const check of [
      "This shift's duty record reviewed and complete",
      'Office equipment checked',
      'Pending work and instructions reviewed',
    ])
      await p.getByRole('checkbox', { name: check }).click();
    await p.getByRole('tab', { name: /^Count/ }).click();
    const count = p.getByRole('region', { name: 'Item count' });
    for (const group of GROUPS) await count.getByRole('button', { name: `All present: ${group}` }).click();
    await shown(p.getByText(/^All 40 items counted/));
    await p.getByRole('tab', { name: /^Check/ }).click();
    await shown(p.getByText('Nothing blocks closing the desk.'));
    await p.getByRole('tab', { name: /^Signatures/ }).click();
    const block = p.getByRole('region', { name: `Closing the desk: ${INCOMING.name}` });
    await drawSignature(p, block.getByRole('img', { name: `Signature of ${INCOMING.name}` }), new TapCounter());
    await shown(block.getByText('Signed. Clear to sign again.'));
    const keypad = block.getByRole('group', { name: `PIN of ${INCOMING.name}` });
    for (const digit of INCOMING.pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
    await keypad.getByRole('button', { name: 'Sign and close the desk' }).click();

    await shown(p.getByRole('heading', { name: 'No one is on duty' }));
    const closed = p.getByRole('region', { name: 'Desk closed' });
    await shown(closed.getByText(`${INCOMING.name} closed the desk.`));
    expect((await readRows<Duty>(p, 'duty')).filter((d) => d.endedAt === null && !d.deleted)).toEqual([]);
    await shown(statusBar(p).getByText('All changes are on the server'));
    const after = (await pullEverything(server.url, token)).changes;
    // The newest closing: the demo's 18 months of history (issue 8) end with a closing of their own.
    const closing = rowsOf<HandoverRecord>(after, 'handoverRecord')
      .filter((r) => r.kind === 'closing')
      .sort((x, y) => y.signedAt - x.signedAt)[0];
    expect(closing).toMatchObject({ outgoingDutyId: state.record?.newDutyId, incomingStaffId: null, newDutyId: null });
    // H3: the server ended his duty when it applied the closing: no duty is open in the building.
    expect(rowsOf<Duty>(after, 'duty').filter((d) => d.endedAt === null && !d.deleted)).toEqual([]);
  });
});
