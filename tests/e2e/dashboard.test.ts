import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { e2eAvailability } from "./support/suite";

const availability = e2eAvailability();
const CHARTS = ["tariffs", "coverage", "trade", "currency"] as const;
const ARTIFACTS = path.resolve("artifacts/screenshots");

describe.runIf(availability.run)("dashboard in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  /** Script errors and console errors per page, so an expected 400 elsewhere doesn't leak in. */
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

  async function openPage(
    options: { width?: number; javaScriptEnabled?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      acceptDownloads: true,
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

  const painted = (page: Page, id: string) =>
    page.$eval(`#chart-${id}`, (canvas) =>
      Number((canvas as HTMLCanvasElement).dataset.painted ?? 0),
    );

  const inkedPixels = (page: Page, id: string) =>
    page.$eval(`#chart-${id}`, (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    });

  /** A chart's HTML legend as read on the page: each entry's text, toggle state and dash. */
  const legendOf = (page: Page, id: string) =>
    page.$$eval(`#legend-${id} li`, (items) =>
      items.map((item) => {
        const button = item.querySelector("button");
        return {
          text: item.textContent ?? "",
          pressed: button ? button.getAttribute("aria-pressed") === "true" : null,
          dashed: item.querySelector("path[stroke-dasharray]") !== null,
        };
      }),
    );
  const legendTexts = async (page: Page, id: string) =>
    (await legendOf(page, id)).map((entry) => entry.text);

  async function waitForCharts(page: Page) {
    for (const id of CHARTS) await page.waitForSelector(`#chart-${id}[data-painted]`);
  }

  async function downloadText(page: Page, selector: string) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
    return {
      name: download.suggestedFilename(),
      text: fs.readFileSync((await download.path())!, "utf8"),
    };
  }

  it("paints all four charts over the whole dispute and saves screenshots", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/`);
    await waitForCharts(page);
    for (const id of CHARTS) expect(await inkedPixels(page, id)).toBeGreaterThan(1500);
    expect(await page.textContent(".range-words")).toBe("1 Jan 2017 – 31 Dec 2025");
    expect(await page.textContent(".summary")).toContain("average US tariff on Chinese goods");
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard-desktop.png"), fullPage: true });
    expect(errorsOf.get(page)).toEqual([]);
    const phone = await openPage({ width: 390 });
    await phone.goto(`${server.baseUrl}/`);
    await waitForCharts(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, "dashboard-phone.png"), fullPage: true });
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    for (const pagePath of ["/articles", "/articles/1", "/sources"]) {
      await phone.goto(`${server.baseUrl}${pagePath}`);
      const width = await phone.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(width, pagePath).toBeLessThanOrEqual(0);
    }
  });

  it("the 2025 preset shows the IEEPA steps as event lines and in the summary", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/`);
    await waitForCharts(page);
    await page.click('[data-preset="escalation-2025"]');
    await page.waitForURL(/from=2025-01-01&to=2025-12-31/);
    await page.waitForFunction(
      () => document.querySelector(".range-words")?.textContent === "1 Jan 2025 – 31 Dec 2025",
    );
    await waitForCharts(page);
    // The summary lists the largest actions, each on its effective date, and links to them all.
    expect(await page.textContent(".summary-actions-heading")).toMatch(
      /^Largest tariff actions by trade covered and rate change \(5 of \d+ in the range\):$/,
    );
    const listed = await page.$$eval(".summary-actions li", (items) =>
      items.map((item) => [item.querySelector("time")?.getAttribute("datetime"), item.textContent]),
    );
    expect(listed).toHaveLength(5);
    expect(listed).toContainEqual([
      "2025-04-10",
      "10 Apr 2025 US IEEPA, Reciprocal tariff (all goods): increase 84% → 125% on all goods",
    ]);
    expect(await page.getAttribute("#summary-actions-link", "href")).toBe(
      "/actions?from=2025-01-01&to=2025-12-31",
    );
    // The tariff and trade charts mark the same actions: listed once, under the trade chart, and
    // the tariff card says how many and links there.
    const marked = await page.$$eval(`#card-trade details.events li strong`, (items) =>
      items.map((item) => item.textContent ?? ""),
    );
    expect(marked).toContain(
      "US IEEPA, Reciprocal tariff (all goods): cut 125% → 10% on all goods",
    );
    expect(marked).toContain(
      "China Retaliation, Counter-tariff to the reciprocal tariff (all goods): increase 84% → 125% on all goods",
    );
    // The 34% rates were replaced before they applied: listed in the register, not drawn.
    expect(marked.some((label) => label.includes("→ 34%"))).toBe(false);
    expect(await page.$$("#card-tariffs details.events")).toHaveLength(0);
    expect(await page.textContent("#card-tariffs p.events")).toBe(
      `Tariff actions marked on this chart (${marked.length}): listed under “US goods trade with China”.`,
    );
    expect(await page.getAttribute("#card-tariffs p.events a", "href")).toBe("#trade-events");
    expect(await page.getAttribute("#card-trade details.events", "id")).toBe("trade-events");
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("a preset and a typed range change charts, tables, URL and download links; back restores", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/`);
    await waitForCharts(page);
    const before = await painted(page, "trade");
    await page.click('[data-preset="escalation-2018"]');
    await page.waitForURL(/from=2018-01-01&to=2019-12-31/);
    await page.waitForFunction(
      (previous) =>
        Number(document.querySelector<HTMLCanvasElement>("#chart-trade")?.dataset.painted ?? 0) >
          0 &&
        document.querySelector(".range-words")?.textContent === "1 Jan 2018 – 31 Dec 2019" &&
        previous >= 0,
      before,
    );
    await waitForCharts(page);
    expect(await page.getAttribute("#download-trade-csv", "href")).toBe(
      "/download/trade.csv?from=2018-01-01&to=2019-12-31",
    );

    await page.fill('input[name="from"]', "2019-05-01");
    await page.fill('input[name="to"]', "2019-10-31");
    await page.click('button[type="submit"]');
    await page.waitForURL(/from=2019-05-01&to=2019-10-31/);
    await page.waitForFunction(
      () => document.querySelector(".range-words")?.textContent === "1 May 2019 – 31 Oct 2019",
    );
    await waitForCharts(page);
    for (const id of CHARTS) {
      expect(await page.getAttribute(`#download-${id}-csv`, "href")).toBe(
        `/download/${id}.csv?from=2019-05-01&to=2019-10-31`,
      );
    }
    await page.click('#card-trade a:has-text("Table")');
    await page.waitForSelector("#card-trade #table-trade");
    const dates = await page.$$eval("#table-trade tbody tr td:first-child time", (cells) =>
      cells.map((cell) => cell.getAttribute("datetime") ?? ""),
    );
    expect(dates.length).toBe(18);
    expect(dates.every((date) => date >= "2019-05-01" && date <= "2019-10-31")).toBe(true);
    expect(await page.textContent("#table-trade tbody tr td:first-child")).toBe("May 2019");

    await page.goBack();
    await page.waitForFunction(
      () => document.querySelector(".range-words")?.textContent === "1 Jan 2018 – 31 Dec 2019",
    );
    expect(await page.inputValue('input[name="from"]')).toBe("2018-01-01");
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("dragging on a chart zooms every chart and puts the range in the URL", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2018-01-01&to=2019-12-31`);
    await waitForCharts(page);
    await page.locator("#chart-trade").scrollIntoViewIfNeeded();
    const { x, y, width, height } = (await page.locator("#chart-trade").boundingBox())!;
    await page.mouse.move(x + width * 0.45, y + height * 0.5);
    await page.mouse.down();
    await page.mouse.move(x + width * 0.6, y + height * 0.5, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL((url) => url.searchParams.get("from") !== "2018-01-01");
    const url = new URL(page.url());
    expect(url.searchParams.get("from")! > "2018-01-01").toBe(true);
    expect(url.searchParams.get("to")! < "2019-12-31").toBe(true);
    await page.waitForFunction(
      (from) => document.querySelector<HTMLInputElement>('input[name="from"]')?.value === from,
      url.searchParams.get("from"),
    );
  });

  it("a downloaded CSV holds the same rows as the JSON for the same range", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2019-01-01&to=2019-12-31`);
    await waitForCharts(page);
    for (const id of CHARTS) {
      const csv = await downloadText(page, `#download-${id}-csv`);
      const json = await downloadText(page, `#download-${id}-json`);
      expect(csv.name).toBe(`${id}_2019-01-01_2019-12-31.csv`);
      const rows = JSON.parse(json.text).rows as { date: string; value: number; series: string }[];
      const lines = csv.text
        .trimEnd()
        .split("\r\n")
        .filter((line) => /^\d{4}-\d{2}-\d{2},/.test(line));
      expect(lines.map((line) => line.split(",").slice(0, 2).join(","))).toEqual(
        rows.map((row) => `${row.date},${row.series}`),
      );
    }
    const png = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-trade-png"),
    ]);
    expect(png[0].suggestedFilename()).toBe("trade_2019-01-01_2019-12-31.png");
  });

  it("clicking an article point opens the article at the highlighted figure", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2019-06-01&to=2019-07-31`);
    await waitForCharts(page);
    const target = await page.evaluate(() => {
      const chart = window.tradewarCharts!.coverage;
      for (let i = 0; i < chart.data.datasets.length; i++) {
        const data = chart.data.datasets[i].data;
        const index = data.findIndex((point) => point.href);
        if (index >= 0) {
          const element = chart.getDatasetMeta(i).data[index];
          // as a reader would: the chart scrolled into view, wherever the summary above ends
          chart.canvas.scrollIntoView({ block: "center" });
          const rect = chart.canvas.getBoundingClientRect();
          return { x: rect.left + element.x, y: rect.top + element.y, href: data[index].href! };
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await page.waitForURL((url) => url.pathname.startsWith("/articles/"));
    const hash = new URL(page.url()).hash;
    expect(`${new URL(page.url()).pathname}${hash}`).toBe(target!.href);
    const outline = await page.$eval(hash, (mark) => getComputedStyle(mark).outlineStyle);
    expect(outline).not.toBe("none");
    expect(await page.$eval(hash, (mark) => mark.tagName)).toBe("MARK");
    expect(errorsOf.get(page)).toEqual([]);
  });

  /** Viewport position of a drawn mark: the point whose link or value matches. */
  async function markPosition(
    page: Page,
    chartId: string,
    match: { href?: string; y?: number; x?: string },
  ) {
    return page.evaluate(
      ({ chartId, match }) => {
        const chart = window.tradewarCharts![chartId];
        const rect = chart.canvas.getBoundingClientRect();
        for (let i = 0; i < chart.data.datasets.length; i++) {
          const data = chart.data.datasets[i].data;
          const index = data.findIndex(
            (point) =>
              (match.href === undefined || point.href === match.href) &&
              (match.y === undefined || point.y === match.y) &&
              (match.x === undefined || point.x === Date.parse(`${match.x}T00:00:00Z`)),
          );
          if (index < 0) continue;
          const element = chart.getDatasetMeta(i).data[index];
          return { x: rect.left + element.x, y: rect.top + element.y, href: data[index].href };
        }
        return null;
      },
      { chartId, match },
    );
  }

  it("draws no line across missing months and shades them as no data", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2023-01-01&to=2023-12-31`);
    await waitForCharts(page);
    const exports = await page.evaluate(() => {
      const chart = window.tradewarCharts!.trade;
      const set = chart.data.datasets.find(
        (dataset) => dataset.label === "US exports of goods to China",
      )!;
      return {
        spanGaps: set.spanGaps,
        missing: set.data
          .filter((point) => point.y === null)
          .map((point) => new Date(point.x).toISOString().slice(0, 7)),
      };
    });
    expect(exports.spanGaps).toBe(false);
    expect(exports.missing).toEqual([
      "2023-02",
      "2023-03",
      "2023-04",
      "2023-05",
      "2023-06",
      "2023-07",
      "2023-08",
      "2023-10",
      "2023-11",
      "2023-12",
    ]);
    expect(await legendTexts(page, "trade")).toContain("No data for the period");
    // Inside the Feb–Aug band the plot is shaded, and no exports line crosses it.
    const shade = await page.$eval("#chart-trade", (canvas) => {
      const chart = window.tradewarCharts!.trade;
      const meta = chart.getDatasetMeta(1);
      const ctx = (canvas as HTMLCanvasElement).getContext("2d")!;
      const ratio = (canvas as HTMLCanvasElement).width / canvas.getBoundingClientRect().width;
      const x = (meta.data[0].x + meta.data[8].x) / 2;
      const y = meta.data[0].y;
      const [r, g, b, a] = ctx.getImageData(
        Math.round(x * ratio),
        Math.round(y * ratio),
        1,
        1,
      ).data;
      return { r, g, b, a };
    });
    expect(shade.a).toBeGreaterThan(0);
    expect(Math.max(shade.r, shade.g, shade.b) - Math.min(shade.r, shade.g, shade.b)).toBeLessThan(
      20,
    );
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("a click opens the figure drawn under the pointer, not the nearest by date", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2019-08-01&to=2019-09-30`);
    await waitForCharts(page);
    await page.$eval("#chart-coverage", (canvas) => canvas.scrollIntoView({ block: "center" }));
    // On 1 Sep 2019 the coverage chart has China's $75bn and the US $300bn on the same date.
    const china = await markPosition(page, "coverage", { x: "2019-09-01", y: 75 });
    const us = await markPosition(page, "coverage", { x: "2019-09-01", y: 300 });
    expect(china?.href).toMatch(/^\/articles\/\d+#figure-\d+$/);
    expect(us?.href).not.toBe(china?.href);
    expect(Math.abs(china!.x - us!.x)).toBeLessThan(1);
    await page.mouse.click(china!.x, china!.y);
    await page.waitForURL((url) => url.pathname.startsWith("/articles/"));
    const opened = new URL(page.url());
    expect(`${opened.pathname}${opened.hash}`).toBe(china!.href);
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("lists every figure where marks overlap, and keeps the tooltip inside the viewport", async () => {
    for (const width of [1440, 390]) {
      const page = await openPage({ width });
      await page.goto(`${server.baseUrl}/?from=2019-08-01&to=2019-09-30`);
      await waitForCharts(page);
      await page.$eval("#chart-coverage", (canvas) => canvas.scrollIntoView({ block: "center" }));
      // "$300bn (about €273.0bn)" is one fact: one mark, with the conversion in its tooltip.
      const us = await markPosition(page, "coverage", { x: "2019-09-01", y: 300 });
      await page.mouse.move(us!.x, us!.y);
      const tooltip = page.locator("#tooltip-coverage");
      await tooltip.waitFor({ state: "visible" });
      const text = (await tooltip.textContent()) ?? "";
      expect(text, `${width}px`).toContain("$300bn");
      expect(text, `${width}px`).toContain("€273.0bn");
      expect(text).not.toMatch(/bn USD bn/);
      expect(text).toContain("1 Sep 2019");

      // Two different figures drawn on one spot (the same rate quoted for both sides on one
      // day): the tooltip lists both.
      await page.goto(`${server.baseUrl}/?from=2018-01-01&to=2019-12-31`);
      await waitForCharts(page);
      await page.$eval("#chart-tariffs", (canvas) => canvas.scrollIntoView({ block: "center" }));
      const overlap = await page.evaluate(() => {
        const chart = window.tradewarCharts!.tariffs;
        const rect = chart.canvas.getBoundingClientRect();
        const marks: { x: number; y: number; href: string }[] = [];
        chart.data.datasets.forEach((set, i) =>
          set.data.forEach((point, j) => {
            const element = chart.getDatasetMeta(i).data[j];
            if (point.href) marks.push({ x: element.x, y: element.y, href: point.href });
          }),
        );
        for (const a of marks)
          for (const b of marks)
            if (a.href !== b.href && Math.hypot(a.x - b.x, a.y - b.y) < 1)
              return { x: rect.left + a.x, y: rect.top + a.y };
        return null;
      });
      expect(overlap, `${width}px: two article marks on one spot`).not.toBeNull();
      await page.mouse.move(overlap!.x, overlap!.y);
      const shared = page.locator("#tooltip-tariffs");
      await shared.waitFor({ state: "visible" });
      expect(await shared.locator(".chart-tooltip__entry").count()).toBeGreaterThanOrEqual(2);

      // A long quote near the right edge wraps inside a box that stays on screen.
      await page.goto(`${server.baseUrl}/`);
      await waitForCharts(page);
      await page.$eval("#chart-tariffs", (canvas) => canvas.scrollIntoView({ block: "center" }));
      const rightmost = await page.evaluate(() => {
        const chart = window.tradewarCharts!.tariffs;
        const rect = chart.canvas.getBoundingClientRect();
        let best: { x: number; y: number } | null = null;
        chart.data.datasets.forEach((set, i) =>
          set.data.forEach((point, j) => {
            const element = chart.getDatasetMeta(i).data[j];
            if (point.href && (!best || element.x > best.x - rect.left))
              best = { x: rect.left + element.x, y: rect.top + element.y };
          }),
        );
        return best as { x: number; y: number } | null;
      });
      await page.mouse.move(rightmost!.x, rightmost!.y);
      const box = page.locator("#tooltip-tariffs");
      await box.waitFor({ state: "visible" });
      const bounds = (await box.boundingBox())!;
      expect(bounds.x, `${width}px`).toBeGreaterThanOrEqual(0);
      expect(bounds.x + bounds.width, `${width}px`).toBeLessThanOrEqual(width);
      expect(bounds.y).toBeGreaterThanOrEqual(0);
      expect(bounds.y + bounds.height).toBeLessThanOrEqual(900);
      const overflow = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errorsOf.get(page)).toEqual([]);
    }
  });

  it("leaves every chart a plot of at least 180 px however many legend rows it has", async () => {
    // The tariff chart's eleven legend entries wrap to seven rows in a half-width card: drawn on
    // the canvas in a fixed 300 px box, they left a 122-130 px plot; the HTML legend sits above
    // the box, and this keeps anything from taking the plot's room again.
    for (const width of [1440, 1100, 390]) {
      const page = await openPage({ width });
      await page.goto(`${server.baseUrl}/`);
      await waitForCharts(page);
      const heights = await page.evaluate(() =>
        Object.fromEntries(
          Object.entries(window.tradewarCharts!).map(([id, chart]) => [
            id,
            Math.round(chart.chartArea.bottom - chart.chartArea.top),
          ]),
        ),
      );
      for (const id of CHARTS) expect(heights[id], `${width}px ${id}`).toBeGreaterThanOrEqual(180);
    }
  });

  it("keeps tooltips on screen and off the sticky range bar for marks just below it", async () => {
    for (const width of [1440, 390]) {
      const page = await openPage({ width });
      await page.goto(`${server.baseUrl}/?from=2018-01-01&to=2019-12-31`);
      await waitForCharts(page);
      for (const id of ["tariffs", "trade"]) {
        // Scroll so the top of the plot sits just under the bar (under the top edge on a
        // phone, where the bar does not stick), then hover the highest mark still in view.
        const mark = await page.evaluate((id) => {
          const chart = window.tradewarCharts![id];
          const bar = document.querySelector(".range-bar")!;
          const barHeight =
            getComputedStyle(bar).position === "sticky" ? bar.getBoundingClientRect().height : 0;
          const before = chart.canvas.getBoundingClientRect();
          window.scrollBy(0, before.top + chart.chartArea.top - barHeight + 20);
          const rect = chart.canvas.getBoundingClientRect();
          let best: { x: number; y: number } | null = null;
          chart.data.datasets.forEach((set, i) =>
            set.data.forEach((point, j) => {
              const element = chart.getDatasetMeta(i).data[j];
              const y = rect.top + element.y;
              const x = rect.left + element.x;
              if (point.y === null || y < barHeight + 6 || x > rect.left + chart.chartArea.right)
                return;
              if (!best || y < best.y) best = { x, y };
            }),
          );
          return best as { x: number; y: number } | null;
        }, id);
        expect(mark, `${width}px ${id}`).not.toBeNull();
        await page.mouse.move(mark!.x, mark!.y);
        const tooltip = page.locator(`#tooltip-${id}`);
        await tooltip.waitFor({ state: "visible" });
        const box = (await tooltip.boundingBox())!;
        const bar = (await page.locator(".range-bar").boundingBox())!;
        const label = `${width}px ${id}`;
        expect(box.x, label).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, label).toBeLessThanOrEqual(width);
        expect(box.y + box.height, label).toBeLessThanOrEqual(900);
        // Below the bar when the bar is in view (stuck at the top on desktop), else below the top.
        expect(box.y, label).toBeGreaterThanOrEqual(Math.max(0, bar.y + bar.height));
        if (width === 1440) expect(bar.y, label).toBe(0);
        // The box does not hide the mark it describes.
        const covers =
          mark!.x >= box.x &&
          mark!.x <= box.x + box.width &&
          mark!.y >= box.y &&
          mark!.y <= box.y + box.height;
        expect(covers, label).toBe(false);
        await page.mouse.move(0, 899);
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      expect(errorsOf.get(page)).toEqual([]);
    }
  });

  it("keeps the all-data view readable: round-year ticks, smaller rings, only actions in range", async () => {
    for (const width of [1440, 390]) {
      const page = await openPage({ width });
      await page.goto(`${server.baseUrl}/?from=1971-01-01`);
      await waitForCharts(page);
      const view = await page.evaluate(() => {
        const charts = window.tradewarCharts!;
        const ticks = (id: string) =>
          charts[id].scales.x.ticks.map((tick) => new Date(tick.value).getUTCFullYear());
        const rings: number[] = [];
        const chart = charts.tariffs;
        chart.data.datasets.forEach((set, i) => {
          if (set.showLine !== false) return;
          chart.getDatasetMeta(i).data.forEach((element) => rings.push(element.options.radius));
        });
        const events = [...document.querySelectorAll("#card-trade details.events time")].map(
          (time) => time.getAttribute("datetime") ?? "",
        );
        return {
          tariffTicks: ticks("tariffs"),
          tradeTicks: ticks("trade"),
          rings,
          events,
          axisEnd: new Date(charts.trade.scales.x.max).toISOString().slice(0, 10),
        };
      });
      const label = `${width}px`;
      for (const years of [view.tariffTicks, view.tradeTicks]) {
        expect(years.length, label).toBeGreaterThanOrEqual(2);
        expect(
          years.every((year) => year % 10 === 0),
          `${label}: ${years}`,
        ).toBe(true);
      }
      // Every article figure is still drawn, as a smaller ring than on a short range.
      expect(view.rings.length, label).toBeGreaterThan(50);
      expect(Math.max(...view.rings), label).toBeLessThan(5);
      // Actions the axis does not reach are neither drawn nor listed as marked on the chart.
      const rangeEnd = view.axisEnd;
      expect(rangeEnd, label).toBe("2025-12-31");
      expect(view.events.length, label).toBeGreaterThan(50);
      expect(
        view.events.every((date) => date <= rangeEnd),
        label,
      ).toBe(true);
      await page.screenshot({
        path: path.join(ARTIFACTS, `all-data-${width}.png`),
        fullPage: true,
      });
      expect(errorsOf.get(page)).toEqual([]);
    }
  });

  /** A chart's PNG download: its size, text chunks and pixels as measured in the page. */
  async function downloadPng(page: Page, chartId: string) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`#download-${chartId}-png`),
    ]);
    const png = fs.readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const texts = new Map<string, string>();
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString("latin1");
      if (type === "iTXt") {
        const data = png.subarray(at + 8, at + 8 + length);
        const keyword = data.subarray(0, data.indexOf(0)).toString("latin1");
        texts.set(keyword, data.subarray(data.indexOf(0) + 5).toString("utf8"));
      }
      at += 12 + length;
    }
    // Every pixel opaque; the background is the corner's colour; the title band carries ink.
    const pixels = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(image, 0, 0);
      const all = ctx.getImageData(0, 0, image.width, image.height).data;
      let transparent = 0;
      for (let i = 3; i < all.length; i += 4) if (all[i] < 255) transparent++;
      const corner = ctx.getImageData(2, 2, 1, 1).data;
      const background = [corner[0], corner[1], corner[2]];
      const title = ctx.getImageData(40, 40, 600, 50).data;
      let inked = 0;
      let inkLightness = 0;
      for (let i = 0; i < title.length; i += 4) {
        const off =
          Math.abs(title[i] - background[0]) +
          Math.abs(title[i + 1] - background[1]) +
          Math.abs(title[i + 2] - background[2]);
        if (off > 60) {
          inked++;
          inkLightness += (title[i] + title[i + 1] + title[i + 2]) / 3;
        }
      }
      return {
        transparent,
        background,
        inked,
        inkLightness: inked > 0 ? inkLightness / inked : 0,
      };
    }, png.toString("base64"));
    return {
      name: download.suggestedFilename(),
      width: png.readUInt32BE(16),
      height: png.readUInt32BE(20),
      texts,
      bytes: png,
      ...pixels,
    };
  }

  /**
   * Pixels of each theme colour (exact matches) above a PNG's plot: the plot starts at the first
   * row that is mostly the grid colour (its top grid line); above it are the title, the unit line
   * and the legend, of which only the legend's swatches are drawn in series colours.
   */
  const inkAbovePlot = (page: Page, png: Buffer, colorVars: string[]) =>
    page.evaluate(
      async ({ base64, colorVars }) => {
        const rgbOf = (colorVar: string) => {
          const probe = document.createElement("div");
          probe.style.color = getComputedStyle(document.documentElement).getPropertyValue(colorVar);
          document.body.append(probe);
          const rgb = getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number);
          probe.remove();
          return rgb;
        };
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const ctx = canvas.getContext("2d")!;
        ctx.drawImage(image, 0, 0);
        const { data } = ctx.getImageData(0, 0, image.width, image.height);
        const is = (i: number, [r, g, b]: number[]) =>
          data[i] === r && data[i + 1] === g && data[i + 2] === b;
        const grid = rgbOf("--border");
        let plotTop = image.height;
        for (let y = 0; y < image.height && plotTop === image.height; y++) {
          let count = 0;
          for (let x = 0; x < image.width; x++) if (is((y * image.width + x) * 4, grid)) count++;
          if (count > image.width * 0.4) plotTop = y;
        }
        const counts: Record<string, number> = {};
        for (const colorVar of colorVars) {
          const rgb = rgbOf(colorVar);
          let count = 0;
          for (let i = 0; i < plotTop * image.width * 4; i += 4) if (is(i, rgb)) count++;
          counts[colorVar] = count;
        }
        return { plotTop, height: image.height, counts };
      },
      { base64: png.toString("base64"), colorVars },
    );

  /** The page's background colour (the theme's --bg) as RGB. */
  const pageBackground = (page: Page) =>
    page.evaluate(() => {
      const probe = document.createElement("div");
      probe.style.color = getComputedStyle(document.documentElement).getPropertyValue("--bg");
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number);
      probe.remove();
      return rgb;
    });

  it("saves a chart as a publishable PNG: 2x pixels, opaque, titled, with source and URL", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2019-01-01&to=2019-12-31`);
    await waitForCharts(page);
    const png = await downloadPng(page, "trade");
    expect(png.name).toBe("trade_2019-01-01_2019-12-31.png");
    expect(png.width).toBeGreaterThanOrEqual(1200);
    expect(png.height).toBeGreaterThan(600);
    expect(png.texts.get("Title")).toBe("US goods trade with China, 1 Jan 2019 – 31 Dec 2019");
    expect(png.texts.get("Source")).toContain("U.S. Census Bureau");
    expect(png.texts.get("URL")).toBe(`${server.baseUrl}/?from=2019-01-01&to=2019-12-31`);
    expect(png.transparent).toBe(0);
    expect(png.background).toEqual(await pageBackground(page));
    expect(png.inked).toBeGreaterThan(500);
    expect(png.inkLightness).toBeLessThan(100);
  });

  it("draws the legend on the PNG: a swatch above the plot for each shown series, none for a hidden one", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2019-01-01&to=2019-12-31`);
    await waitForCharts(page);
    // Imports, exports and the balance each have their own colour on the trade chart.
    const series = ["--china", "--us", "--balance"];
    const shown = await inkAbovePlot(page, (await downloadPng(page, "trade")).bytes, series);
    // The plot is found well below the title and above the footer.
    expect(shown.plotTop).toBeGreaterThan(200);
    expect(shown.plotTop).toBeLessThan(shown.height - 800);
    for (const colorVar of series) expect(shown.counts[colorVar], colorVar).toBeGreaterThan(30);
    await page.click('#legend-trade button:has-text("balance")');
    await page.waitForURL(/hide=trade.balance/);
    await page.waitForFunction(() => !window.tradewarCharts?.trade?.isDatasetVisible(2));
    const hidden = await inkAbovePlot(page, (await downloadPng(page, "trade")).bytes, series);
    expect(hidden.counts["--balance"]).toBe(0);
    expect(hidden.counts["--china"]).toBeGreaterThan(30);
    expect(hidden.counts["--us"]).toBeGreaterThan(30);
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("saves the PNG in the dark theme on a dark background with light text, also after a live switch", async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      colorScheme: "dark",
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.baseUrl}/?from=2019-01-01&to=2019-12-31`);
    await waitForCharts(page);
    const dark = await pageBackground(page);
    // The dark theme's background is dark (the stylesheet's --bg under prefers-color-scheme).
    expect(Math.max(...dark)).toBeLessThan(60);
    for (const id of ["trade", "currency"]) {
      const png = await downloadPng(page, id);
      expect(png.width, id).toBeGreaterThanOrEqual(1200);
      expect(png.height, id).toBeGreaterThan(600);
      expect(png.transparent, id).toBe(0);
      expect(png.background, id).toEqual(dark);
      expect(png.inked, id).toBeGreaterThan(500);
      expect(png.inkLightness, id).toBeGreaterThan(160);
    }
    expect((await downloadPng(page, "trade")).texts.get("Title")).toBe(
      "US goods trade with China, 1 Jan 2019 – 31 Dec 2019",
    );
    // The reader switches the system theme while the page is open: the PNG follows, and so
    // does the chart on the page (its axis text is redrawn in the light theme's colours).
    await page.emulateMedia({ colorScheme: "light" });
    const light = await pageBackground(page);
    expect(Math.min(...light)).toBeGreaterThan(200);
    const switched = await downloadPng(page, "trade");
    expect(switched.background).toEqual(light);
    expect(switched.inkLightness).toBeLessThan(100);
    await page.waitForFunction(() => {
      const chart = window.tradewarCharts?.trade;
      const muted = getComputedStyle(document.documentElement).getPropertyValue("--muted").trim();
      const ticks = (chart?.scales.x.options as { ticks?: { color?: unknown } } | undefined)?.ticks;
      return ticks?.color === muted;
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("filters without JavaScript through the server-rendered form and tables", async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/`);
    // In each chart's box, how many rows it has and links to all of them; no rows of its own.
    expect(await page.$("#table-trade")).toBeNull();
    expect(await page.textContent("#card-trade .chart-box--placeholder")).toMatch(
      /Without JavaScript, its \d+ rows are in the table view and the CSV\./,
    );
    await page.click('#card-trade .chart-box a:has-text("table view")');
    await page.waitForURL(/tab_trade=table/);
    expect(await page.$$eval("#table-trade tbody tr", (rows) => rows.length)).toBeGreaterThan(100);
    await page.fill('input[name="from"]', "2020-01-01");
    await page.fill('input[name="to"]', "2020-03-31");
    await page.click('button[type="submit"]');
    await page.waitForURL(/from=2020-01-01&to=2020-03-31/);
    // Months read as months on screen; the ISO date stays in the markup (and the CSV).
    const dates = await page.$$eval("#table-trade tbody tr td:first-child time", (cells) =>
      cells.map((cell) => [cell.textContent, cell.getAttribute("datetime")]),
    );
    expect(dates).toEqual(
      ["Jan 2020", "Feb 2020", "Mar 2020"].flatMap((month, i) =>
        Array(3).fill([month, `2020-0${i + 1}-01`]),
      ),
    );
    const bad = await page.goto(`${server.baseUrl}/?from=2019-02-30`);
    expect(bad?.status()).toBe(400);
    expect(await page.textContent('[role="alert"]')).toContain(
      "The date 2019-02-30 does not exist.",
    );
    const reversed = await page.goto(`${server.baseUrl}/?from=2020-01-01&to=2019-01-01`);
    expect(reversed?.status()).toBe(400);
    expect(await page.getAttribute("#swap-range", "href")).toBe("/?from=2019-01-01&to=2020-01-01");
    expect(await page.$$eval(".presets a.chip", (links) => links.length)).toBeGreaterThanOrEqual(5);
  });

  it("transforms, legend toggles and keyboard tooltips live in the URL and the chart", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2018-01-01&to=2019-12-31`);
    await waitForCharts(page);
    await page.click('#card-trade a:has-text("YoY %")');
    await page.waitForURL(/t_trade=yoy/);
    await page.waitForFunction(() =>
      document
        .querySelector("#card-trade .chart-card__unit")
        ?.textContent?.includes("% change on the same month a year earlier"),
    );
    expect(await page.getAttribute("#download-trade-csv", "href")).toBe(
      "/download/trade.csv?from=2018-01-01&to=2019-12-31&t_trade=yoy",
    );
    // The balance is not drawn as a % change, so the legend does not offer it as a line.
    await page.waitForFunction(
      () => !document.querySelector("#legend-trade")?.textContent?.includes("trade balance"),
    );
    const yoyLegend = await legendTexts(page, "trade");
    expect(yoyLegend.some((text) => text.startsWith("US imports"))).toBe(true);
    expect(yoyLegend).not.toContain("US trade balance in goods with China");
    const csv = await downloadText(page, "#download-trade-csv");
    expect(csv.text).toContain("% change on the same month a year earlier");
    // The balance keeps its rows, with an empty value and the reason in the note column.
    expect(csv.text).toMatch(
      /,balance,[^\n]*,,% change on the same month a year earlier,[^\n]*a balance is a difference/,
    );

    // The legend toggles a series and records it in the URL; the download links ignore view-only state.
    await page.click('#legend-tariffs button:has-text("US average")');
    await page.waitForURL(/hide=tariffs.us_on_china/);
    await page.waitForFunction(() => {
      const chart = window.tradewarCharts?.tariffs;
      return chart && !chart.isDatasetVisible(0);
    });
    expect(await page.getAttribute("#download-tariffs-csv", "href")).toBe(
      "/download/tariffs.csv?from=2018-01-01&to=2019-12-31&t_trade=yoy",
    );

    // Arrow keys on a focused chart show a tooltip.
    await page.focus("#chart-currency");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const tooltip = page.locator("#tooltip-currency");
    await tooltip.waitFor({ state: "visible" });
    expect(await tooltip.textContent()).toContain("Chinese yuan per US dollar");
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("legend: series are buttons reached and toggled from the keyboard, threat marks included", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2018-01-01&to=2019-12-31`);
    await waitForCharts(page);
    const focused = () =>
      page.evaluate(() => ({
        text: document.activeElement?.textContent,
        pressed: document.activeElement?.getAttribute("aria-pressed"),
      }));
    const visible = (index: number) =>
      page.evaluate((index) => window.tradewarCharts!.tariffs.isDatasetVisible(index), index);
    // The legend comes right after the card's tools in the tab order, before the chart.
    await page.focus("#download-tariffs-png");
    await page.keyboard.press("Tab");
    expect(await focused()).toEqual({
      text: "US average tariff on Chinese exports",
      pressed: "true",
    });
    await page.keyboard.press("Enter");
    await page.waitForURL(/hide=tariffs.us_on_china/);
    await page.waitForFunction(() => !window.tradewarCharts?.tariffs?.isDatasetVisible(0));
    // Focus stays on the button, which now says the series is not shown.
    expect(await focused()).toEqual({
      text: "US average tariff on Chinese exports",
      pressed: "false",
    });
    await page.keyboard.press("Tab");
    expect((await focused()).text).toBe("Chinese average tariff on US exports");
    await page.keyboard.press("Space");
    await page.waitForURL(/hide=tariffs.china_on_us%2Ctariffs.us_on_china/);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    await page.waitForURL((url) => url.searchParams.get("hide") === "tariffs.china_on_us");
    await page.waitForFunction(() => window.tradewarCharts?.tariffs?.isDatasetVisible(0));
    expect(await visible(1)).toBe(false);
    // Article threats (issue 11) are a series like any other: listed, and hidden from the keyboard.
    const threats = page.locator('#legend-tariffs button:has-text("Threatened or proposed")');
    expect(await threats.count()).toBeGreaterThan(0);
    const threatIndex = await page.evaluate(() =>
      window.tradewarCharts!.tariffs.data.datasets.findIndex((set) =>
        set.label?.startsWith("Threatened or proposed"),
      ),
    );
    expect(await visible(threatIndex)).toBe(true);
    await threats.first().focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (index) => !window.tradewarCharts?.tariffs?.isDatasetVisible(index),
      threatIndex,
    );
    expect(await threats.first().getAttribute("aria-pressed")).toBe("false");
    // Kinds of mark are listed but are not toggles.
    expect(await page.locator('#legend-tariffs button:has-text("Tariff action")').count()).toBe(0);
    expect(await legendTexts(page, "tariffs")).toContain("Tariff action (dashed line)");
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("small multiples: the button draws one panel per currency, each on its own axis, and the URL keeps it", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2018-01-01&to=2019-12-31&fx=cny,gbp,eur,jpy`);
    await waitForCharts(page);
    expect(await page.locator("#card-currency canvas").count()).toBe(1);
    await page.click('#card-currency a:has-text("Small multiples")');
    await page.waitForURL(/fx_view=multiples/);
    await page.waitForFunction(
      () => document.querySelectorAll("#card-currency canvas").length === 4,
    );
    expect(
      await page.getAttribute('#card-currency a:has-text("Small multiples")', "aria-current"),
    ).toBe("true");
    // Each panel is in its own unit, not an index: the pound's panel reads in dollars per pound.
    expect(await page.textContent("#card-currency")).not.toContain("index, 2 Jan 2018 = 100");
    // A fresh load of the same URL (through the response cache) keeps the view.
    await page.reload();
    await page.waitForFunction(
      () => document.querySelectorAll("#card-currency canvas[data-painted]").length === 4,
    );
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("scrolls a chart focused from below into view clear of the sticky range bar", async () => {
    const page = await openPage({ width: 1366 });
    await page.goto(`${server.baseUrl}/`);
    await waitForCharts(page);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    // The second chart sits in the first row: focusing it from the bottom scrolls it back up.
    await page.focus(`#chart-${CHARTS[1]}`);
    const bar = (await page.locator(".range-bar").first().boundingBox())!;
    const chart = (await page.locator(`#chart-${CHARTS[1]}`).boundingBox())!;
    expect(chart.y).toBeGreaterThanOrEqual(bar.y + bar.height);
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("serves repeated views from the response cache, compressed when asked", async () => {
    const url = `${server.baseUrl}/?from=2019-03-01&to=2019-04-30`;
    // Each response has its own CSP nonce; apart from it, a cached page is the page first sent.
    const withoutNonce = async (response: Response) =>
      (await response.text()).replace(/nonce="[^"]+"/g, 'nonce=""');
    const first = await fetch(url, { headers: { "accept-encoding": "identity" } });
    const firstBody = await withoutNonce(first);
    expect(first.headers.get("x-cache")).toBe("miss");
    const second = await fetch(url, { headers: { "accept-encoding": "identity" } });
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(await withoutNonce(second)).toBe(firstBody);
    // fetch() decodes gzip itself; the header shows what was sent.
    const zipped = await fetch(url, { headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(await withoutNonce(zipped)).toBe(firstBody);
    const csv = await fetch(`${server.baseUrl}/download/trade.csv?from=2019&to=2019`);
    await csv.text();
    const again = await fetch(`${server.baseUrl}/download/trade.csv?from=2019&to=2019`);
    expect(again.headers.get("x-cache")).toBe("hit");
    expect(again.headers.get("content-disposition")).toBe(
      'attachment; filename="trade_2019-01-01_2019-12-31.csv"',
    );
    const bad = await fetch(`${server.baseUrl}/?from=2019-02-30`);
    expect(bad.status).toBe(400);
    expect((await fetch(`${server.baseUrl}/?from=2019-02-30`)).headers.get("x-cache")).toBe("miss");
  });

  it("has no serious or critical axe-core violations", async () => {
    const axeSource = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");
    for (const pagePath of ["/", "/articles", "/sources"]) {
      const page = await openPage();
      await page.goto(`${server.baseUrl}${pagePath}`);
      if (pagePath === "/") await waitForCharts(page);
      // Evaluated through the debugger protocol: the page's CSP rightly refuses inline scripts.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: {
              run: (context: Document) => Promise<{
                violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
              }>;
            };
          }
        ).axe.run(document);
        return result.violations
          .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
          .map(
            (violation) =>
              `${violation.id}: ${violation.nodes
                .slice(0, 3)
                .map((node) => node.target.join(" "))
                .join(", ")}`,
          );
      });
      expect(violations, pagePath).toEqual([]);
    }
  });

  /** The event lines a chart actually drew (its plugin records them on the canvas). */
  const drawnEvents = (page: Page, id: string) =>
    page.$eval(`#chart-${id}`, (canvas) =>
      JSON.parse((canvas as HTMLCanvasElement).dataset.eventLines ?? "[]"),
    ) as Promise<{ date: string; actor: string; authority: string; label: string }[]>;

  it("a side filter in the URL removes the other side's event lines; the form changes it", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2025-01-01&to=2025-12-31`);
    await waitForCharts(page);
    const all = await drawnEvents(page, "tariffs");
    expect(new Set(all.map((e) => e.actor))).toEqual(new Set(["US", "China"]));

    await page.goto(`${server.baseUrl}/?from=2025-01-01&to=2025-12-31&actor=US`);
    await waitForCharts(page);
    for (const id of ["tariffs", "trade"]) {
      const drawn = await drawnEvents(page, id);
      expect(drawn.length, id).toBe(all.filter((e) => e.actor === "US").length);
      expect(
        drawn.every((e) => e.actor === "US"),
        id,
      ).toBe(true);
      expect(await page.textContent(`#card-${id} .chart-notes`)).toContain(
        "Tariff-action lines: US actions only",
      );
    }
    // With JavaScript, choosing in the select applies at once and keeps the range.
    await page.selectOption("#tariffs-authority", "IEEPA");
    await page.waitForURL(/authority=IEEPA/);
    await page.waitForFunction(() => {
      const lines = document.querySelector<HTMLCanvasElement>("#chart-trade")?.dataset.eventLines;
      return (
        !!lines && JSON.parse(lines).every((e: { authority: string }) => e.authority === "IEEPA")
      );
    });
    const url = new URL(page.url());
    expect(url.searchParams.get("from")).toBe("2025-01-01");
    expect(url.searchParams.get("actor")).toBe("US");
    const ieepa = await drawnEvents(page, "trade");
    expect(ieepa.map((e) => e.date)).toContain("2025-04-10");
    expect(ieepa.every((e) => e.actor === "US" && e.authority === "IEEPA")).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard-event-filter.png") });
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("filters the event lines without JavaScript (plain GET form) and refuses an unknown side", async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/?from=2025-01-01&to=2025-12-31`);
    await page.selectOption("#trade-actor", "China");
    await page.click('#card-trade .event-filter button[type="submit"]');
    await page.waitForURL(/actor=China/);
    expect(new URL(page.url()).searchParams.get("from")).toBe("2025-01-01");
    // Without JavaScript the marked actions are counted, and the Actions page lists them.
    const count = Number(
      /marked on this chart: (\d+)\./.exec((await page.textContent("#trade-events")) ?? "")?.[1],
    );
    expect(count).toBeGreaterThan(0);
    expect(await page.textContent("#card-tariffs p.events")).toContain(`(${count})`);
    const actionsHref = await page.getAttribute("#trade-events a", "href");
    expect(actionsHref).toBe("/actions?from=2025-01-01&to=2025-12-31&actor=China");
    await page.goto(`${server.baseUrl}${actionsHref}`);
    const sides = await page.$$eval('.actions-table tbody td[data-label="Side"]', (cells) =>
      cells.map((cell) => cell.textContent?.trim() ?? ""),
    );
    expect(sides.length).toBeGreaterThan(0);
    expect(new Set(sides)).toEqual(new Set(["China"]));
    const response = await page.goto(`${server.baseUrl}/?actor=Mexico`);
    expect(response?.status()).toBe(400);
    expect(await page.textContent("main")).toContain('Unknown actor "Mexico"');
    await page.click("#clear-event-filter");
    await page.waitForURL((u) => !u.searchParams.has("actor"));
    expect(await page.$("#card-tariffs")).not.toBeNull();
  });

  it("coverage: the announced layer is dashed in chart and legend, steps rise on their own date, and the share view says what it shows", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2019-10-01&to=2021-12-31`);
    await waitForCharts(page);
    const drawn = await page.evaluate(() => {
      const chart = window.tradewarCharts!.coverage;
      const index = chart.data.datasets.findIndex(
        (set) => set.label === "US tariffs in force or announced (dashed)",
      );
      const { x, y } = chart.scales;
      const ctx = chart.canvas.getContext("2d")!;
      const ratio = chart.canvas.width / chart.canvas.getBoundingClientRect().width;
      /** Any ink within 2 px of the value's height on that day. */
      const inkedAt = (date: string, value: number) => {
        const px = x.getPixelForValue(Date.parse(`${date}T00:00:00Z`));
        const py = y.getPixelForValue(value);
        const data = ctx.getImageData(
          (px - 2) * ratio,
          (py - 2) * ratio,
          4 * ratio,
          4 * ratio,
        ).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
        return false;
      };
      return {
        dash: (chart.data.datasets[index] as { borderDash?: number[] }).borderDash ?? [],
        // List 4B ($160bn) was pending from 13 Aug to 13 Dec 2019 (called off two days before its
        // scheduled 15 Dec): $522bn announced or in force.
        pendingDrawn: inkedAt("2019-11-15", 522),
        pendingAfterEnd: inkedAt("2020-03-01", 522),
      };
    });
    expect(drawn.dash.length).toBeGreaterThan(0);
    const legend = await legendOf(page, "coverage");
    expect(legend).toContainEqual({
      text: "US tariffs in force or announced (dashed)",
      pressed: true,
      dashed: true,
    });
    expect(legend).toContainEqual({
      text: "US tariffs in force on Chinese goods",
      pressed: true,
      dashed: false,
    });
    expect(drawn.pendingDrawn).toBe(true);
    expect(drawn.pendingAfterEnd).toBe(false);

    await page.click('#card-coverage a:has-text("% of imports")');
    await page.waitForURL(/view_coverage=share/);
    await page.waitForFunction(
      () =>
        (
          window.tradewarCharts?.coverage?.scales.y.options as
            { title?: { text?: string } } | undefined
        )?.title?.text === "% of previous year's imports covered",
    );
    expect(await page.textContent("#card-coverage .chart-card__unit")).toContain(
      "as a percent of its imports from the other side in the previous calendar year",
    );
    const csv = await downloadText(page, "#download-coverage-csv");
    expect(csv.text).toContain("percent of the previous year's US imports from China");
    expect(errorsOf.get(page)).toEqual([]);
  });

  it("tariffs: the register's statutory rates are a second, labelled, hideable layer that stops at its data and is in the CSV", async () => {
    const page = await openPage();
    await page.goto(`${server.baseUrl}/?from=2025-01-01&to=2025-12-31`);
    await waitForCharts(page);
    const layer = () =>
      page.evaluate(() => {
        const chart = window.tradewarCharts!.tariffs;
        const index = chart.data.datasets.findIndex(
          (set) => set.label === "US IEEPA, statutory rate (register)",
        );
        const points = chart.data.datasets[index].data as { x: number; y: number | null }[];
        return {
          index,
          visible: index >= 0 && chart.isDatasetVisible(index),
          peak: Math.max(...points.map((p) => p.y ?? 0)),
          last: new Date(points.at(-1)!.x).toISOString().slice(0, 10),
          official: chart.data.datasets.slice(0, 2).map((set) => set.label),
        };
      });
    const shown = await layer();
    expect(shown.visible).toBe(true);
    expect(shown.peak).toBe(145);
    // The register describes 30 Nov 2025: the line stops there, not at the range end.
    expect(shown.last).toBe("2025-11-30");
    expect(await legendTexts(page, "tariffs")).toContain("US IEEPA, statutory rate (register)");
    expect(shown.official).toEqual([
      "US average tariff on Chinese exports",
      "Chinese average tariff on US exports",
    ]);
    const csv = await downloadText(page, "#download-tariffs-csv");
    const ieepaRows = csv.text
      .split("\r\n")
      .filter((line) => line.includes(",statutory_us_ieepa,"));
    expect(ieepaRows.length).toBe(7);
    expect(
      ieepaRows.some((line) =>
        line.startsWith("2025-04-10,statutory_us_ieepa,US IEEPA, statutory rate (register),145,"),
      ),
    ).toBe(false);
    expect(
      ieepaRows.some((line) =>
        line.startsWith('2025-04-10,statutory_us_ieepa,"US IEEPA, statutory rate (register)",145,'),
      ),
    ).toBe(true);
    await page.click("#statutory-hide");
    await page.waitForURL(/hide=/);
    await page.waitForFunction(() => {
      const chart = window.tradewarCharts?.tariffs;
      if (!chart) return false;
      const index = chart.data.datasets.findIndex((set) => set.label?.includes("statutory rate"));
      return index >= 0 && !chart.isDatasetVisible(index);
    });
    expect((await layer()).visible).toBe(false);
    // Hiding changes the view, never the download.
    expect((await downloadText(page, "#download-tariffs-csv")).text).toBe(csv.text);
    expect(errorsOf.get(page)).toEqual([]);
  });
});
