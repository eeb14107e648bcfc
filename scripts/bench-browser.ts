/**
 * Browser benchmark: `npm run bench:browser`.
 *
 * Starts the built server on a fresh PGlite loaded with the shipped data, then in headless
 * Chromium reports
 *  - the JavaScript `/` loads (every script the page fetched), raw and gzipped;
 *  - the time from navigation start until the first chart is painted: the first frame after the
 *    first canvas draw call, over several fresh browser contexts (cold HTTP cache each time) with
 *    the response cache warm, and with a never-asked range (a cache miss on the server).
 */
import zlib from "node:zlib";
import { launchChromium } from "../tests/e2e/support/browser";
import { startServer } from "../tests/e2e/support/server";

const RUNS = 7;

/** Runs in the page before any script: notes the first canvas draw, then the frame that shows it. */
const FIRST_PAINT_PROBE = `
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  const original = proto.stroke;
  proto.stroke = function (...args) {
    if (window.__firstChartDraw === undefined && this.canvas.isConnected) {
      window.__firstChartDraw = performance.now();
      requestAnimationFrame(() => { window.__firstChartPaint = performance.now(); });
    }
    return original.apply(this, args);
  };
})();
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

const server = await startServer();
const browser = await launchChromium();
try {
  const base = server.baseUrl;
  // JavaScript for `/`: every script response the page received.
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script")
      scripts.set(response.url(), await response.body());
  });
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  await context.close();
  let raw = 0;
  let gzip = 0;
  for (const body of scripts.values()) {
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  console.log(
    `JavaScript for /: ${scripts.size} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzipped (goal <= 150 KB)`,
  );

  const timeFirstChart = async (url: string) => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await fresh.addInitScript(FIRST_PAINT_PROBE);
    const tab = await fresh.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => (window as { __firstChartPaint?: number }).__firstChartPaint, {
      timeout: 30_000,
    });
    const paint = await tab.evaluate(
      () => (window as unknown as { __firstChartPaint: number }).__firstChartPaint,
    );
    await fresh.close();
    return paint;
  };
  await timeFirstChart(`${base}/`); // warm the server and the OS file cache
  const warm: number[] = [];
  const miss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    warm.push(await timeFirstChart(`${base}/`));
    miss.push(
      await timeFirstChart(`${base}/?from=2017-0${1 + (i % 9)}-1${i % 10}&to=2024-05-2${i}`),
    );
  }
  const show = (values: number[]) =>
    `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  console.log(
    `First chart painted after navigation, ${RUNS} fresh contexts each (goal <= 600 ms):`,
  );
  console.log(`  /                      ${show(warm)}`);
  console.log(`  / with a new range     ${show(miss)}`);
} finally {
  await browser.close();
  await server.stop();
}
