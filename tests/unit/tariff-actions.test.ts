import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeriesFile } from "~/lib/import";
import {
  MAX_NAMED_ACTIONS,
  actionWeight,
  registerEventLabel,
  summaryActions,
} from "~/lib/tariff-events";
import {
  REGISTER_AS_OF,
  REGISTER_COLUMNS,
  parseRate,
  readRegister,
  tookEffect,
  validateRegister,
  type TariffAction,
} from "~/lib/tariff-actions";

const FILE = path.resolve(__dirname, "../../data/tariff_actions.csv");
const TEXT = readFileSync(FILE, "utf8");
const { actions, problems } = readRegister(TEXT);
const byId = new Map(actions.map((a) => [a.id, a]));

function action(id: string): TariffAction {
  const found = byId.get(id);
  if (!found) throw new Error(`register has no row ${id}`);
  return found;
}

/** The register with one row changed (for checks that must fail). */
function withRow(id: string, change: Partial<TariffAction>): TariffAction[] {
  return actions.map((a) => (a.id === id ? { ...a, ...change } : a));
}

describe("the shipped register", () => {
  it("reads without a problem and has at least 40 actions from both sides", () => {
    expect(problems).toEqual([]);
    expect(actions.length).toBeGreaterThanOrEqual(40);
    expect(actions.filter((a) => a.actor === "US").length).toBeGreaterThan(20);
    expect(actions.filter((a) => a.actor === "China").length).toBeGreaterThan(15);
  });

  it("has dates in order: announced ≤ effective < end, or announced ≤ called off ≤ scheduled", () => {
    for (const a of actions) {
      expect(a.announcedDate <= a.effectiveDate, a.id).toBe(true);
      if (a.status === "never implemented") {
        // The end date of an action that never applied is the day it was called off.
        expect(a.endDate, a.id).not.toBeNull();
        expect(a.announcedDate <= a.endDate! && a.endDate! <= a.effectiveDate, a.id).toBe(true);
      } else if (a.endDate) expect(a.endDate > a.effectiveDate, a.id).toBe(true);
    }
  });

  it("records the day each never-implemented action was called off", () => {
    const calledOff = Object.fromEntries(
      actions.filter((a) => a.status === "never implemented").map((a) => [a.id, a.endDate]),
    );
    expect(calledOff).toMatchObject({
      // Phase One announced on 13 Dec 2019, two days before List 4B's scheduled 15 Dec.
      "US-301-L4B": "2019-12-13",
      "US-IEEPA-RECIP-34": "2025-04-08",
      "CN-RET-RECIP-34": "2025-04-09",
    });
  });

  it("gives every change a different rate after than before", () => {
    const changes = actions.filter((a) => ["increase", "cut", "suspend"].includes(a.action));
    expect(changes.length).toBeGreaterThan(15);
    for (const a of changes) {
      expect(a.rateBefore, a.id).not.toBeNull();
      expect(a.rateAfter, a.id).not.toBeNull();
      expect(a.rateAfter, a.id).not.toEqual(a.rateBefore);
    }
  });

  it("cites every row", () => {
    for (const a of actions) expect(a.citation.length, a.id).toBeGreaterThan(10);
  });

  it("matches the official totals of trade covered for each list", () => {
    expect(action("US-301-L1").tradeCoveredUsdBn).toBe(34);
    expect(action("US-301-L2").tradeCoveredUsdBn).toBe(16);
    expect(action("US-301-L3").tradeCoveredUsdBn).toBe(200);
    // Bown (PIIE) gives about $112bn, the USTR about $120bn: the register takes one and says so.
    const list4a = action("US-301-L4A");
    expect(list4a.tradeCoveredUsdBn).toBeGreaterThanOrEqual(112);
    expect(list4a.tradeCoveredUsdBn).toBeLessThanOrEqual(120);
    expect(list4a.disagreement).toMatch(/112.*120/);
    expect(action("US-301-L4B").tradeCoveredUsdBn).toBe(160);
    expect(action("CN-RET-L1").tradeCoveredUsdBn).toBe(34);
    expect(action("CN-RET-L2").tradeCoveredUsdBn).toBe(16);
    expect(action("CN-RET-L3").tradeCoveredUsdBn).toBe(60);
    // Lists 1–3 together are the "$250bn" of the Phase One statements.
    const lists123 = ["US-301-L1", "US-301-L2", "US-301-L3"].map(
      (id) => action(id).tradeCoveredUsdBn!,
    );
    expect(lists123.reduce((a, b) => a + b, 0)).toBe(250);
  });

  it("has no instrument with two overlapping in-force periods without a replacement", () => {
    expect(validateRegister(actions)).toEqual([]);
  });

  it("dates List 3's increase from 10 May 2019 and notes PIIE's later date", () => {
    const increase = action("US-301-L3-2019");
    expect([increase.effectiveDate, increase.rateBefore, increase.rateAfter]).toEqual([
      "2019-05-10",
      { low: 10, high: 10 },
      { low: 25, high: 25 },
    ]);
    expect(increase.disagreement).toMatch(/1 Jun 2019/);
    expect(action("US-301-L3").endDate).toBe("2019-05-10");
  });

  it("holds every Section 301 list, the never-implemented List 4B, and China's rounds incl. April 2018", () => {
    expect(action("US-301-L4A").effectiveDate).toBe("2019-09-01");
    expect(action("US-301-L4A-2020").rateAfter).toEqual({ low: 7.5, high: 7.5 });
    expect(action("US-301-L4B").status).toBe("never implemented");
    expect(action("CN-RET-232")).toMatchObject({
      effectiveDate: "2018-04-02",
      authority: "Retaliation",
    });
    expect(action("CN-RET-L4-T1").effectiveDate).toBe("2019-09-01");
    expect(action("CN-RET-L4-T2").status).toBe("never implemented");
    expect(action("US-232-STEEL").effectiveDate).toBe("2018-03-23");
    expect(action("US-232-STEEL-50").rateAfter).toEqual({ low: 50, high: 50 });
    const review = actions.filter((a) => a.instrument.startsWith("Four-year review"));
    expect(review.length).toBeGreaterThanOrEqual(10);
    expect(action("US-301-4YR-EV")).toMatchObject({ effectiveDate: "2024-09-27" });
  });

  it("holds each 2025 step on both sides with its effective date and rate", () => {
    const steps = [
      ["US-IEEPA-FENT-10", "2025-02-04", 10],
      ["US-IEEPA-FENT-20", "2025-03-04", 20],
      ["US-IEEPA-RECIP-34", "2025-04-09", 34],
      ["US-IEEPA-RECIP-84", "2025-04-09", 84],
      ["US-IEEPA-RECIP-125", "2025-04-10", 125],
      ["US-IEEPA-RECIP-GENEVA", "2025-05-14", 10],
      ["US-IEEPA-RECIP-EXT1", "2025-08-12", 10],
      ["US-IEEPA-FENT-NOV", "2025-11-10", 10],
      ["US-IEEPA-RECIP-EXT2", "2025-11-10", 10],
      ["CN-RET-RECIP-34", "2025-04-10", 34],
      ["CN-RET-RECIP-84", "2025-04-10", 84],
      ["CN-RET-RECIP-125", "2025-04-12", 125],
      ["CN-RET-RECIP-GENEVA", "2025-05-14", 10],
      ["CN-RET-RECIP-EXT1", "2025-08-12", 10],
      ["CN-RET-RECIP-EXT2", "2025-11-10", 10],
    ] as const;
    for (const [id, date, rate] of steps) {
      expect([action(id).effectiveDate, action(id).rateAfter?.high], id).toEqual([date, rate]);
    }
    // The 34% rates were superseded before they applied.
    expect(tookEffect(action("US-IEEPA-RECIP-34"))).toBe(false);
    expect(tookEffect(action("CN-RET-RECIP-34"))).toBe(false);
  });

  it("states every status as of the register date", () => {
    for (const a of actions) {
      if (a.status === "announced") expect(a.effectiveDate > REGISTER_AS_OF, a.id).toBe(true);
      if (tookEffect(a)) expect(a.effectiveDate <= REGISTER_AS_OF, a.id).toBe(true);
    }
  });
});

