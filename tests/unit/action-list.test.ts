import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  actionsCsv,
  actionsJson,
  listedActions,
  describeSelection,
  parseActionFilters,
  parseSideAndAuthority,
  selectActions,
  type ActionFilters,
  type ListedAction,
} from "~/lib/action-list";
import { parseSeriesFile } from "~/lib/import";

const TEXT = readFileSync(path.resolve(__dirname, "../../data/tariff_actions.csv"), "utf8");
const parsed = parseSeriesFile(TEXT, "tariff_actions.csv");
if (!parsed.ok) throw new Error("register did not parse");
const shipped = listedActions(parsed.events);
/** Data rows of the shipped file (header and blank lines excluded). */
const fileRows = TEXT.split("\n").filter((line) => /^[A-Z]+-/.test(line)).length;

const defaults: ActionFilters = {
  actor: null,
  authority: null,
  status: null,
  sort: "effective",
  direction: "asc",
};
const open = { from: null, to: null };

function filtersOf(query: string): ActionFilters {
  const result = parseActionFilters(new URLSearchParams(query));
  if (!result.ok) throw new Error(result.errors.join(" "));
  return result.filters;
}

describe("listedActions on the shipped register", () => {
  it("lists every register row once, with its citation", () => {
    expect(shipped.length).toBe(fileRows);
    expect(new Set(shipped.map((a) => a.id)).size).toBe(shipped.length);
    expect(shipped.every((a) => a.citation.length > 0)).toBe(true);
    const l3 = shipped.find((a) => a.id === "US-301-L3-2019")!;
    expect(l3).toMatchObject({
      actor: "US",
      authority: "Section 301",
      effectiveDate: "2019-05-10",
      announcedDate: "2019-05-05",
      rateBefore: "10%",
      rateAfter: "25%",
    });
    const washers = shipped.find((a) => a.id === "US-201-WASHERS")!;
    expect(washers.rateAfter).toBe("20–50%");
  });
});

describe("selectActions on the shipped register", () => {
  it("keeps only one side, one authority and one status when asked", () => {
    const china = selectActions(shipped, open, filtersOf("actor=China"));
    expect(china.length).toBeGreaterThan(0);
    expect(china.every((a) => a.actor === "China")).toBe(true);
    const us = selectActions(shipped, open, filtersOf("actor=US"));
    expect(china.length + us.length).toBe(shipped.length);

    const ieepaInForce = selectActions(shipped, open, filtersOf("authority=IEEPA&status=in+force"));
    expect(ieepaInForce.length).toBeGreaterThan(0);
    expect(ieepaInForce.every((a) => a.authority === "IEEPA" && a.status === "in force")).toBe(
      true,
    );
    const expected = shipped.filter((a) => a.authority === "IEEPA" && a.status === "in force");
    expect(ieepaInForce.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
  });

  it("keeps actions whose effective date falls in the range, both ends inclusive", () => {
    const range = { from: "2018-07-06", to: "2018-12-31" };
    const selected = selectActions(shipped, range, defaults);
    expect(selected.map((a) => a.id)).toContain("US-301-L1");
    expect(
      selected.every((a) => a.effectiveDate >= range.from && a.effectiveDate <= range.to),
    ).toBe(true);
    const outside = shipped.filter(
      (a) => a.effectiveDate < range.from || a.effectiveDate > range.to,
    );
    expect(selected.length + outside.length).toBe(shipped.length);
    expect(selectActions(shipped, { from: "2030-01-01", to: null }, defaults)).toEqual([]);
  });

  it("sorts by the chosen key in either direction, with actions lacking a value last", () => {
    const byDate = selectActions(shipped, open, defaults).map((a) => a.effectiveDate);
    expect(byDate).toEqual([...byDate].sort());
    const newest = selectActions(shipped, open, filtersOf("sort=effective&dir=desc"));
    expect(newest[0].effectiveDate).toBe(byDate[byDate.length - 1]);

    const byTrade = selectActions(shipped, open, filtersOf("sort=trade&dir=desc"));
    const values = byTrade.map((a) => a.tradeCoveredUsdBn ?? -1);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(byTrade[byTrade.length - 1].tradeCoveredUsdBn).toBeNull();

    const byRate = selectActions(shipped, open, filtersOf("sort=rate&dir=desc"));
    const top = Number(/([\d.]+)%$/.exec(byRate[0].rateAfter)![1]);
    for (const action of shipped) {
      const match = /([\d.]+)%$/.exec(action.rateAfter);
      if (match) expect(Number(match[1])).toBeLessThanOrEqual(top);
    }
  });
});

describe("parseActionFilters", () => {
  it("treats empty and 'all' as no filter and defaults to effective date, oldest first", () => {
    expect(filtersOf("")).toEqual(defaults);
    expect(filtersOf("actor=all&authority=&status=all")).toEqual(defaults);
  });

  it("refuses unknown values, naming the parameter and what it accepts", () => {
    const result = parseActionFilters(new URLSearchParams("actor=EU&sort=colour"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'Unknown actor "EU": use one of US, China.',
      expect.stringContaining('Unknown sort "colour"'),
    ]);
  });
});

describe("parseSideAndAuthority and describeSelection", () => {
  it("reads the side and authority shared by /actions and the dashboard's event lines", () => {
    expect(parseSideAndAuthority(new URLSearchParams("actor=US&authority=IEEPA"))).toEqual({
      ok: true,
      selection: { actor: "US", authority: "IEEPA" },
    });
    expect(parseSideAndAuthority(new URLSearchParams("actor=all"))).toEqual({
      ok: true,
      selection: { actor: null, authority: null },
    });
    const bad = parseSideAndAuthority(new URLSearchParams("authority=Tariff"));
    expect(bad.ok).toBe(false);
  });

  it("names the selection in words, or nothing when every action is shown", () => {
    expect(describeSelection({ actor: null, authority: null })).toBeNull();
    expect(describeSelection({ actor: "US", authority: null })).toBe("US actions only");
    expect(describeSelection({ actor: "China", authority: "Retaliation" })).toBe(
      "Chinese Retaliation actions only",
    );
    expect(describeSelection({ actor: null, authority: "Section 232" })).toBe(
      "Section 232 actions only",
    );
  });
});

describe("actions downloads", () => {
  const hostile: ListedAction = {
    ...shipped[0],
    id: "X-1",
    citation: '=HYPERLINK("http://example.invalid","click")',
    note: "+1 then -2",
    disagreement: "@SUM(A1)",
  };

  it("writes one CSV row per action and protects text cells from formulas", () => {
    const csv = actionsCsv([hostile, shipped[1]]);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "id,actor,authority,instrument,action,announced_date,effective_date,end_date,replaces,rate_before,rate_after,trade_covered_usd_bn,covers_all_goods,trade_basis,status,citation,note,disagreement",
    );
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(lines[1]).toContain("'+1 then -2");
    expect(lines[1]).toContain("'@SUM(A1)");
    expect(lines[1]).not.toMatch(/,=|,\+|,@/);
  });

  it("JSON names the selection and carries the actions unchanged", () => {
    const selected = selectActions(shipped, open, filtersOf("actor=China"));
    const body = JSON.parse(
      actionsJson(
        selected,
        { range: open, filters: filtersOf("actor=China"), asOf: "2025-11-30" },
        new Date("2026-01-01T00:00:00Z"),
      ),
    );
    expect(body.rowCount).toBe(selected.length);
    expect(body.selection).toMatchObject({ actor: "China", effectiveFrom: null });
    expect(body.actions).toEqual(selected);
    expect(body.generatedAt).toBe("2026-01-01T00:00:00.000Z");
  });
});
