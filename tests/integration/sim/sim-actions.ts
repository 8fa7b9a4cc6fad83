/**
 * The people's actions in the fault simulation, made through the repositories as the screens
 * make them, over every table a tablet writes (WRITE_POLICY; `staff` and `site` at setup and by the
 * admin). A repository's own refusal (a rule checked on the tablet) is counted, not failed: the
 * screen would show it beside the field. What reaches the outbox is what the invariants follow.
 */
import type { Role } from '../../../src/domain/entities';
import { amendLogEntry, createLogEntry, recordOperationEnd } from '../../../src/client/db/repos/log-repo';
import {
  lendItem,
  releaseCustody,
  returnItem,
  saveItem,
  takeIntoCustody,
} from '../../../src/client/db/repos/item-repo';
import {
  acknowledgeInstruction,
  addTaskNote,
  closeTask,
  createTask,
  setTaskImportant,
} from '../../../src/client/db/repos/task-repo';
import { decideSwap, removeRotaShift, requestSwap, saveRotaShift } from '../../../src/client/db/repos/rota-repo';
import {
  acknowledgeEscalation,
  decideEscalation,
  forwardEscalation,
  sendEscalation,
} from '../../../src/client/db/repos/escalation-repo';
import { recordSpotCheck, resolveConflict, signDayReview } from '../../../src/client/db/repos/review-repo';
import { submitDailyReport } from '../../../src/client/db/repos/report-repo';
import { dayKeyOf, shiftDayKey } from '../../../src/domain/building-day';
import type { DayFigures } from '../../../src/domain/review-entities';
import { issueServiceOrder, moveServiceOrder } from '../../../src/client/db/repos/service-order-repo';
import { addPhoto, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { dismissRefusal } from '../../../src/client/db/repos/refusal-repo';
import { updateSiteSettings } from '../../../src/client/db/repos/site-repo';
import { cancelHandover, openHandover } from '../../../src/client/db/repos/handover-repo';
import { recordCountTap } from '../../../src/client/db/repos/count-repo';
import type { HandoverDb } from '../../../src/client/db/schema';
import { ADMIN_PATHS } from '../../../src/domain/api';
import { adminRequest, ctxOf, type Fleet, type Person, type Tablet } from './sim-fleet';

const HOUR = 3_600_000;
const TZ = 'Asia/Hong_Kong';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M2 30 C 20 2, 40 2, 60 30"/></svg>';

export interface Step {
  fleet: Fleet;
  t: Tablet;
  tab: number;
  random: () => number;
  serial: number;
}

function pick<T>(xs: readonly T[], random: () => number): T | undefined {
  return xs.length === 0 ? undefined : xs[Math.floor(random() * xs.length)];
}

const live = async <T extends { deleted: boolean }>(rows: Promise<T[]>) => (await rows).filter((r) => !r.deleted);

async function openDutyId(db: HandoverDb): Promise<string | null> {
  return (await live(db.duty.toArray())).find((d) => d.endedAt === null)?.id ?? null;
}

/** The person at the tablet for this step: a desk person or the chief at a desk, a superior at the office. */
function personFor(s: Step, roles: readonly Role[]): Person {
  const p = s.fleet.people;
  const at = s.t.kind === 'office' ? [p.chief, p.manager, p.admin] : [p.desk1, p.desk2, p.chief];
  return (
    pick(
      at.filter((x) => roles.includes(x.role)),
      s.random,
    ) ?? pick(at, s.random)!
  );
}

type Action = (s: Step, db: HandoverDb) => Promise<unknown>;

const ANY: Role[] = ['desk', 'chief', 'manager', 'admin'];
const SUPERIOR: Role[] = ['chief', 'manager', 'admin'];

/** Each action with its weight. Names are the report's. */
export const ACTIONS: Record<string, { weight: number; run: Action }> = {
  entry: {
    weight: 10,
    async run(s, db) {
      const dutyId = await openDutyId(db);
      if (!dutyId || s.t.kind === 'office') return;
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      const major = s.random() < 0.1;
      return createLogEntry(db, ctx, {
        dutyId,
        fields: {
          kind: major ? 'repair' : pick(['enquiry', 'help', 'complaint'] as const, s.random)!,
          severity: major ? 'major' : 'routine',
          status: s.random() < 0.5 ? 'resolved' : 'open',
          cause: `${s.t.name}: matter ${s.serial}`,
          process: 'Called the engineer on duty',
          result: 'Fixed',
          party: '12F',
          contact: '',
          location: 'Lobby',
          // T1: within the duty, so no backdating reason is asked.
          occurredAt: Math.max(ctx.now() - 60_000, (await db.duty.get(dutyId))?.startedAt ?? 0),
          referredTo: '',
          operationEndedAt: null,
          backdateReason: '',
          channel: null,
          partyType: null,
          unit: '',
          assignedTo: '',
          completedAt: null,
        },
      });
    },
  },
  amend: {
    weight: 6,
    async run(s, db) {
      const entry = pick(await live(db.logEntry.toArray()), s.random);
      if (!entry) return;
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      const statusChange = pick([null, 'open', 'resolved'] as const, s.random)!;
      return amendLogEntry(db, ctx, {
        entryId: entry.id,
        text: `${s.t.name}: follow-up ${s.serial}`,
        statusChange,
        ...(statusChange === 'resolved' ? { result: 'Resolved' } : {}),
      });
    },
  },
  operationEnd: {
    weight: 2,
    async run(s, db) {
      const entry = pick(await live(db.logEntry.toArray()), s.random);
      if (!entry) return;
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      return recordOperationEnd(db, ctx, { entryId: entry.id, endedAt: ctx.now() - 1_000 });
    },
  },
  item: {
    weight: 3,
    async run(s, db) {
      const ctx = await ctxOf(s.t, personFor(s, ['chief', 'admin']), s.tab);
      const existing = s.random() < 0.5 ? pick(await live(db.item.toArray()), s.random) : undefined;
      return saveItem(db, ctx, {
        ...(existing ? { id: existing.id } : {}),
        category: existing?.category ?? 'key',
        label: `Key ${s.serial}`,
        code: existing?.code ?? `K-${s.t.name}-${s.serial}`,
        expectedQuantity: 1 + (s.serial % 3),
        location: 'Key box',
        active: true,
      });
    },
  },
  lend: {
    weight: 3,
    async run(s, db) {
      const item = pick(await live(db.item.toArray()), s.random);
      if (!item || item.category === 'custody') return;
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      return lendItem(db, ctx, {
        itemId: item.id,
        quantity: 1,
        party: 'Contractor Lam',
        partyKind: 'contractor',
        contact: '9123 4567',
        reason: 'Plant room',
        dueAt: ctx.now() + 2 * HOUR,
        dutyId: await openDutyId(db),
      });
    },
  },
  returnLoan: {
    weight: 2,
    async run(s, db) {
      const loan = pick(
        (await live(db.itemMovement.toArray())).filter((m) => m.kind === 'lend'),
        s.random,
      );
      if (!loan) return;
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      return returnItem(db, ctx, { loanId: loan.id, dutyId: await openDutyId(db) });
    },
  },
  custody: {
    weight: 2,
    async run(s, db) {
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      if (s.random() < 0.5) {
        return takeIntoCustody(db, ctx, {
          label: `Umbrella ${s.serial}`,
          quantity: 1,
          party: 'Tenant 12F',
          fromParty: 'Courier',
          contact: '',
          reason: 'Left at the desk',
          location: 'Desk drawer',
          occurredAt: ctx.now() - 1_000,
          dutyId: await openDutyId(db),
        } as Parameters<typeof takeIntoCustody>[2]);
      }
      const held = pick(
        (await live(db.itemMovement.toArray())).filter((m) => m.kind === 'custodyIn'),
        s.random,
      );
      if (!held) return;
      return releaseCustody(db, ctx, {
        custodyInId: held.id,
        party: 'Tenant 12F',
        checkedHow: 'Staff card',
        occurredAt: ctx.now() - 1_000,
        dutyId: await openDutyId(db),
      });
    },
  },
  task: {
    weight: 3,
    async run(s, db) {
      const person = personFor(s, SUPERIOR);
      const ctx = await ctxOf(s.t, person, s.tab);
      const kind = pick(['instruction', 'maintenance', 'followUp'] as const, s.random)!;
      const input = { kind, title: `Task ${s.serial}`, cause: 'Noticed', process: '', important: false, dutyId: null };
      return createTask(db, ctx, input, person.role);
    },
  },
  taskWork: {
    weight: 4,
    async run(s, db) {
      const task = pick(await live(db.task.toArray()), s.random);
      if (!task) return;
      const person = personFor(s, ANY);
      const ctx = await ctxOf(s.t, person, s.tab);
      const r = s.random();
      if (r < 0.4) return addTaskNote(db, ctx, { taskId: task.id, text: `Note ${s.serial}` });
      if (r < 0.6) return acknowledgeInstruction(db, ctx, { taskId: task.id, handoverId: null });
      if (r < 0.8) return setTaskImportant(db, ctx, task.id, !task.important);
      return closeTask(db, ctx, { taskId: task.id, status: 'done', result: 'Done' }, person.role);
    },
  },
  rota: {
    weight: 2,
    async run(s, db) {
      const site = await db.site.get((await ctxOf(s.t, s.fleet.people.chief)).siteId);
      if (!site) return;
      const ctx = await ctxOf(s.t, personFor(s, ['chief', 'admin']), s.tab);
      const shifts = await live(db.rotaShift.toArray());
      const own = shifts.filter((r) => r.staffId === s.fleet.people.desk2.id);
      if (own.length > 0 && s.random() < 0.4) return removeRotaShift(db, ctx, pick(own, s.random)!.id);
      const day = new Date(ctx.now() + (5 + (s.serial % 200)) * 86_400_000).toISOString().slice(0, 10);
      return saveRotaShift(
        db,
        ctx,
        { staffId: s.fleet.people.desk2.id, day, shiftId: 'day', note: `Rota ${s.serial}` },
        site,
      );
    },
  },
  swap: {
    weight: 2,
    async run(s, db) {
      const swaps = await live(db.swapRequest.toArray());
      const open = swaps.filter((w) => w.status === 'requested' || w.status === 'confirmed');
      if (open.length > 0 && s.random() < 0.6) {
        const w = pick(open, s.random)!;
        const person = w.status === 'requested' ? s.fleet.people.desk1 : s.fleet.people.chief;
        const action = w.status === 'requested' ? 'confirm' : pick(['approve', 'reject'] as const, s.random)!;
        return decideSwap(db, await ctxOf(s.t, person, s.tab), { swapId: w.id, action, note: '' }, person.role);
      }
      const shift = pick(
        (await live(db.rotaShift.toArray())).filter((r) => r.staffId === s.fleet.people.desk2.id),
        s.random,
      );
      if (!shift) return;
      const ctx = await ctxOf(s.t, s.fleet.people.desk2, s.tab);
      const input = {
        kind: 'cover' as const,
        rotaShiftId: shift.id,
        substituteId: s.fleet.people.desk1.id,
        otherShiftId: null,
        reason: 'Family',
      };
      return requestSwap(db, ctx, input);
    },
  },
  escalation: {
    weight: 3,
    async run(s, db) {
      const escalations = await live(db.escalation.toArray());
      const boss = s.random() < 0.5 ? s.fleet.people.chief : s.fleet.people.manager;
      const esc = pick(escalations, s.random);
      if (esc && s.random() < 0.6) {
        const ctx = await ctxOf(s.t, boss, s.tab);
        const r = s.random();
        if (r < 0.4) return acknowledgeEscalation(db, ctx, esc.id, boss.role);
        if (r < 0.8)
          return decideEscalation(db, ctx, { escalationId: esc.id, decision: `Decided ${s.serial}` }, boss.role);
        return forwardEscalation(db, ctx, { escalationId: esc.id, reason: 'For the manager' }, boss.role);
      }
      const entry = pick(await live(db.logEntry.toArray()), s.random);
      if (!entry) return;
      const person = personFor(s, ANY);
      const input = { entryId: entry.id, level: 'chief' as const, reason: `Please decide ${s.serial}` };
      return sendEscalation(db, await ctxOf(s.t, person, s.tab), input, person.role);
    },
  },
  spotCheck: {
    weight: 1,
    async run(s, db) {
      const dutyId = await openDutyId(db);
      if (!dutyId) return;
      const ctx = await ctxOf(s.t, s.fleet.people.chief, s.tab);
      return recordSpotCheck(db, ctx, { dutyId, inOrder: s.random() < 0.7, findings: 'Register not signed' });
    },
  },
  serviceOrder: {
    weight: 2,
    async run(s, db) {
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      const orders = await live(db.serviceOrder.toArray());
      const order = pick(
        orders.filter((o) => o.status === 'issued' || o.status === 'done'),
        s.random,
      );
      if (order && s.random() < 0.5) {
        return moveServiceOrder(db, ctx, { orderId: order.id, status: order.status === 'issued' ? 'done' : 'paid' });
      }
      const entry = pick(await live(db.logEntry.toArray()), s.random);
      if (!entry) return;
      return issueServiceOrder(db, ctx, {
        entryId: entry.id,
        number: `SO-${s.t.name}-${s.serial}`,
        service: 'Air-con overtime',
        amount: '120.00',
      });
    },
  },
  dailyReport: {
    weight: 1,
    async run(s, db) {
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      const day = shiftDayKey(dayKeyOf(ctx.now(), TZ), -1 - (s.serial % 30));
      const figures = {
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
      };
      return submitDailyReport(db, ctx, {
        day,
        timeZone: TZ,
        figures: figures as DayFigures,
        remarks: `Report ${s.serial}`,
      });
    },
  },
  dayReview: {
    weight: 1,
    async run(s, db) {
      const ctx = await ctxOf(s.t, s.fleet.people.chief, s.tab);
      const day = shiftDayKey(dayKeyOf(ctx.now(), TZ), -1 - (s.serial % 30));
      return signDayReview(db, ctx, { day, note: 'Reviewed', svg: SVG, correctsId: null });
    },
  },
  photo: {
    weight: 2,
    async run(s, db) {
      const entry = pick(await live(db.logEntry.toArray()), s.random);
      if (!entry) return;
      const ctx = await ctxOf(s.t, personFor(s, ANY), s.tab);
      const data = new Uint8Array([
        0xff,
        0xd8,
        0xff,
        0xe0,
        ...new TextEncoder().encode(`${s.t.name}${s.serial}`),
        0xff,
        0xd9,
      ]);
      const photo = await preparePhoto({ data: data.buffer, mime: 'image/jpeg', width: 640, height: 480 });
      return addPhoto(db, ctx, { ownerTable: 'logEntry', ownerId: entry.id, photo });
    },
  },
  dismissRefusal: {
    weight: 1,
    async run(s, db) {
      const refusal = pick(
        (await live(db.syncError.toArray())).filter((r) => r.dismissedAt === null),
        s.random,
      );
      if (!refusal) return;
      return dismissRefusal(db, await ctxOf(s.t, personFor(s, ANY), s.tab), refusal.id);
    },
  },
  resolveConflict: {
    weight: 1,
    async run(s, db) {
      const conflict = pick(await live(db.conflict.toArray()), s.random);
      if (!conflict) return;
      const ctx = await ctxOf(s.t, s.fleet.people.chief, s.tab);
      return resolveConflict(db, ctx, {
        conflictId: conflict.id,
        choice: pick(['winning', 'losing'] as const, s.random)!,
      });
    },
  },
  siteSettings: {
    weight: 1,
    async run(s, db) {
      const patch = { incomingLeadMinutes: 1 + (s.serial % 30) };
      // Issue 9 §3: settings are an admin action online once the server has the admin API.
      if (s.fleet.adminApi) return adminRequest(s.fleet, s.t, 'PATCH', ADMIN_PATHS.site, patch);
      return updateSiteSettings(db, await ctxOf(s.t, s.fleet.people.admin, s.tab), patch);
    },
  },
  countAndCancel: {
    weight: 1,
    async run(s, db) {
      const dutyId = await openDutyId(db);
      if (!dutyId || s.t.kind === 'office') return;
      const duty = await db.duty.get(dutyId);
      const person = Object.values(s.fleet.people).find((p) => p.id === duty?.staffId);
      if (!person) return;
      const ctx = await ctxOf(s.t, person, s.tab);
      // H8: at a closing the person on duty counts (countActor); then they think better of it.
      const h = await openHandover(db, ctx, { outgoingDutyId: dutyId, scheduledAt: null, kind: 'closing' });
      const item = pick(await live(db.item.toArray()), s.random);
      if (item)
        await recordCountTap(db, ctx, {
          handoverId: h.id,
          itemId: item.id,
          state: 'present',
          quantity: item.expectedQuantity,
          explanation: '',
        });
      return cancelHandover(db, ctx, h.id);
    },
  },
};

const TOTAL = Object.values(ACTIONS).reduce((n, a) => n + a.weight, 0);

/** Picks an action by weight. */
export function pickAction(random: () => number): string {
  let r = random() * TOTAL;
  for (const [name, a] of Object.entries(ACTIONS)) {
    r -= a.weight;
    if (r < 0) return name;
  }
  return 'entry';
}
