import { describe, expect, it } from "vitest";
import {
  DEFAULT_FROM,
  downloadSearch,
  parseDashboardOptions,
  parseDashboardParams,
  parseHidden,
  presets,
  VIEW_ONLY_PARAMS,
  withParams,
} from "~/lib/dashboard-params";
import { parseDateRange } from "~/lib/date-range";

const params = (search: string) => new URLSearchParams(search);

describe("parseDashboardParams", () => {
  it("opens on the dispute when the URL has no range", () => {
    expect(DEFAULT_FROM).toBe("2017-01-01");
    const { range, options } = parseDashboardParams(params(""));
    expect(range).toEqual({ ok: true, range: { from: "2017-01-01", to: null } });
    expect(options).toEqual({
      tradeTransform: "level",
      tradeScale: "linear",
      currencyTransform: "level",
      currencies: ["CNY"],
      currencyView: "index",
      coverageView: "usd_bn",
      events: { actor: null, authority: null },
    });
  });

  it("applies the default even when other parameters are present", () => {
    const { range } = parseDashboardParams(params("t_trade=yoy&fx=gbp"));
    expect(range).toEqual({ ok: true, range: { from: DEFAULT_FROM, to: null } });
  });

  it("keeps a range from the URL, completing partial dates", () => {
    expect(parseDashboardParams(params("from=2018-07&to=2019")).range).toEqual({
      ok: true,
      range: { from: "2018-07-01", to: "2019-12-31" },
    });
    expect(parseDashboardParams(params("from=2015-03-04")).range).toEqual({
      ok: true,
      range: { from: "2015-03-04", to: null },
    });
  });

  it("returns errors for a bad range and does not fill in a default", () => {
    const { range } = parseDashboardParams(params("from=2019-12-01&to=2019-01-01"));
    expect(range.ok).toBe(false);
    if (!range.ok) expect(range.errors.join(" ")).toContain("after the end date");
    const bad = parseDashboardParams(params("from=2019-02-30")).range;
    expect(bad.ok).toBe(false);
  });

  it("treats blank from/to (a cleared range form) like no range", () => {
    const { range } = parseDashboardParams(params("from=&to="));
    expect(range).toEqual({ ok: true, range: { from: DEFAULT_FROM, to: null } });
  });
});

describe("parseDashboardOptions", () => {
  it("reads each chart's transform and falls back to level for unknown values", () => {
    expect(parseDashboardOptions(params("t_trade=yoy&t_currency=index"))).toMatchObject({
      tradeTransform: "yoy",
      currencyTransform: "index",
    });
    expect(parseDashboardOptions(params("t_trade=index&t_currency=yoy"))).toMatchObject({
      tradeTransform: "index",
      currencyTransform: "yoy",
    });
    expect(parseDashboardOptions(params("t_trade=log&t_currency=LEVEL"))).toMatchObject({
      tradeTransform: "level",
      currencyTransform: "level",
    });
  });

  it("uses a log trade scale only for scale_trade=log", () => {
    expect(parseDashboardOptions(params("scale_trade=log")).tradeScale).toBe("logarithmic");
    expect(parseDashboardOptions(params("scale_trade=logarithmic")).tradeScale).toBe("linear");
    expect(parseDashboardOptions(params("scale_trade=")).tradeScale).toBe("linear");
  });

  it("parses the currency list: case, spaces, order", () => {
    expect(parseDashboardOptions(params("fx=gbp, EUR ,jpy")).currencies).toEqual([
      "GBP",
      "EUR",
      "JPY",
    ]);
    expect(parseDashboardOptions(params("fx=jpy,cny")).currencies).toEqual(["JPY", "CNY"]);
  });

  it("drops duplicate currencies", () => {
    expect(parseDashboardOptions(params("fx=cny,CNY,eur,cny")).currencies).toEqual(["CNY", "EUR"]);
  });

  it("drops unknown codes and falls back to CNY when nothing valid is left", () => {
    expect(parseDashboardOptions(params("fx=eur,usd,zzz,")).currencies).toEqual(["EUR"]);
    expect(parseDashboardOptions(params("fx=usd,chf")).currencies).toEqual(["CNY"]);
    expect(parseDashboardOptions(params("fx=")).currencies).toEqual(["CNY"]);
    expect(parseDashboardOptions(params("fx=,,,")).currencies).toEqual(["CNY"]);
  });
});

