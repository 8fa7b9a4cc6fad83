/**
 * Photos of log entries (issue 3 §7): a photo taken in the entry form is stored with the entry in
 * the same write (the bytes in photoBlob, waiting for upload, and the photo row owned by the entry)
 * and shown in the entry's detail. jsdom decodes no images, so the decoder and canvas are doubles.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startDuty } from '../unit/client/duty-fixture';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let staffId: string;

class FakeOffscreenCanvas {
  constructor(
    public width: number,
    public height: number,
  ) {}
  getContext() {
    return { drawImage: () => undefined };
  }
  async convertToBlob(opts: { type: string }) {
    return new Blob([new Uint8Array(2048).map((_, i) => i % 251)], { type: opts.type });
  }
}

beforeEach(async () => {
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  vi.stubGlobal(
    'createImageBitmap',
    vi.fn(async () => ({ width: 3000, height: 2000, close: () => undefined })),
  );
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:test/${++n}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  await startDuty(tablet.db, await makeWriteContext(tablet.db, staffId), { shiftId: 'day' });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it('a photo taken in the entry form is saved with the entry, queued for upload and shown in its detail', async () => {
  const user = userEvent.setup();
  renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
  await user.type(await screen.findByRole('textbox', { name: 'Cause' }), 'Water on the lobby floor');
  await user.upload(
    screen.getByLabelText('Add a photo'),
    new File([new Uint8Array(9000)], 'floor.jpg', { type: 'image/jpeg' }),
  );
  await screen.findByRole('img', { name: /photo/i });
  await user.click(screen.getByRole('button', { name: 'Save entry' }));

  const list = await screen.findByRole('list', { name: "This duty's entries" });
  await within(list).findByRole('button', { name: /Water on the lobby floor/ });
  const [entry] = await tablet.db.logEntry.toArray();
  const photos = await tablet.db.photo.toArray();
  expect(photos).toHaveLength(1);
  expect(photos[0]).toMatchObject({ ownerTable: 'logEntry', ownerId: entry?.id, mime: 'image/jpeg' });
  expect(await tablet.db.photoBlob.get(photos[0]!.sha256)).toMatchObject({ uploaded: 0 });
  expect((await tablet.db.outbox.toArray()).map((op) => op.table)).toEqual(['duty', 'logEntry', 'photo']);
  // The form starts empty again, without the previous picture.
  await waitFor(() => expect(screen.queryByRole('img', { name: /photo/i })).not.toBeInTheDocument());

  await user.click(within(list).getByRole('button', { name: /Water on the lobby floor/ }));
  const dialog = await screen.findByRole('dialog');
  const shown = await within(dialog).findByRole('region', { name: 'Photos' });
  expect(await within(shown).findAllByRole('img')).toHaveLength(1);
});
