/**
 * Issue 10 §1: the office overview of a person who works in several buildings, and opening another
 * of them on this office device. Online only, in the signed-in person's name (proof headers, as the
 * admin's actions: admin-client.ts).
 */
import {
  BuildingListResponse,
  EnrolResponse,
  OFFICE_BUILDINGS_PATH,
  officeDevicePath,
  type BuildingSummary,
} from '../../domain/api';
import { Id } from '../../domain/entities';
import { send, type AdminActor } from './admin-client';
import { parseBody } from './api-client';

/** GET the signed-in person's buildings with each one's figures. @throws as adminCreateStaff. */
export async function officeBuildings(actor: AdminActor): Promise<BuildingSummary[]> {
  const res = await send(actor, 'GET', OFFICE_BUILDINGS_PATH);
  return parseBody(BuildingListResponse, res, 'buildings overview').buildings;
}

export const OpenedBuilding = EnrolResponse.extend({ staffId: Id });
export type OpenedBuilding = typeof OpenedBuilding._output;

/** POST: a device of building `siteId` for this office device, its token answered once. */
export async function officeOpenBuilding(actor: AdminActor, siteId: string): Promise<OpenedBuilding> {
  const res = await send(actor, 'POST', officeDevicePath(siteId), {});
  return parseBody(OpenedBuilding, res, 'open building');
}
