import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeriesFile, parseTidySeries } from "~/lib/import";
import {
  coverageAnnounced,
  coverageInForce,
  coverageOn,
  coverageShareOn,
  coverageShareSteps,
  pendingPeriods,
  type CoverageAction,
} from "~/lib/tariff-coverage";
import { coverageActions } from "~/lib/tariff-events";

const DATA = path.resolve(__dirname, "../../data");
function tidy(file: string) {
  const parsed = parseTidySeries(readFileSync(path.join(DATA, file), "utf8"), file);
  if (!parsed.ok) throw new Error(`could not parse ${file}`);
  return parsed.series;
}
const register = parseSeriesFile(
  readFileSync(path.join(DATA, "tariff_actions.csv"), "utf8"),
  "tariff_actions.csv",
);
if (!register.ok) throw new Error("register did not parse");
const steps = coverageInForce(coverageActions(register.events));
const annual = tidy("us_china_trade_annual.csv");
const importsBn = new Map(
  annual.imports_from_china_musd.map((p) => [Number(p.date.slice(0, 4)), p.value / 1000]),
);
const piie = tidy("tariffs_us_china_piie_timeline.csv");

/** Points of difference the US share may have from PIIE's on any PIIE date. */
const US_TOLERANCE = 6;

describe("US coverage as a share of the previous year's imports, against PIIE", () => {
  it(`stays within ${US_TOLERANCE} points of PIIE's share except where the base year explains it`, () => {
    const base2017 = importsBn.get(2017)!;
    const checked: string[] = [];
    for (const point of piie.china_exports_to_us_covered_by_us_special_tariffs_pct) {
      if (point.date < "2018-07-06") continue; // before the first Section 301 list
      const ours = coverageShareOn(steps, "US", point.date, (y) => importsBn.get(y) ?? null)!;
      const difference = ours - point.value;
      if (Math.abs(difference) <= US_TOLERANCE) {
        checked.push(point.date);
        continue;
      }
      // PIIE weights by 2017 trade; the register divides by the previous year's imports. A wider
      // gap is allowed only where that year's imports were more than 10% below 2017's, which
      // raises our share (2019, 2020, 2023 and 2024 imports fell after the tariffs).
      const baseYear = Number(point.date.slice(0, 4)) - 1;
      const shrink = 1 - importsBn.get(baseYear)! / base2017;
      expect(shrink, `${point.date}: ours ${ours.toFixed(1)}, PIIE ${point.value}`).toBeGreaterThan(
        0.1,
      );
      expect(difference, point.date).toBeGreaterThan(0);
    }
    // The dates that must agree: the 2018–19 lists, List 4A from 1 Sep 2019, 2022–23 and 2025.
    for (const date of ["2018-07-06", "2018-09-24", "2019-09-01", "2023-01-01", "2025-02-04"]) {
      expect(checked, date).toContain(date);
    }
  });

  it("reaches PIIE's full coverage once the IEEPA tariff covers all goods (4 Feb 2025)", () => {
    const share = (date: string) =>
      coverageShareOn(steps, "US", date, (y) => importsBn.get(y) ?? null);
    expect(share("2025-02-03")).toBeLessThan(100);
    // The register rounds 2024 imports to $438.7bn, hence "close to".
    expect(share("2025-02-04")).toBeCloseTo(100, 1);
  });
});

describe("China's coverage as a share of the previous year's US exports", () => {
  it("is never below PIIE's share: China's list values are its own (CIF) valuations and overlap", () => {
    const exportsBn = new Map(
      annual.exports_to_china_musd.map((p) => [Number(p.date.slice(0, 4)), p.value / 1000]),
    );
    for (const point of piie.us_exports_to_china_covered_by_china_special_tariffs_pct) {
      if (point.date < "2018-04-02" || point.date >= "2025-04-10") continue;
      const ours = coverageShareOn(steps, "China", point.date, (y) => exportsBn.get(y) ?? null)!;
      // PIIE counts distinct 2017 products; the register adds the announced dollar values, which
      // China measured on its own import data, so ours runs higher (up to about 40 points).
      expect(ours, point.date).toBeGreaterThanOrEqual(point.value - 2);
    }
  });
});

