/**
 * The superiors' and everyone's other actions in the fault simulation, through the repositories:
 * tasks and instructions, the rota and swaps, escalations, the chief's checks and reviews, the
 * daily report, refusals dismissed, conflicts resolved and the building's settings.
 */
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
import { dismissRefusal } from '../../../src/client/db/repos/refusal-repo';
import { ADMIN_PATHS } from '../../../src/domain/api';
import { adminRequest, ctxOf } from './sim-fleet';

import { ANY, SUPERIOR, SVG, TZ, live, openDutyId, personFor, pick, type Action } from './sim-step';

export const OFFICE_ACTIONS: Record<string, { weight: number; run: Action }> = {
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
    async run(s) {
      const patch = { incomingLeadMinutes: 1 + (s.serial % 30) };
      // Issue 9 §3: settings are an admin action, online through the admin API.
      return adminRequest(s.fleet, s.t, 'PATCH', ADMIN_PATHS.site, patch);
    },
  },
};
