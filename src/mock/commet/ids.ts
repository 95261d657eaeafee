/** Public IDs as the mock makes them: a resource prefix and 16 base62 characters (`adn_…`, `cus_…`). */
import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function newId(prefix: string): string {
  return `${prefix}_${[...randomBytes(16)].map((byte) => BASE62[byte % 62]).join("")}`;
}