describe("coverageShareSteps", () => {
  const exportsBn = new Map(
    annual.exports_to_china_musd.map((p) => [Number(p.date.slice(0, 4)), p.value / 1000]),
  );
  const tradeOf = (actor: "US" | "China", year: number) =>
    (actor === "US" ? importsBn : exportsBn).get(year) ?? null;
  const shares = coverageShareSteps(steps, "2026-06-30", tradeOf);
  const on = (actor: "US" | "China", date: string) =>
    shares.filter((s) => s.actor === actor && s.date <= date).at(-1)!;

  it("agrees with coverageShareOn on every step date and every 1 January", () => {
    for (const step of shares) {
      if (step.sharePct === null) continue;
      expect(step.sharePct, `${step.actor} ${step.date}`).toBeCloseTo(
        coverageShareOn(steps, step.actor, step.date, (y) => tradeOf(step.actor, y))!,
        1,
      );
    }
  });

  it("moves with the goods covered and with the base year: List 4A over 2018 imports, then 2019's", () => {
    expect(on("US", "2019-09-01")).toMatchObject({
      date: "2019-09-01",
      sharePct: 67.2,
      coveredUsdBn: 362,
      baseYear: 2018,
      capped: false,
    });
    // No action on 1 Jan 2020, but the denominator becomes 2019's lower imports.
    expect(on("US", "2020-01-01")).toMatchObject({ sharePct: 80.6, baseYear: 2019, changes: [] });
  });

  it("caps China's share at 100% and says so when its lists add up to more than the year's trade", () => {
    const china2020 = on("China", "2020-06-30");
    expect(china2020.coveredUsdBn).toBeGreaterThan(china2020.tradeUsdBn!);
    expect(china2020).toMatchObject({ sharePct: 100, capped: true, baseYear: 2019 });
    expect(on("China", "2019-06-30")).toMatchObject({ sharePct: 93.9, capped: false });
  });

  it("has no share (null, a gap) once the base year has no annual trade figure", () => {
    expect(on("US", "2026-03-01")).toMatchObject({
      date: "2026-01-01",
      sharePct: null,
      tradeUsdBn: null,
      baseYear: 2025,
    });
  });
});

describe("coverageAnnounced (the dashed layer)", () => {
  const announced = coverageAnnounced(coverageActions(register.events));
  it("adds lists from their announcement to their effective or scheduled date, and only then", () => {
    // 13 Aug 2019: List 4A ($112bn, from 1 Sep) and List 4B ($160bn, scheduled 15 Dec) announced.
    expect(coverageOn(steps, "US", "2019-08-20")).toBe(250);
    expect(coverageOn(announced, "US", "2019-08-20")).toBe(522);
    expect(coverageOn(announced, "US", "2019-09-01")).toBe(522);
    expect(coverageOn(steps, "US", "2019-09-01")).toBe(362);
    // List 4B never took effect: it was called off on 13 Dec 2019, two days before its scheduled
    // date (15 Dec), and from that day the two layers agree again.
    expect(coverageOn(announced, "US", "2019-12-12")).toBe(522);
    expect(coverageOn(announced, "US", "2019-12-13")).toBe(362);
    expect(coverageOn(announced, "US", "2019-12-15")).toBe(362);
    for (const date of ["2018-01-01", "2020-06-01", "2023-01-01", "2025-06-01"])
      expect(coverageOn(announced, "US", date), date).toBe(coverageOn(steps, "US", date));
  });
});

describe("pendingPeriods", () => {
  const base: CoverageAction = {
    id: "X-1",
    actor: "US",
    action: "impose",
    announcedDate: "2019-08-13",
    effectiveDate: "2019-12-15",
    endDate: null,
    replaces: null,
    status: "announced",
    tradeCoveredUsdBn: 160,
    coversAllGoods: false,
    label: "List X",
  };

  it("runs from the announcement to the effective date of a list still to come", () => {
    expect(pendingPeriods([base]).map((p) => [p.start, p.end])).toEqual([
      ["2019-08-13", "2019-12-15"],
    ]);
  });

  it("ends a never-implemented list on the day it was called off, not on its scheduled date", () => {
    const calledOff = { ...base, status: "never implemented", endDate: "2019-12-13" };
    expect(pendingPeriods([calledOff]).map((p) => [p.start, p.end])).toEqual([
      ["2019-08-13", "2019-12-13"],
    ]);
    // Called off on the day it was announced: never pending at all.
    const sameDay = { ...calledOff, endDate: "2019-08-13" };
    expect(pendingPeriods([sameDay])).toEqual([]);
  });
});
