// Plain JS so that `npm start` (scripts/start.mjs) can use it before anything is built; db/index.ts
// and the e2e server use it too.
import fs from "node:fs";
import path from "node:path";

/**
 * The newest modification time (ms) of a file, or of anything inside a folder; 0 when it does
 * not exist. How `npm start` and the prepared seed tell whether something is older than its sources.
 * @param {string} entry
 * @returns {number}
 */
export function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}
