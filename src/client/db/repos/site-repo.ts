/** The building's settings (admin writes; WRITE_POLICY.site allows patch only). */
import { SiteSettings } from '../../../domain/entities';
import type { HandoverDb } from '../schema';
import { patchRow, runWrite } from '../write';
import type { WriteContext } from './write-context';

/**
 * Changes some of the enrolled building's settings. Only fields that differ are queued.
 * @throws ZodError when a value is invalid (forms validate with the same SiteSettings schema).
 * @throws RowNotFoundError before the site row has been pulled.
 */
export async function updateSiteSettings(
  db: HandoverDb,
  ctx: WriteContext,
  patch: Partial<SiteSettings>,
): Promise<void> {
  const valid = SiteSettings.partial().parse(patch);
  await runWrite(db, [db.site], () => patchRow(db, ctx, 'site', ctx.siteId, valid));
}
