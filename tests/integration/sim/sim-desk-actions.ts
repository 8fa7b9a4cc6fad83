/**
 * The desk's actions in the fault simulation, made through the repositories as the screens make
 * them: entries and their follow-ups, the item register, loans and custody, paid-service orders,
 * photos, and a count tapped at a closing that is then cancelled.
 */
import { amendLogEntry, createLogEntry, recordOperationEnd } from '../../../src/client/db/repos/log-repo';
import {
  lendItem,
  releaseCustody,
  returnItem,
  saveItem,
  takeIntoCustody,
} from '../../../src/client/db/repos/item-repo';
import { issueServiceOrder, moveServiceOrder } from '../../../src/client/db/repos/service-order-repo';
import { addPhoto, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { cancelHandover, openHandover } from '../../../src/client/db/repos/handover-repo';
import { recordCountTap } from '../../../src/client/db/repos/count-repo';
import { ctxOf } from './sim-fleet';

import { ANY, HOUR, live, openDutyId, personFor, pick, type Action } from './sim-step';

export const DESK_ACTIONS: Record<string, { weight: number; run: Action }> = {
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
