// Loaded into the server with `--import` by `npm run bench:soak`: every half second, appends the
// process's memory figures (RSS, V8 heap, memory outside the heap) as one JSON line to
// MEMORY_PROBE_FILE, so the benchmark can say which of them grows. Does nothing without the variable.
import fs from "node:fs";

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  setInterval(() => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    fs.appendFileSync(
      file,
      `${JSON.stringify({ at: Date.now(), rss, heapTotal, heapUsed, external, arrayBuffers })}\n`,
    );
  }, 500).unref();
}