describe("validateRegister catches", () => {
  const reasons = (list: TariffAction[]) => validateRegister(list).map((p) => p.reason);

  it("an effective date before the announcement", () => {
    const bad = withRow("US-301-L1", { effectiveDate: "2018-06-01" });
    expect(validateRegister(bad)).toContainEqual({
      line: action("US-301-L1").line,
      column: "effective_date",
      reason: "takes effect 2018-06-01, before it was announced",
    });
  });

  it("an end date not after the effective date", () => {
    expect(reasons(withRow("US-301-L4A", { endDate: "2019-09-01" }))).toContain(
      "ends 2019-09-01, not after it took effect",
    );
  });

  it("a never-implemented row without the day it was called off, or called off out of order", () => {
    expect(reasons(withRow("US-301-L4B", { endDate: null }))).toContain(
      '"never implemented" needs the day it was called off in end_date',
    );
    expect(reasons(withRow("US-301-L4B", { endDate: "2019-12-20" }))).toContain(
      "called off 2019-12-20, after the date it was to take effect (2019-12-15)",
    );
    expect(reasons(withRow("US-301-L4B", { endDate: "2019-08-01" }))).toContain(
      "called off 2019-08-01, before it was announced",
    );
    expect(reasons(withRow("US-301-L4B", { endDate: "2019-12-15" }))).toEqual([]);
  });

  it("a change that leaves the rate as it was", () => {
    const same = { low: 10, high: 10 };
    expect(reasons(withRow("US-301-L3-2019", { rateBefore: same, rateAfter: same }))).toContain(
      "a increase must change the rate",
    );
  });

  it("a row without a citation", () => {
    expect(reasons(withRow("CN-RET-L2", { citation: " " }))).toContain("no citation");
  });

  it("two overlapping in-force periods on one list without a replacement", () => {
    const bad = withRow("US-301-L3-2019", { replaces: null }).map((a) =>
      a.id === "US-301-L3" ? { ...a, endDate: null, status: "in force" as const } : a,
    );
    expect(reasons(bad)).toContain(
      "US-301-L3-2019 overlaps US-301-L3 on List 3 without replacing it",
    );
  });

  it("a rate change that follows another row on its list without naming it", () => {
    expect(reasons(withRow("US-301-L3-2019", { replaces: null }))).toEqual([
      "US-301-L3-2019 follows US-301-L3 on List 3 without naming it in replaces",
    ]);
  });

  it("a replacement that does not start when the replaced row ends", () => {
    expect(reasons(withRow("US-301-L3", { endDate: "2019-06-01" }))).toContain(
      "replaces US-301-L3 from 2019-05-10, but that row ends 2019-06-01",
    );
  });

  it("duplicate ids and unknown replacements", () => {
    const copy = { ...action("US-301-L1"), line: 999 };
    expect(reasons([...actions, copy])).toContain(
      `duplicate id US-301-L1 (first at line ${action("US-301-L1").line})`,
    );
    expect(reasons(withRow("US-301-L4A-2020", { replaces: "US-301-L9" }))).toContain(
      "replaces unknown id US-301-L9",
    );
  });

  it("a status that disagrees with the dates", () => {
    expect(reasons(withRow("US-301-4YR-GRAPHITE", { status: "in force" }))).toContain(
      '"in force" but effective only from 2026-01-01',
    );
    expect(reasons(withRow("US-301-L3", { status: "in force" }))).toContain(
      '"in force" but ended 2019-05-10',
    );
  });
});

