// Draws the Marketplace icon, media/icon.png: a white umbrella on a teal-to-blue disc, 128×128 RGBA.
// No dependencies: shapes are tested per sample (4×4 per pixel, for smooth edges) and the PNG is written by
// hand (signature, IHDR, IDAT deflated with node:zlib, IEND, each chunk with its CRC-32).
// Run with `node scripts/make-icon.mjs`; it prints the path and size of what it wrote.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'media', 'icon.png');

const TOP = [0x1f, 0xb5, 0xa3];
const BOTTOM = [0x1d, 0x5f, 0xc9];
const WHITE = [0xff, 0xff, 0xff];

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** The disc behind the umbrella. */
const inDisc = (x, y) => inCircle(x, y, 64, 64, 61);

/** The canopy: the top half of a circle, its lower edge cut by three shallow arcs. */
function inCanopy(x, y) {
  if (y > 62 || !inCircle(x, y, 64, 62, 42)) return false;
  const width = 84 / 3;
  for (let i = 0; i < 3; i++) {
    const cx = 64 - 42 + width * (i + 0.5);
    if (inCircle(x, y, cx, 72, Math.hypot(width / 2, 10))) return false;
  }
  return true;
}

/** The tip, the shaft, and the J-shaped handle with a rounded end. */
function inHandle(x, y) {
  if (inCircle(x, y, 64, 19, 3.5)) return true;
  if (x >= 61 && x <= 67 && y >= 20 && y <= 96) return true;
  const d = Math.hypot(x - 55, y - 96);
  if (y >= 96 && d >= 6 && d <= 12) return true;
  return inCircle(x, y, 46, 96, 3);
}

/** RGBA of one pixel: the average of its samples (white over the disc's gradient, transparent outside). */
function pixel(px, py) {
  let r = 0;
  let g = 0;
  let b = 0;
  let a = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!inDisc(x, y)) continue;
      const t = y / SIZE;
      const color = inCanopy(x, y) || inHandle(x, y) ? WHITE : TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
      r += color[0];
      g += color[1];
      b += color[2];
      a += 1;
    }
  }
  // Colors are averaged over the covered samples only (straight alpha); alpha is the covered share.
  const n = a || 1;
  return [r / n, g / n, b / n, (a / (SAMPLES * SAMPLES)) * 255].map((v) => Math.round(v));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(width, height, rgbaAt) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // color type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const stride = 1 + width * 4;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter type None
    for (let x = 0; x < width; x++) Buffer.from(rgbaAt(x, y)).copy(raw, y * stride + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const bytes = png(SIZE, SIZE, pixel);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`${path.relative(process.cwd(), out)}: ${SIZE}×${SIZE}, ${bytes.length} bytes`);
