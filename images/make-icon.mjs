// Draws images/icon.png (128×128): a request entering a lens and splitting into three routes.
// Plain Node (zlib), 4×4 supersampling; run `node images/make-icon.mjs` after changing it.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128, S = 4;
const BG = [0x1e, 0x2a, 0x3a], BLUE = [0x4f, 0xc1, 0xff], WHITE = [0xff, 0xff, 0xff];

function distSeg(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay, t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function bezier(p0, p1, p2, p3, n = 24) {
  const pts = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n, u = 1 - t;
    pts.push([0, 1].map((k) => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k]));
  }
  return pts;
}
const routes = [
  [[22, 64], [52, 64]],
  [[52, 64], [104, 64]],
  bezier([52, 64], [74, 64], [76, 34], [104, 34]),
  bezier([52, 64], [74, 64], [76, 94], [104, 94]),
];
function onPolyline(x, y, pts, w) {
  for (let i = 1; i < pts.length; i++) if (distSeg(x, y, ...pts[i - 1], ...pts[i]) <= w) return true;
  return false;
}
function inRoundRect(x, y, r) {
  const cx = Math.max(r, Math.min(N - r, x)), cy = Math.max(r, Math.min(N - r, y));
  return Math.hypot(x - cx, y - cy) <= r;
}
/** The colour of one sample point, or null for transparent; later shapes paint over earlier ones. */
function sample(x, y) {
  if (!inRoundRect(x, y, 22)) return null;
  let c = BG;
  if (routes.some((r) => onPolyline(x, y, r, 3.5))) c = BLUE;
  if (Math.hypot(x - 22, y - 64) <= 8) c = BLUE;
  for (const cy of [34, 64, 94]) if (Math.hypot(x - 106, y - cy) <= 8) c = WHITE;
  const d = Math.hypot(x - 52, y - 64);
  if (d <= 17 && d >= 11) c = WHITE;
  if (Math.hypot(x - 65, y - 77) < 3.5 || distSeg(x, y, 64, 76, 76, 88) <= 3.5) c = WHITE; // the lens handle
  return c;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const c = sample(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    raw[o] = a ? r / a : 0; raw[o + 1] = a ? g / a : 0; raw[o + 2] = a ? b / a : 0; raw[o + 3] = Math.round((a / (S * S)) * 255);
  }
}

const CRC = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function crc32(buf) { let c = 0xffffffff; for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; }
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