describe("readRegister", () => {
  const header = REGISTER_COLUMNS.join(",");
  const row = TEXT.split("\n")[1];

  it("names the line and column of an unreadable cell", () => {
    const broken = row.replace("2018-01-22", "2018-13-22");
    expect(readRegister(`${header}\n${broken}\n`).problems).toEqual([
      { line: 2, column: "announced_date", reason: 'unparseable date "2018-13-22"' },
    ]);
    const early = row.replace("2018-01-22", "1818-01-22");
    expect(readRegister(`${header}\n${early}\n`).problems).toEqual([
      {
        line: 2,
        column: "announced_date",
        reason: 'date "1818-01-22" is outside the accepted span (1900–2100)',
      },
    ]);
    const badActor = row.replace(",US,", ",EU,");
    expect(readRegister(`${header}\n${badActor}\n`).problems[0]).toMatchObject({
      line: 2,
      column: "actor",
    });
  });

  it("reports a header without a required column", () => {
    const { problems: missing } = readRegister(`${header.replace(",citation", "")}\n`);
    expect(missing).toEqual([
      { line: 1, column: "citation", reason: "column missing from header" },
    ]);
  });
});

describe("parseRate", () => {
  it("reads single rates and ranges, and refuses anything else", () => {
    expect(parseRate("25")).toEqual({ low: 25, high: 25 });
    expect(parseRate("2.5-5")).toEqual({ low: 2.5, high: 5 });
    expect(parseRate("")).toBeNull();
    expect(parseRate("25-5")).toBeUndefined();
    expect(parseRate("ten")).toBeUndefined();
    expect(parseRate("1-2-3")).toBeUndefined();
  });
});

