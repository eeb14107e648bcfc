// Developer aid: screenshot a running dashboard at desktop and phone width.
// Usage: tsx scripts/screenshot.ts [baseUrl] [outDir] [path]
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "../tests/e2e/support/browser";
import { parseCommandLine } from "./lib/args";

const [baseUrl = "http://localhost:3000", outDir = "artifacts/screenshots", pagePath = "/"] =
  parseCommandLine(process.argv.slice(2), {}).positionals;
fs.mkdirSync(outDir, { recursive: true });
const browser = await launchChromium();
try {
  for (const [name, width, height] of [
    ["desktop", 1366, 900],
    ["phone", 390, 844],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on("console", (msg) => {
      if (msg.type() === "error") console.error(`console: ${msg.text()}`);
    });
    page.on("pageerror", (error) => console.error(`pageerror: ${error.message}`));
    await page.goto(new URL(pagePath, baseUrl).toString(), { waitUntil: "networkidle" });
    await page.waitForTimeout(800);
    const slug = pagePath.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "index";
    const file = path.join(outDir, `${slug}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
}
