/**
 * Draws the app icons (a deep-teal tile with a white key inside two "handover" arrows) and writes
 * them as PNG into public/icons, plus public/favicon.ico. Pure Node: shapes are signed distance
 * functions sampled per pixel, so edges are anti-aliased at every size without a graphics library,
 * and the PNG is encoded with node:zlib and a CRC32 table.
 *
 * Run: `node --import tsx scripts/make-icons.ts`. The output is committed; rerun after a design change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Vec = readonly [number, number];
/** A signed distance in icon units (the icon is the unit square): negative inside. */
type Sdf = (x: number, y: number) => number;

const TEAL_TOP: Vec3 = [0x16, 0x80, 0x88];
const TEAL_BOTTOM: Vec3 = [0x0a, 0x4b, 0x51];
type Vec3 = readonly [number, number, number];

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

/** A rounded rectangle centred on (cx, cy) with half-extents (hw, hh) and corner radius r. */
const roundRect =
  (cx: number, cy: number, hw: number, hh: number, r: number): Sdf =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

/** A stroke of width w along a circular arc from angle a0 to a1 (radians, clockwise on screen). */
const arc =
  (cx: number, cy: number, radius: number, a0: number, a1: number, w: number): Sdf =>
  (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    let a = Math.atan2(dy, dx);
    while (a < a0) a += 2 * Math.PI;
    if (a <= a1) return Math.abs(Math.hypot(dx, dy) - radius) - w / 2;
    const e0 = Math.hypot(dx - radius * Math.cos(a0), dy - radius * Math.sin(a0));
    const e1 = Math.hypot(dx - radius * Math.cos(a1), dy - radius * Math.sin(a1));
    return Math.min(e0, e1) - w / 2;
  };

/** Exact triangle distance (Inigo Quilez's sdTriangle). */
const triangle =
  (p0: Vec, p1: Vec, p2: Vec): Sdf =>
  (x, y) => {
    const edges: [Vec, Vec][] = [
      [p0, p1],
      [p1, p2],
      [p2, p0],
    ];
    let d = Infinity;
    let sign = 0;
    for (const [a, b] of edges) {
      const ex = b[0] - a[0];
      const ey = b[1] - a[1];
      const wx = x - a[0];
      const wy = y - a[1];
      const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
      d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
      sign += Math.sign(ex * wy - ey * wx);
    }
    return Math.abs(sign) === 3 ? -d : d;
  };

const union =
  (...parts: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...parts.map((f) => f(x, y)));
const subtract =
  (a: Sdf, b: Sdf): Sdf =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y));

/** An arrowhead at the clockwise end of an arc, pointing along the arc. */
function arrowHead(cx: number, cy: number, radius: number, angle: number, len: number, width: number): Sdf {
  const bx = cx + radius * Math.cos(angle);
  const by = cy + radius * Math.sin(angle);
  const tx = -Math.sin(angle);
  const ty = Math.cos(angle);
  const nx = Math.cos(angle);
  const ny = Math.sin(angle);
  return triangle(
    [bx + tx * len, by + ty * len],
    [bx + nx * (width / 2), by + ny * (width / 2)],
    [bx - nx * (width / 2), by - ny * (width / 2)],
  );
}

/**
 * The glyph in a unit box centred on (0.5, 0.5), scaled by `s` so the maskable icon can keep it
 * inside the safe zone. Two arrows chase each other around a key: the desk hands over its keys.
 */