describe("the importer's register format", () => {
  it("turns every row into an event dated on its effective date, with the row's citation", () => {
    const parsed = parseSeriesFile(TEXT, "tariff_actions.csv");
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.reason).join("; "));
    expect(parsed.format).toBe("tariff-actions-register");
    expect(parsed.events).toHaveLength(actions.length);
    const list4a = parsed.events.find((e) => e.register?.actionId === "US-301-L4A")!;
    expect(list4a).toMatchObject({
      date: "2019-09-01",
      source: "register",
      actor: "US",
      measure: "Section 301",
      list: "List 4A",
      rateAfterPct: 15,
      tradeCoveredUsdBn: 112,
    });
    expect(list4a.register!.citation).toContain("84 FR 43304");
  });

  it("rejects a register whose rows do not fit together, naming file, line and column", () => {
    const lines = TEXT.split("\n");
    const at = lines.findIndex((l) => l.startsWith("US-301-L3-2019,"));
    lines[at] = lines[at].replace(",US-301-L3,", ",,");
    const parsed = parseSeriesFile(lines.join("\n"), "tariff_actions.csv");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContainEqual({
      file: "tariff_actions.csv",
      line: at + 1,
      column: "replaces",
      reason: "US-301-L3-2019 follows US-301-L3 on List 3 without naming it in replaces",
    });
  });
});

describe("summaryActions on the 2025 escalation", () => {
  it("names the largest IEEPA steps with their announced and effective dates, leaving out the 34% never applied", () => {
    const parsed = parseSeriesFile(TEXT, "tariff_actions.csv");
    if (!parsed.ok) throw new Error("register did not parse");
    const { main } = summaryActions(parsed.events, "2025-01-01", "2025-12-31");
    const find = (label: string) => main.find((a) => a.label === label);
    expect(
      find("US IEEPA, Reciprocal tariff (all goods): increase 84% → 125% on all goods"),
    ).toEqual({
      date: "2025-04-10",
      announcedDate: "2025-04-09",
      label: "US IEEPA, Reciprocal tariff (all goods): increase 84% → 125% on all goods",
    });
    expect(
      find(
        "China Retaliation, Counter-tariff to the reciprocal tariff (all goods): impose 84% on all goods",
      )?.date,
    ).toBe("2025-04-10");
    expect(find("US IEEPA, Reciprocal tariff (all goods): cut 125% → 10% on all goods")?.date).toBe(
      "2025-05-14",
    );
    expect(main.some((a) => a.label.includes("→ 34%"))).toBe(false);
    expect(main.map((a) => a.date)).toEqual([...main.map((a) => a.date)].sort());
  });
});

describe("summaryActions picks the actions that moved the most trade by the most points", () => {
  const parsed = parseSeriesFile(TEXT, "tariff_actions.csv");
  if (!parsed.ok) throw new Error("register did not parse");
  it("names at most MAX_NAMED_ACTIONS, the heaviest ones, and counts the rest", () => {
    const { main, others } = summaryActions(parsed.events, "2025-01-01", "2025-12-31");
    expect(main).toHaveLength(MAX_NAMED_ACTIONS);
    expect(others.length).toBeGreaterThan(0);
    // Every named action weighs at least as much as every action left unnamed.
    const weight = (a: { date: string; label: string }) =>
      actionWeight(
        parsed.events.find((e) => e.date === a.date && registerEventLabel(e) === a.label)!,
      );
    expect(Math.min(...main.map(weight))).toBeGreaterThanOrEqual(Math.max(...others.map(weight)));
    expect(Math.min(...main.map(weight))).toBeGreaterThan(0);
    // Extensions at an unchanged rate and lists without a stated value are never named first.
    expect(main.some((a) => a.label.includes("extend"))).toBe(false);
    expect(main.some((a) => a.label.includes("Section 232"))).toBe(false);
  });

  it("over the whole dispute names the heaviest of each year in turn, not 2025's steps alone", () => {
    const { main, byYear } = summaryActions(parsed.events, "2017-01-01", "2025-12-31");
    expect(byYear).toBe(true);
    expect(main).toHaveLength(MAX_NAMED_ACTIONS);
    const years = new Set(main.map((a) => a.date.slice(0, 4)));
    for (const year of ["2018", "2019", "2025"]) expect(years).toContain(year);
    expect(main.map((a) => a.label)).toContain(
      "US Section 301, List 3: increase 10% → 25% on $200bn",
    );
    expect(main.map((a) => a.date)).toEqual([...main.map((a) => a.date)].sort());
    // Within one year the choice is still by weight alone.
    expect(summaryActions(parsed.events, "2025-01-01", "2025-12-31").byYear).toBe(false);
  });

  it("names the 2018-19 lists in date order, List 3's increase among them", () => {
    const { main } = summaryActions(parsed.events, "2018-01-01", "2019-12-31");
    expect(main.map((a) => a.date)).toEqual([...main.map((a) => a.date)].sort());
    expect(main.map((a) => a.label)).toContain(
      "US Section 301, List 3: increase 10% → 25% on $200bn",
    );
    expect(main.map((a) => a.label)).toContain("US Section 301, List 4A: impose 15% on $112bn");
  });
});