describe("parseHidden", () => {
  it("reads chart.series keys and ignores empty items", () => {
    expect([...parseHidden(params("hide=trade.balance,,tariffs.articles_other"))]).toEqual([
      "trade.balance",
      "tariffs.articles_other",
    ]);
    expect(parseHidden(params("")).size).toBe(0);
  });
});

describe("withParams", () => {
  it("changes the given parameters and keeps the others", () => {
    const next = new URLSearchParams(
      withParams("?from=2018-01-01&t_trade=yoy&fx=gbp", { t_trade: "index", to: "2019-12-31" }),
    );
    expect(next.get("from")).toBe("2018-01-01");
    expect(next.get("fx")).toBe("gbp");
    expect(next.get("t_trade")).toBe("index");
    expect(next.get("to")).toBe("2019-12-31");
    expect([...next.keys()]).toHaveLength(4);
  });

  it("deletes parameters set to null or an empty string", () => {
    expect(
      withParams("?from=2018-01-01&to=2019-12-31&hide=trade.balance", { from: null, to: null }),
    ).toBe("?hide=trade.balance");
    expect(withParams("?hide=trade.balance&fx=gbp", { hide: "" })).toBe("?fx=gbp");
  });

  it("returns a bare '?' when nothing is left, so a link clears the search", () => {
    expect(withParams("?from=2018-01-01", { from: null })).toBe("?");
    expect(withParams("", {})).toBe("?");
  });

  it("accepts URLSearchParams without changing them", () => {
    const original = params("from=2018-01-01&fx=cny");
    expect(withParams(original, { fx: "jpy" })).toBe("?from=2018-01-01&fx=jpy");
    expect(original.get("fx")).toBe("cny");
  });

  it("encodes values", () => {
    expect(withParams("", { hide: "trade.balance,trade.exports" })).toBe(
      "?hide=trade.balance%2Ctrade.exports",
    );
  });
});

describe("downloadSearch", () => {
  it("drops view-only parameters and keeps the ones that change the data", () => {
    expect(VIEW_ONLY_PARAMS).toEqual([
      "hide",
      "tab_tariffs",
      "tab_coverage",
      "tab_trade",
      "tab_currency",
    ]);
    const search =
      "?from=2018-01-01&to=2019-12-31&hide=trade.balance&tab_trade=table&t_trade=yoy&tab_currency=chart&fx=gbp,eur&tab_tariffs=table&tab_coverage=table&scale_trade=log";
    const kept = new URLSearchParams(downloadSearch(search));
    expect([...kept.keys()]).toEqual(["from", "to", "t_trade", "fx", "scale_trade"]);
    expect(kept.get("fx")).toBe("gbp,eur");
  });

  it("is empty (no lone '?') when nothing data-affecting is left", () => {
    expect(downloadSearch("?hide=trade.balance&tab_trade=table")).toBe("");
    expect(downloadSearch("")).toBe("");
    expect(downloadSearch(params("from=2019-01-01"))).toBe("?from=2019-01-01");
  });
});