function glyph(s: number, withKey: boolean): Sdf {
  const c = 0.5;
  const R = 0.3 * s;
  const stroke = 0.062 * s;
  const deg = Math.PI / 180;
  const head = (a: number) => arrowHead(c, c, R, a, 0.1 * s, 0.17 * s);
  const arrows = union(
    arc(c, c, R, 205 * deg, 330 * deg, stroke),
    head(330 * deg),
    arc(c, c, R, 25 * deg, 150 * deg, stroke),
    head(150 * deg),
  );
  if (!withKey) return arrows;
  // The key, tilted like a key held out to the next person.
  const k = 1.3 * s;
  const key = union(
    subtract(circle(c - 0.095 * k, c, 0.072 * k), circle(c - 0.095 * k, c, 0.03 * k)),
    roundRect(c + 0.045 * k, c, 0.1 * k, 0.022 * k, 0.012 * k),
    roundRect(c + 0.105 * k, c + 0.04 * k, 0.016 * k, 0.03 * k, 0.008 * k),
    roundRect(c + 0.055 * k, c + 0.034 * k, 0.014 * k, 0.024 * k, 0.007 * k),
  );
  const tilt = -30 * deg;
  const rotated: Sdf = (x, y) => {
    const dx = x - c;
    const dy = y - c;
    return key(c + dx * Math.cos(tilt) - dy * Math.sin(tilt), c + dx * Math.sin(tilt) + dy * Math.cos(tilt));
  };
  return union(arrows, rotated);
}

interface IconSpec {
  file: string;
  size: number;
  /** 'tile': a rounded tile on transparency; 'bleed': the whole square is painted (maskable, iOS). */
  shape: 'tile' | 'bleed';
  glyphScale: number;
  withKey: boolean;
}

function render(spec: IconSpec): Uint8Array {
  const { size } = spec;
  const tile: Sdf = spec.shape === 'tile' ? roundRect(0.5, 0.5, 0.47, 0.47, 0.2) : () => -1;
  const mark = glyph(spec.glyphScale, spec.withKey);
  const rgba = new Uint8Array(size * size * 4);
  // Coverage from distance: one pixel of ramp across the edge gives clean anti-aliasing.
  const cover = (d: number) => Math.min(Math.max(0.5 - d * size, 0), 1);
  for (let py = 0; py < size; py++) {
    const y = (py + 0.5) / size;
    const bg = TEAL_TOP.map((t, i) => t + ((TEAL_BOTTOM[i] ?? t) - t) * y);
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const a = cover(tile(x, y));
      const g = cover(mark(x, y));
      const o = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) rgba[o + i] = Math.round((bg[i] ?? 0) * (1 - g) + 255 * g);
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

// --- PNG and ICO encoding -------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG. Each row uses the "Paeth" filter, which suits smooth gradients. */
function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    raw[out] = 4;
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? (rgba[y * stride + i - 4] ?? 0) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= 4 ? (rgba[(y - 1) * stride + i - 4] ?? 0) : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      raw[out + 1 + i] = ((rgba[y * stride + i] ?? 0) - pred) & 0xff;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A .ico holding PNG images (supported by every current browser and Windows since Vista). */
function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

// --- Output ---------------------------------------------------------------------------------

const ICONS: IconSpec[] = [
  { file: 'icon-192.png', size: 192, shape: 'tile', glyphScale: 1, withKey: true },
  { file: 'icon-512.png', size: 512, shape: 'tile', glyphScale: 1, withKey: true },
  // Maskable: the platform crops to a circle of 80% diameter, so the glyph (radius ~0.39 at
  // scale 1) is shrunk to stay within radius 0.4 with a margin.
  { file: 'icon-maskable-512.png', size: 512, shape: 'bleed', glyphScale: 0.78, withKey: true },
  { file: 'apple-touch-icon-180.png', size: 180, shape: 'bleed', glyphScale: 0.9, withKey: true },
  { file: 'favicon-32.png', size: 32, shape: 'tile', glyphScale: 1.1, withKey: false },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'icons');
mkdirSync(outDir, { recursive: true });
for (const spec of ICONS) {
  const png = encodePng(spec.size, spec.size, render(spec));
  writeFileSync(join(outDir, spec.file), png);
  console.log(`${spec.file}: ${spec.size}x${spec.size}, ${png.length} bytes`);
}
const ico = encodeIco(
  [16, 32, 48].map((size) => ({
    size,
    png: encodePng(size, size, render({ file: '', size, shape: 'tile', glyphScale: 1.1, withKey: size >= 48 })),
  })),
);
writeFileSync(join(root, 'public', 'favicon.ico'), ico);
console.log(`favicon.ico: 16/32/48, ${ico.length} bytes`);
