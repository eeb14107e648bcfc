// What `npm start`'s setup step depends on, as one string: when it equals the stamp a successful
// setup left in the PGlite directory, a later start skips the step. Plain JS: start.mjs runs
// before anything is built.
import fs from "node:fs";
import path from "node:path";

/**
 * The shipped data under `dataDir` (the sum of every entry's change time, the file count and
 * bytes, so an added, edited or removed file shows), the code and migrations (`codeStamp`, their newest change) and Node's
 * version (the setup runs compiled for it).
 */
export function setupInputs(dataDir, codeStamp) {
  let times = 0;
  let files = 0;
  let bytes = 0;
  const walk = (entry) => {
    const stat = fs.statSync(entry);
    times += stat.mtimeMs;
    if (!stat.isDirectory()) {
      files += 1;
      bytes += stat.size;
      return;
    }
    for (const child of fs.readdirSync(entry)) walk(path.join(entry, child));
  };
  if (fs.existsSync(dataDir)) walk(dataDir);
  return JSON.stringify({ data: { times, files, bytes }, code: codeStamp, node: process.version });
}
