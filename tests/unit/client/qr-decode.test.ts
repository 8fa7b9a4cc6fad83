/**
 * The QR decoder path a tablet without a native BarcodeDetector takes (iPad Safari): the
 * `barcode-detector` ponyfill running ZXing's WebAssembly reader, loaded from our own copy in
 * node_modules (never a CDN), decoding codes drawn from `uqr`'s module matrix.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from 'barcode-detector/ponyfill';
import { encode } from 'uqr';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createQrDetector,
  localWasmOverrides,
  nativeQrDetector,
  zxingQrDetector,
  type QrDetector,
} from '../../../src/client/ui/qr-detector';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
const wasmBytes = readFileSync(wasmPath);

/** Node has no ImageData or DOMRectReadOnly; the ponyfill needs only their shapes. */
class NodeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
class NodeRect {
  constructor(
    readonly x = 0,
    readonly y = 0,
    readonly width = 0,
    readonly height = 0,
  ) {}
}
Object.assign(globalThis, { ImageData: NodeImageData, DOMRectReadOnly: NodeRect });

/** Draws a QR code as RGBA pixels: `scale` pixels per module, a white quiet zone of 4 modules. */
function qrImage(text: string, scale = 6): ImageData {
  const qr = encode(text, { border: 4, ecc: 'M' });
  const side = qr.size * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const dark = qr.data[Math.floor(y / scale)]?.[Math.floor(x / scale)] ?? false;
      const i = (y * side + x) * 4;
      data.fill(dark ? 0 : 255, i, i + 3);
      data[i + 3] = 255;
    }
  }
  return new NodeImageData(data, side, side) as unknown as ImageData;
}

function blankImage(side: number): ImageData {
  return new NodeImageData(new Uint8ClampedArray(side * side * 4).fill(255), side, side) as unknown as ImageData;
}

let zxing: QrDetector;

beforeAll(async () => {
  const wasmBinary = wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.byteLength);
  zxing = await zxingQrDetector({ wasmBinary });
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('QR decoding with the ZXing WebAssembly ponyfill (H8 scan)', () => {
  it('the .wasm we ship is the exact build the ponyfill expects (same version and SHA-256)', () => {
    const pkg = JSON.parse(readFileSync(join(dirname(wasmPath), '../../package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(ZXING_WASM_VERSION);
    expect(createHash('sha256').update(wasmBytes).digest('hex')).toBe(ZXING_WASM_SHA256);
  });

  it('decodes an item code drawn from a uqr QR matrix', async () => {
    expect(await zxing.detect(qrImage('RADIO-01'))).toEqual(['RADIO-01']);
  });

  it('decodes codes with Chinese text and at a small scale', async () => {
    expect(await zxing.detect(qrImage('示範單位鎖匙 12A', 3))).toEqual(['示範單位鎖匙 12A']);
  });

  it('finds nothing in a frame without a code', async () => {
    expect(await zxing.detect(blankImage(120))).toEqual([]);
  });
});

describe('where the decoder comes from (offline: never a CDN)', () => {
  it('locateFile points the .wasm at our own asset URL and leaves other files alone', () => {
    const { locateFile } = localWasmOverrides('/assets/zxing_reader-abc.wasm');
    expect(locateFile?.('zxing_reader.wasm', 'https://fastly.jsdelivr.net/npm/zxing-wasm/')).toBe(
      '/assets/zxing_reader-abc.wasm',
    );
    expect(locateFile?.('zxing_reader.data', '/base/')).toBe('/base/zxing_reader.data');
  });

  it("the default URL is the bundled zxing_reader.wasm on the app's origin", () => {
    const url = localWasmOverrides().locateFile?.('zxing_reader.wasm', 'https://cdn.example/') ?? '';
    expect(url).toMatch(/zxing_reader[^/]*\.wasm$/);
    expect(url).not.toMatch(/^https?:/);
  });

  it('uses the browser BarcodeDetector when it reads QR codes', async () => {
    const detect = vi.fn(async () => [{ rawValue: 'KEY-07' }]);
    const Native = Object.assign(
      vi.fn(function (this: { detect: typeof detect }) {
        this.detect = detect;
      }),
      { getSupportedFormats: async () => ['qr_code', 'ean_13'] },
    );
    vi.stubGlobal('BarcodeDetector', Native);
    const detector = await createQrDetector();
    expect(await detector.detect(blankImage(10))).toEqual(['KEY-07']);
    expect(Native).toHaveBeenCalledWith({ formats: ['qr_code'] });
  });

  it('ignores a browser BarcodeDetector without QR support', async () => {
    vi.stubGlobal('BarcodeDetector', { getSupportedFormats: async () => ['ean_13'] });
    expect(await nativeQrDetector()).toBeNull();
  });

  it('without a browser BarcodeDetector there is no native detector', async () => {
    expect('BarcodeDetector' in globalThis).toBe(false);
    expect(await nativeQrDetector()).toBeNull();
  });
});
