/**
 * Ids for rows that arrive in bulk (scenarios): UUID version 7 (RFC 9562 §5.7), whose first 48
 * bits are the Unix time in milliseconds. Lower-case hex sorts as the time does, so a new row's id
 * lands at the right-hand end of every index keyed on it. With random (version 4) ids, importing
 * 10,000 scenarios into a 100,000-scenario store touched nearly every page of the id and tag
 * indexes, and the commit rewrote them whole: the cost grew with the store, not the import.
 */
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;
// random bits drawn 4 KiB at a time: one system call per 256 ids instead of one per id
const pool = Buffer.alloc(4096);
let used = pool.length;

export function timeOrderedId(nowMs: number = Date.now()): string {
  // ids made in the same millisecond (or after the clock stepped back) keep increasing: a 12-bit
  // counter after the timestamp, as the RFC's "method 1" allows, then random bits
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = 0;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = Buffer.from(pool.subarray(used, (used += 16)));
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f); // the RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
