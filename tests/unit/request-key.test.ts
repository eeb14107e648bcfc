import { describe, expect, it } from "vitest";
import { parseDashboardParams } from "~/lib/dashboard-params";
import { LruCache } from "~/lib/lru";
import { canonicalRequestPath } from "~/lib/request-key";

describe("canonicalRequestPath", () => {
  it("drops parameters that do not change the response and fixes the order of values", () => {
    expect(
      canonicalRequestPath("/download/currency.json", "?junk=1&fx=jpy,eur,gbp,eur&from=1971"),
    ).toBe("/download/currency.json?from=1971&fx=gbp%2Ceur%2Cjpy");
    expect(canonicalRequestPath("/download/currency.json", "?from=1971&fx=EUR, JPY ,gbp")).toBe(
      canonicalRequestPath("/download/currency.json", "?fx=gbp,jpy,eur&from=1971&utm_source=x"),
    );
    // View-only parameters change the page, not the downloads.
    expect(canonicalRequestPath("/", "?hide=b,a&tab_trade=table&page_trade=2")).toBe(
      "/?hide=a%2Cb&tab_trade=table&page_trade=2",
    );
    expect(canonicalRequestPath("/download/trade.csv", "?hide=a&tab_trade=table")).toBe(
      "/download/trade.csv",
    );
  });

  it("spells defaults one way: they are left out", () => {
    expect(
      canonicalRequestPath("/", "?from=&to=&t_trade=level&scale_trade=linear&page_trade=1"),
    ).toBe("/");
    expect(canonicalRequestPath("/", "?t_trade=junk&tab_trade=chart&fx=xyz")).toBe("/");
  });

  it("keeps only the first of repeated parameters and Remix's data requests", () => {
    expect(
      canonicalRequestPath("/articles", "?from=2019&from=2020&_data=routes%2Farticles._index"),
    ).toBe("/articles?from=2019&_data=routes%2Farticles._index");
    expect(canonicalRequestPath("/articles/12", "?from=2019")).toBe("/articles/12");
  });

  it("keeps the event-line filter on the page and downloads, and /actions' filters on downloads", () => {
    expect(canonicalRequestPath("/", "?authority=IEEPA&actor=US&junk=1")).toBe(
      "/?actor=US&authority=IEEPA",
    );
    expect(canonicalRequestPath("/", "?actor=all&authority=")).toBe("/");
    // Unknown values reach the app, which refuses them with 400 rather than drawing everything.
    expect(canonicalRequestPath("/", "?actor=EU")).toBe("/?actor=EU");
    expect(
      canonicalRequestPath(
        "/download/actions.csv",
        "?status=in+force&actor=China&sort=trade&dir=desc",
      ),
    ).toBe("/download/actions.csv?actor=China&status=in+force&sort=trade&dir=desc");
  });

  it("keeps every parameter the dashboard reads, so no view is lost on its way to the app", () => {
    // Record the names the dashboard's parser asks for, then give each a non-default value.
    const read = new Set<string>();
    const recording = new URLSearchParams();
    const originalGet = recording.get.bind(recording);
    recording.get = (name: string) => {
      read.add(name);
      return originalGet(name);
    };
    parseDashboardParams(recording);
    const nonDefault: Record<string, string> = {
      from: "2019-01-01",
      to: "2019-12-31",
      fx: "gbp",
      scale_trade: "log",
      fx_view: "multiples",
      view_coverage: "share",
      actor: "US",
      authority: "IEEPA",
    };
    expect(read.size).toBeGreaterThan(5);
    for (const name of read) {
      const value = nonDefault[name] ?? (name.startsWith("t_") ? "yoy" : undefined);
      expect(value, `a non-default sample value for "${name}"`).toBeDefined();
      const kept = canonicalRequestPath("/", `?${name}=${value}`);
      expect(kept, `"${name}" survives the request key`).toBe(
        `/?${new URLSearchParams({ [name]: value! })}`,
      );
    }
  });

  it("leaves other paths alone", () => {
    expect(canonicalRequestPath("/healthz", "?x=1")).toBeNull();
    expect(canonicalRequestPath("/build/app.js", "")).toBeNull();
  });

  it("keeps a byte-bounded cache under its bound whatever junk 500 URLs carry", () => {
    const bound = 64 * 1024;
    const cache = new LruCache<string, Uint8Array>({
      maxSize: bound,
      sizeOf: (body) => body.length,
    });
    const keys = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const key = canonicalRequestPath(
        "/download/currency.json",
        `?from=1971&fx=eur,gbp&junk=${i}`,
      )!;
      keys.add(key);
      // Distinct keys too: each page of a table is its own response.
      const pageKey = canonicalRequestPath("/", `?page_trade=${i + 2}&junk=${i}`)!;
      keys.add(pageKey);
      cache.set(key, new Uint8Array(10_000));
      cache.set(pageKey, new Uint8Array(10_000));
      expect(cache.size).toBeLessThanOrEqual(bound);
    }
    expect(keys.size).toBe(501);
  });
});
