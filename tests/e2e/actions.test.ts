import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { e2eAvailability } from "./support/suite";

const availability = e2eAvailability();
const ARTIFACTS = path.resolve("artifacts/screenshots");

describe.runIf(availability.run)("tariff actions page in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const errorsOf = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openPage(options: { width: number; javaScriptEnabled?: boolean }) {
    const context = await browser.newContext({
      viewport: { width: options.width, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    errorsOf.set(page, errors);
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    return page;
  }

  const rowValues = (page: Page, label: string) =>
    page.$$eval(`.actions-table tbody td[data-label="${label}"]`, (cells) =>
      cells.map((cell) => cell.textContent ?? ""),
    );

  it("filters from the URL, shows citations and stays within the screen", async () => {
    const page = await openPage({ width: 1440 });
    await page.goto(`${server.baseUrl}/actions?actor=China&from=2018-01-01&to=2019-12-31`);
    const sides = await rowValues(page, "Side");
    expect(sides.length).toBeGreaterThan(0);
    expect(new Set(sides)).toEqual(new Set(["China"]));
    const citations = await rowValues(page, "Citation");
    expect(citations.every((text) => text.trim().length > 0)).toBe(true);
    expect(await page.inputValue('select[name="actor"]')).toBe("China");
    expect(await page.inputValue('input[name="from"]')).toBe("2018-01-01");
    expect(await page.textContent(".range-words")).toContain(
      "effective or scheduled from 1 Jan 2018 to 31 Dec 2019",
    );
    expect(errorsOf.get(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "actions-desktop.png"), fullPage: true });
    await page.context().close();
  });

  it("filters by status from the URL and dates a never-implemented action by its call-off", async () => {
    const page = await openPage({ width: 1440 });
    await page.goto(
      `${server.baseUrl}/actions?status=never+implemented&actor=US&from=2018-01-01&to=2025-12-31`,
    );
    expect(await page.inputValue('select[name="status"]')).toBe("never implemented");
    const statuses = await rowValues(page, "Status");
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((text) => text.includes("never implemented"))).toBe(true);
    const list4b = (await page.textContent("#action-US-301-L4B td[data-label=Effective]")) ?? "";
    expect(list4b.replace(/\s+/g, " ")).toContain("scheduled 15 Dec 2019, called off 13 Dec 2019");
    expect(errorsOf.get(page)).toEqual([]);
    await page.context().close();
  });

  it("filters and sorts without JavaScript through the plain form and heading links", async () => {
    const page = await openPage({ width: 390, javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/actions`);
    const everything = (await rowValues(page, "Side")).length;
    await page.selectOption('select[name="authority"]', "IEEPA");
    await Promise.all([page.waitForURL(/authority=IEEPA/), page.click('button[type="submit"]')]);
    const authorities = await rowValues(page, "Authority");
    expect(authorities.length).toBeGreaterThan(0);
    expect(authorities.length).toBeLessThan(everything);
    expect(new Set(authorities)).toEqual(new Set(["IEEPA"]));

    await Promise.all([
      page.waitForURL(/sort=effective&dir=desc/),
      page.click('th[aria-sort] a, th a[href*="sort=effective"]'),
    ]);
    const dates = await page.$$eval(
      '.actions-table tbody td[data-label="Effective"] > time',
      (times) => times.map((time) => time.getAttribute("datetime") ?? ""),
    );
    expect(dates).toEqual([...dates].sort().reverse());

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    // The first screen, and a few cards further down (the whole page is dozens of screens tall).
    await page.goto(`${server.baseUrl}/actions`);
    await page.screenshot({ path: path.join(ARTIFACTS, "actions-phone.png") });
    await page.evaluate(() => window.scrollTo(0, 2400));
    await page.screenshot({ path: path.join(ARTIFACTS, "actions-phone-cards.png") });
    await page.context().close();
  });
});
