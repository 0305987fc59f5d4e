// Ids the service gives new entities: GUIDs, as Graph's, but time-ordered (UUID version 7, RFC 9562): the first
// 48 bits are the Unix time in milliseconds, the rest random. A new row's key then lands at the end of its app's
// B-tree, next to the previous one, instead of at a random place: a batch of creates touches one or two pages
// instead of one per row, which is less to write and to sync at each commit. Default-ordered pages (by id) list
// server-named entities in creation order.
import { randomFillSync } from "node:crypto";

const BYTES_PER_ID = 10;
// Random bytes are drawn from the system 4 KiB at a time (one call each is expensive), as randomUUID does.
const pool = new Uint8Array(4096 - (4096 % BYTES_PER_ID));
let used = pool.length;
const HEX_OF_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

export function newEntityId(now: number = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  // Two hex digits per byte from a table: no array, closure or join per id (every create makes one).
  let hex = "";
  for (let i = used; i < used + BYTES_PER_ID; i++) hex += HEX_OF_BYTE[pool[i] as number];
  used += BYTES_PER_ID;
  const time = now.toString(16).padStart(12, "0");
  const variant = ((Number.parseInt(hex.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(7, 19)}`;
}
