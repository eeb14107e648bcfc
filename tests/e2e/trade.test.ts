import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { e2eAvailability } from "./support/suite";

const availability = e2eAvailability();

describe.runIf(availability.run)("trade chart in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const paintedCount = () =>
    page.$eval("#chart-trade", (canvas) => Number((canvas as HTMLCanvasElement).dataset.painted ?? 0));

  const inkedPixels = () =>
    page.$eval("#chart-trade", (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    });

  it("paints the trade chart, narrows the range, and downloads the matching CSV", async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector("#chart-trade[data-painted]");
    expect(await inkedPixels()).toBeGreaterThan(2000);
    const fullRows = await page.$$eval("#table-trade tbody tr", (rows) => rows.length);
    expect(fullRows).toBeGreaterThan(400);

    const before = await paintedCount();
    await page.fill('input[name="from"]', "2018-07-01");
    await page.fill('input[name="to"]', "2019-12-31");
    await page.click('button[type="submit"]');
    await page.waitForURL(/from=2018-07-01&to=2019-12-31/);
    await page.waitForFunction(
      (previous) => {
        const canvas = document.querySelector<HTMLCanvasElement>("#chart-trade");
        return canvas && Number(canvas.dataset.painted ?? 0) > 0 && document.querySelectorAll("#table-trade tbody tr").length === 18 && canvas.dataset.painted !== String(previous);
      },
      before,
    );
    expect(await inkedPixels()).toBeGreaterThan(2000);
    const href = await page.getAttribute("#download-trade-csv", "href");
    expect(href).toBe("/download/trade.csv?from=2018-07-01&to=2019-12-31");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-trade-csv")]);
    expect(download.suggestedFilename()).toBe("trade_2018-07-01_2019-12-31.csv");
    const csv = fs.readFileSync((await download.path())!, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("date,exports_to_china_usd_bn,imports_from_china_usd_bn,balance_usd_bn");
    expect(csv.slice(1).map((line) => line.slice(0, 7))).toEqual(
      await page.$$eval("#table-trade tbody tr td:first-child", (cells) => cells.map((cell) => cell.textContent)),
    );
    expect(csv).toHaveLength(19);
    expect(pageErrors).toEqual([]);
  });

  it("shows a 400 page with the form for an impossible date", async () => {
    const response = await page.goto(`${server.baseUrl}/?from=2019-02-30`);
    expect(response?.status()).toBe(400);
    expect(await page.textContent('[role="alert"]')).toContain("The date 2019-02-30 does not exist.");
    expect(await page.$('form input[name="from"]')).not.toBeNull();
  });
});