describe("presets", () => {
  const span = { first: "1971-01-04", last: "2025-12-01" };

  it("anchors the fixed presets to the dispute and 'all' to the data span", () => {
    const list = presets("2025-06-15", span);
    expect(list.map((p) => p.id)).toEqual([
      "dispute",
      "escalation-2018",
      "phase-one",
      "escalation-2025",
      "last-5-years",
      "all",
    ]);
    expect(list.find((p) => p.id === "dispute")).toMatchObject({ from: null, to: null });
    expect(list.find((p) => p.id === "escalation-2018")).toMatchObject({
      from: "2018-01-01",
      to: "2019-12-31",
    });
    expect(list.find((p) => p.id === "phase-one")).toMatchObject({
      from: "2019-10-01",
      to: "2021-12-31",
    });
    expect(list.find((p) => p.id === "escalation-2025")).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
    });
    expect(list.find((p) => p.id === "all")).toMatchObject({
      from: "1971-01-04",
      to: "2025-12-01",
    });
  });

  it("counts 'last 5 years' back from today", () => {
    expect(presets("2025-06-15", span).find((p) => p.id === "last-5-years")).toMatchObject({
      from: "2020-06-15",
      to: "2025-06-15",
    });
    expect(presets("2021-01-01", span).find((p) => p.id === "last-5-years")).toMatchObject({
      from: "2016-01-01",
      to: "2021-01-01",
    });
  });

  it("produces ranges the URL parser accepts", () => {
    for (const preset of presets("2025-06-15", span)) {
      const search = new URLSearchParams();
      if (preset.from) search.set("from", preset.from);
      if (preset.to) search.set("to", preset.to);
      expect(parseDateRange(search)).toMatchObject({
        ok: true,
        range: { from: preset.from, to: preset.to },
      });
    }
  });

  it("gives a valid 'last 5 years' start on 29 February", () => {
    const lastFive = presets("2024-02-29", span).find((p) => p.id === "last-5-years")!;
    expect(parseDateRange(new URLSearchParams({ from: lastFive.from!, to: lastFive.to! })).ok).toBe(
      true,
    );
    expect(lastFive.from).toBe("2019-02-28");
  });
});

describe("currency view", () => {
  it("keeps several currencies indexed unless the URL asks for small multiples", () => {
    expect(parseDashboardOptions(new URLSearchParams("fx=cny,jpy")).currencyView).toBe("index");
    expect(
      parseDashboardOptions(new URLSearchParams("fx=cny,jpy&fx_view=multiples")).currencyView,
    ).toBe("multiples");
    expect(parseDashboardOptions(new URLSearchParams("fx_view=other")).currencyView).toBe("index");
  });
});

describe("event-line filters (actor, authority)", () => {
  it("reads one side and one authority, the same parameters as /actions", () => {
    const { options, errors } = parseDashboardParams(params("actor=China&authority=Retaliation"));
    expect(errors).toEqual([]);
    expect(options.events).toEqual({ actor: "China", authority: "Retaliation" });
    expect(parseDashboardParams(params("authority=Section+301")).options.events).toEqual({
      actor: null,
      authority: "Section 301",
    });
  });

  it("treats empty and 'all' (the form's 'every' choice) as no filter", () => {
    const { options, errors } = parseDashboardParams(params("actor=all&authority="));
    expect(errors).toEqual([]);
    expect(options.events).toEqual({ actor: null, authority: null });
  });

  it("refuses an unknown side or authority, naming it and what is accepted, whatever the range", () => {
    const { range, errors, options } = parseDashboardParams(
      params("from=2025&actor=EU&authority=section 301"),
    );
    expect(range.ok).toBe(true);
    expect(errors).toEqual([
      'Unknown actor "EU": use one of US, China.',
      'Unknown authority "section 301": use one of Section 301, Section 232, Section 201, IEEPA, Retaliation, MFN change, Exclusion process.',
    ]);
    // The options alone never narrow to a guess.
    expect(options.events).toEqual({ actor: null, authority: null });
  });

  it("keeps the filter in download links (it selects the bundle's actions.csv too)", () => {
    expect(downloadSearch("?actor=US&hide=tariffs.us_on_china&tab_trade=table")).toBe("?actor=US");
  });
});
