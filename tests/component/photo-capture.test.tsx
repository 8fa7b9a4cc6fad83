/**
 * Photos (issue 3 §7): taken with the tablet camera, compressed to JPEG with the longest side at
 * most 1280 px, hashed, stored with the count line they document, and shown from the tablet's copy
 * or fetched from the server. jsdom decodes no images, so the browser's decoder and canvas are
 * replaced by doubles that record what they were asked; compression choices and hashing are real.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../src/domain/chain';
import { MAX_PHOTO_BYTES, type Photo } from '../../src/domain/handover-entities';
import { newId } from '../../src/domain/ids';
import { CountScreen } from '../../src/client/features/count/count-screen';
import { fitWithin } from '../../src/client/ui/compress-image';
import { PhotoCapture } from '../../src/client/ui/photo-capture';
import { PhotoThumb } from '../../src/client/ui/photo-thumb';
import { countFixture, putItem } from './count-fixtures';
import { renderWithDb, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

const JPEG = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
const canvases: { width: number; height: number; qualities: number[] }[] = [];
let encodedSize = JPEG.byteLength;
const bitmapClose = vi.fn();

class FakeOffscreenCanvas {
  record: { width: number; height: number; qualities: number[] };
  constructor(width: number, height: number) {
    this.record = { width, height, qualities: [] };
    canvases.push(this.record);
  }
  getContext() {
    return { drawImage: () => undefined };
  }
  async convertToBlob(opts: { type: string; quality: number }) {
    this.record.qualities.push(opts.quality);
    const bytes = encodedSize === JPEG.byteLength ? JPEG : new Uint8Array(encodedSize);
    return new Blob([bytes], { type: opts.type });
  }
}

beforeEach(() => {
  canvases.length = 0;
  encodedSize = JPEG.byteLength;
  bitmapClose.mockClear();
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  vi.stubGlobal(
    'createImageBitmap',
    vi.fn(async () => ({ width: 4032, height: 3024, close: bitmapClose })),
  );
  // jsdom has no object URLs; the thumbnails only need a distinct one per picture.
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:test/${++n}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'onLine');
});

const picture = () => new File([new Uint8Array(10_000)], 'IMG_0001.JPG', { type: 'image/jpeg' });

describe('PhotoCapture', () => {
  it('compresses to JPEG 0.8 with the longest side 1280 px, hashes it and shows a thumbnail', async () => {
    const user = userEvent.setup();
    const onPhoto = vi.fn();
    render(<PhotoCapture label="Add a photo" onPhoto={onPhoto} />);
    const input = screen.getByLabelText('Add a photo');
    expect(input).toHaveAttribute('accept', 'image/*');
    expect(input).toHaveAttribute('capture', 'environment');

    await user.upload(input, picture());
    await waitFor(() => expect(onPhoto).toHaveBeenCalledTimes(1));
    const photo = onPhoto.mock.calls[0]?.[0];
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 1280, height: 960, sha256: await sha256Hex(JPEG) });
    expect(new Uint8Array(photo.data)).toEqual(JPEG);
    expect(canvases).toEqual([{ width: 1280, height: 960, qualities: [0.8] }]);
    expect(bitmapClose).toHaveBeenCalled();
    expect(await screen.findByRole('img', { name: 'Photo' })).toHaveAttribute('src', 'blob:test/1');
    expect(screen.getByRole('status')).toHaveTextContent('Photo added.');
  });

  it('lowers the quality when a photo is still over the limit, and says so when even that is too large', async () => {
    const user = userEvent.setup();
    const onPhoto = vi.fn();
    encodedSize = MAX_PHOTO_BYTES + 1;
    render(<PhotoCapture label="Add a photo" onPhoto={onPhoto} />);
    await user.upload(screen.getByLabelText('Add a photo'), picture());
    expect(await screen.findByRole('alert')).toHaveTextContent('This photo is too large even after compression');
    expect(canvases.flatMap((c) => c.qualities)).toEqual([0.8, 0.6, 0.4]);
    expect(onPhoto).not.toHaveBeenCalled();
  });

  it('a picture the tablet cannot decode is reported, nothing is handed on', async () => {
    const user = userEvent.setup();
    const onPhoto = vi.fn();
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => {
        throw new DOMException('bad image', 'InvalidStateError');
      }),
    );
    render(<PhotoCapture label="Add a photo" onPhoto={onPhoto} />);
    await user.upload(screen.getByLabelText('Add a photo'), picture());
    expect(await screen.findByRole('alert')).toHaveTextContent('This photo could not be read. Take it again.');
    expect(onPhoto).not.toHaveBeenCalled();
  });

  it('fitWithin scales down to the longest side and never up', () => {
    expect(fitWithin(3024, 4032, 1280)).toEqual({ width: 960, height: 1280 });
    expect(fitWithin(800, 600, 1280)).toEqual({ width: 800, height: 600 });
  });
});

describe('PhotoThumb', () => {
  async function photoRow(siteId: string, sha256: string): Promise<Photo> {
    return {
      id: newId(),
      siteId,
      updatedAt: '000000000000000-0000-seed',
      deleted: false,
      sha256,
      mime: 'image/jpeg',
      bytes: JPEG.byteLength,
      width: 1280,
      height: 960,
      ownerTable: 'countLine',
      ownerId: newId(),
      staffId: newId(),
      takenAt: Date.now(),
    };
  }

  it("shows the tablet's own copy of the bytes", async () => {
    const tablet = await seedTablet();
    const sha256 = await sha256Hex(JPEG);
    await tablet.db.photoBlob.put({ sha256, mime: 'image/jpeg', data: JPEG.slice().buffer, uploaded: 0 });
    renderWithDb(<PhotoThumb photo={await photoRow(tablet.siteId, sha256)} />, tablet.db);
    expect(await screen.findByRole('img', { name: 'Photo' })).toHaveAttribute('src', 'blob:test/1');
  });

  it('offline without the bytes, says it will appear once online', async () => {
    const tablet = await seedTablet();
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    renderWithDb(<PhotoThumb photo={await photoRow(tablet.siteId, await sha256Hex(JPEG))} />, tablet.db);
    expect(await screen.findByText(/The photo is not on this tablet yet/)).toBeInTheDocument();
  });

  it('online without the bytes, fetches them from the server, checks their hash and keeps them', async () => {
    const tablet = await seedTablet();
    const sha256 = await sha256Hex(JPEG);
    const fetchMock = vi.fn(
      async () => new Response(JPEG.slice(), { status: 200, headers: { 'Content-Type': 'image/jpeg' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWithDb(<PhotoThumb photo={await photoRow(tablet.siteId, sha256)} />, tablet.db);
    expect(await screen.findByRole('img', { name: 'Photo' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(`/api/v1/photos/${sha256}`, expect.objectContaining({ method: 'GET' }));
    expect((await tablet.db.photoBlob.get(sha256))?.uploaded).toBe(1);
  });
});

describe('a damaged item with a photo in the count (H8)', () => {
  it('the photo is stored with its count line and shown on the row', async () => {
    const user = userEvent.setup();
    const f = await countFixture();
    await putItem(f.tablet, { category: 'radio', code: 'R-02', label: '對講機 2 號' });
    renderWithDb(<CountScreen handoverId={f.handoverId} staffId={f.staffId} />, f.tablet.db);
    await user.click(await screen.findByRole('button', { name: 'Missing / damaged: 對講機 2 號' }));
    const dialog = await screen.findByRole('dialog', { name: 'Missing / damaged: 對講機 2 號' });
    await user.click(within(dialog).getByRole('radio', { name: 'Damaged' }));
    await user.upload(within(dialog).getByLabelText('Add a photo'), picture());
    expect(await within(dialog).findByText('Photo added.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Explanation' }), 'Aerial snapped');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const [line] = await f.tablet.db.countLine.toArray();
    expect(line).toMatchObject({ state: 'damaged', quantity: 1, explanation: 'Aerial snapped' });
    const photos = await f.tablet.db.photo.toArray();
    expect(photos).toMatchObject([{ ownerTable: 'countLine', ownerId: line?.id, sha256: await sha256Hex(JPEG) }]);
    expect(await f.tablet.db.photoBlob.count()).toBe(1);
    const row = screen.getByRole('listitem', { name: '對講機 2 號' });
    expect(await within(row).findByRole('img', { name: 'Photo' })).toBeInTheDocument();
  });
});
