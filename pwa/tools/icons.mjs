/**
 * Draws Doorstep's app icons (a white house on green, inside the maskable safe zone) as PNGs,
 * so no binary image needs to live in the repository.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Buffer} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Is (x, y) in unit coordinates part of the house? */
function house(x, y) {
  const roof = y >= 0.22 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.22) * (0.3 / 0.28);
  const body = y > 0.48 && y <= 0.78 && x >= 0.29 && x <= 0.71;
  const door = y > 0.58 && y <= 0.78 && x >= 0.45 && x <= 0.55;
  return (roof || body) && !door;
}

/** @param {number} size @returns {Buffer} */
export function iconPng(size) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const white = house((x + 0.5) / size, (y + 0.5) / size);
      const [r, g, b] = white ? [255, 255, 255] : [0x0b, 0x5d, 0x4b];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#0b5d4b"/><path fill="#fff" d="M50 22 80 50H71V78H55V58H45V78H29V50H20Z"/></svg>`;
