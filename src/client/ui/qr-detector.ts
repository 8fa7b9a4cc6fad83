/**
 * Reading QR codes from camera frames: the browser's own BarcodeDetector where it has one that
 * reads QR codes (Chromium on Android and ChromeOS), else the `barcode-detector` ponyfill running
 * ZXing as WebAssembly (iPad Safari, Firefox, desktop Chromium). The ponyfill is imported lazily so
 * it is a chunk of its own that only tablets without a native detector run, and its `.wasm` is
 * served from our own origin and precached (vite.config.ts), because the ponyfill would fetch it
 * from a CDN by default and an offline tablet reaches no CDN (docs/architecture.md "Offline pitfalls").
 */
import type { BarcodeDetector as BarcodeDetectorClass, setZXingModuleOverrides } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** Reads every QR code in one frame (a video element, an image, ImageData). */
export interface QrDetector {
  detect(source: ImageBitmapSourceLike): Promise<string[]>;
}

/** What the detectors accept; ImageData keeps the type usable from tests without a DOM. */
export type ImageBitmapSourceLike = Parameters<BarcodeDetectorClass['detect']>[0];

type DetectorConstructor = typeof BarcodeDetectorClass;
/** Emscripten module settings for ZXing (locateFile, wasmBinary, ...). */
export type ZXingModuleOverrides = Parameters<typeof setZXingModuleOverrides>[0];

/** The ZXing module settings that load the reader's `.wasm` from `url` (our origin), never a CDN. */
export function localWasmOverrides(url: string = wasmUrl): ZXingModuleOverrides {
  return { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) };
}

function wrap(detector: BarcodeDetectorClass): QrDetector {
  return { detect: async (source) => (await detector.detect(source)).map((b) => b.rawValue) };
}

/** The browser's BarcodeDetector when it exists and reads QR codes, else null. */
export async function nativeQrDetector(): Promise<QrDetector | null> {
  if (!('BarcodeDetector' in globalThis)) return null;
  const Native = (globalThis as unknown as { BarcodeDetector: DetectorConstructor }).BarcodeDetector;
  try {
    const formats = await Native.getSupportedFormats();
    if (!formats.includes('qr_code')) return null;
    return wrap(new Native({ formats: ['qr_code'] }));
  } catch {
    // A detector that exists but cannot run (no platform support) is the same as none.
    return null;
  }
}

/**
 * The ZXing WebAssembly detector. The module is instantiated here, not at the first frame, so a
 * decoder that cannot load is reported when the scanner opens.
 * @param overrides Emscripten module settings; the default loads our own copy of the `.wasm`.
 */
export async function zxingQrDetector(overrides: ZXingModuleOverrides = localWasmOverrides()): Promise<QrDetector> {
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  await prepareZXingModule({ overrides, fireImmediately: true });
  return wrap(new BarcodeDetector({ formats: ['qr_code'] }));
}

/** The best QR detector this browser offers. @throws when the WebAssembly decoder cannot load. */
export async function createQrDetector(): Promise<QrDetector> {
  return (await nativeQrDetector()) ?? zxingQrDetector();
}
