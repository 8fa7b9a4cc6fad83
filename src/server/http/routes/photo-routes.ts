/**
 * PUT and GET /api/v1/photos/:sha256, behind device bearer auth. The upload is a raw body with the
 * photo's Content-Type and has its own body limit (MAX_PHOTO_BYTES): the API-wide JSON limit
 * (1 MiB by default) must not refuse a 2 MiB photo, so app.ts skips it for this path.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_PHOTO_BYTES } from '../../../domain/handover-entities';
import { readPhoto, uploadPhoto } from '../../photos/photo-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { apiError } from '../errors';

/** Where the photo routes are mounted; app.ts exempts uploads here from the API-wide body limit. */
export const PHOTOS_PATH = '/api/v1/photos';

export function photoRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps));

  const photoLimit = bodyLimit({
    maxSize: MAX_PHOTO_BYTES,
    onError: (c) =>
      apiError(c, 'payload_too_large', `a photo may have at most ${MAX_PHOTO_BYTES} bytes`, {
        limitBytes: MAX_PHOTO_BYTES,
      }),
  });

  app.put('/:sha256', photoLimit, async (c) => {
    const res = await uploadPhoto(deps.store, {
      siteId: c.get('device').siteId,
      sha256: c.req.param('sha256'),
      contentType: c.req.header('Content-Type'),
      data: new Uint8Array(await c.req.arrayBuffer()),
      nowMs: deps.now(),
    });
    return c.json(res, res.created ? 201 : 200);
  });

  app.get('/:sha256', async (c) => {
    const photo = await readPhoto(deps.store, c.get('device').siteId, c.req.param('sha256'));
    // Content-addressed bytes never change; nosniff keeps uploaded bytes from being run as a page.
    return c.body(new Uint8Array(photo.data), 200, {
      'Content-Type': photo.mime,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
