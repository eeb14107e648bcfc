/**
 * What the server-rendered pages say, read as a new reader would: labels that claim no more than
 * the data (a growth rate is not a tariff rate), spans that follow a series' frequency, and an
 * unknown address answered in plain words. (Runs once, in the PGlite pass.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";

/** The page's text with tags dropped and entities of the few kinds React writes decoded. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("pages in plain words", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { LOG_REQUESTS: "off" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const page = async (path: string) => {
    const response = await fetch(`${server.baseUrl}${path}`);
    return { status: response.status, html: await response.text() };
  };

  it("never calls a percentage that is not a tariff rate a tariff rate", async () => {
    const list = await page("/articles?from=2025-02-05&to=2025-02-05");
    expect(list.status).toBe(200);
    // The brief on 2024's trade quotes 5.7%, 2.7% and 3.0% changes: percentages, no tariff rate.
    const id = /href="\/articles\/(\d+)"[^>]*>2024 data show a slightly wider gap/.exec(
      list.html,
    )?.[1];
    expect(id).toBeDefined();
    expect(text(list.html)).not.toMatch(/Tariff rates/);
    expect(list.html).toContain(">Percentages</th>");

    const article = await page(`/articles/${id}`);
    const words = text(article.html);
    expect(words).toMatch(/ 5\.7% Percentage 5\.7% — — other /);
    expect(words).not.toMatch(/Tariff rate/);
  });

  it("labels an article's tariff rates as tariff rates by their role", async () => {
    const list = await page("/articles?from=2019-05-10&to=2019-05-10");
    const id = /href="\/articles\/(\d+)"[^>]*>Washington lifts the List 3 tariff/.exec(
      list.html,
    )?.[1];
    expect(id).toBeDefined();
    const words = text((await page(`/articles/${id}`)).html);
    // Values as precise as printed: "10% to 25%" is not "10.0% → 25.0%".
    expect(words).toMatch(/10% to 25% Percentage 10% → 25% — — tariff rate \(in force or set\)/);
  });

  it("gives an article's amounts as printed, and converted ones to a tenth of a billion", async () => {
    const list = await page("/articles?from=2019-06-29&to=2019-06-29");
    const id = /href="\/articles\/(\d+)"[^>]*>G20 summit/.exec(list.html)?.[1];
    expect(id).toBeDefined();
    const words = text((await page(`/articles/${id}`)).html);
    expect(words).toMatch(/ \$200bn Money \$200bn USD \$200bn goods covered /);
    expect(words).toMatch(
      /£159\.2bn \(same as 1 ?\) Money £159\.2bn GBP \$202\.2bn goods covered /,
    );
  });

  it("gives each series' span in its own periods: months, years or days", async () => {
    const { status, html } = await page("/sources");
    expect(status).toBe(200);
    const row = (slug: string) => {
      const start = html.indexOf(`id="series-${slug}"`);
      expect(start).toBeGreaterThan(0);
      return text(html.slice(start, html.indexOf("</tr>", start)));
    };
    expect(row("trade-exports-to-china")).toContain("Jan 1985 – Nov 2025");
    expect(row("trade-annual-imports-from-china")).toContain("1985 – 2024");
    expect(row("fx-usd-cny")).toContain("2 Jan 1981 – 26 Sep 2025");
    expect(row("tariff-us-on-china")).toContain("1 Jan 2018 – 14 Nov 2025");
    expect(text(html)).not.toMatch(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
  });

  it("answers an unknown address in plain words, not with the router's message", async () => {
    const { status, html } = await page("/nope");
    expect(status).toBe(404);
    const words = text(html);
    expect(words).toContain("There is no page at /nope.");
    expect(words).not.toMatch(/No route matches|Error:/);
  });

  it("sends pages as clean UTF-8: no NUL or other control bytes wherever a character falls", async () => {
    // React 18's byte stream sent its 2 KB buffer's unused tail as NULs when a multi-byte
    // character (→, –) fell on a buffer boundary; `/` had one before "→ 84%" in its summary.
    const paths = [
      "/",
      "/?from=2017-01-01",
      "/?from=2018-01-01&to=2019-12-31",
      "/?from=2025-01-01&to=2025-12-31",
      "/?from=1971-01-01&fx=cny,gbp,eur,jpy",
      "/?tab_tariffs=table&tab_coverage=table&tab_trade=table&tab_currency=table",
      "/actions",
      "/articles",
      "/sources",
    ];
    for (const path of paths) {
      const response = await fetch(`${server.baseUrl}${path}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const bad = bytes.findIndex(
        (byte) => (byte < 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) || byte === 0x7f,
      );
      expect(bad, `${path}: control byte at ${bad}`).toBe(-1);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toContain("</html>");
    }
  });
});
