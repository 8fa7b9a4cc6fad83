/**
 * Reads the page sizes out of a PDF Chromium printed (`page.pdf`), for the history's print test:
 * each page object's `/MediaBox [x0 y0 x1 y1]` in points. Chromium (Skia) writes page objects
 * uncompressed, so a plain scan of the bytes finds them.
 */

/** One printed page's size in PDF points (1/72 inch). */
export interface PdfPageSize {
  width: number;
  height: number;
}

const MEDIA_BOX = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/g;

/**
 * The MediaBox of every page of `pdf`, in order.
 * @throws Error when `pdf` is not a PDF file.
 */
export function pdfPageSizes(pdf: Uint8Array): PdfPageSize[] {
  const text = Buffer.from(pdf).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF: the file does not start with %PDF-');
  return [...text.matchAll(MEDIA_BOX)].map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

/** A4 portrait is 210 × 297 mm: 595.28 × 841.89 pt; Chromium rounds its paper to whole hundredths of an inch. */
export function isA4(size: PdfPageSize): boolean {
  return Math.abs(size.width - 595) < 2 && Math.abs(size.height - 842) < 2;
}
