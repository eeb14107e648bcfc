import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeriesFile } from "~/lib/import";
import { REGISTER_AS_OF } from "~/lib/tariff-actions";
import { statutorySteps } from "~/lib/statutory-rates";

const file = "tariff_actions.csv";
const parsed = parseSeriesFile(
  readFileSync(path.resolve(__dirname, "../../data", file), "utf8"),
  file,
);
if (!parsed.ok) throw new Error("register did not parse");
const steps = statutorySteps(parsed.events, REGISTER_AS_OF);
const line = (actor: string, authority: string) =>
  steps
    .filter((s) => s.actor === actor && s.authority === authority)
    .map((s) => [s.date, s.ratePct]);

describe("statutorySteps on the shipped register", () => {
  it("adds the IEEPA duties on all goods: 10, 20, 30, 104, 145, then 30 after Geneva and 20 in November", () => {
    expect(line("US", "IEEPA")).toEqual([
      ["2025-02-04", 10],
      ["2025-03-04", 20],
      ["2025-04-05", 30],
      ["2025-04-09", 104],
      ["2025-04-10", 145],
      ["2025-05-14", 30],
      ["2025-11-10", 20],
    ]);
    const peak = steps.find((s) => s.authority === "IEEPA" && s.ratePct === 145)!;
    expect(peak.basis).toBe("Fentanyl tariff (all goods) 20% + Reciprocal tariff (all goods) 125%");
  });

  it("follows each list's own rate: Section 301 at 25% from List 1, 100% on EVs from Sep 2024", () => {
    expect(line("US", "Section 301")).toEqual([
      ["2018-07-06", 25],
      ["2024-09-27", 100],
    ]);
    expect(line("US", "Section 232")).toEqual([
      ["2018-03-23", 25],
      ["2025-06-04", 50],
    ]);
  });

  it("stacks China's counter-tariff on its highest list rate, and drops never-implemented steps (34%)", () => {
    expect(line("China", "Retaliation")).toEqual([
      ["2018-04-02", 25],
      ["2025-04-10", 109],
      ["2025-04-12", 150],
      ["2025-05-14", 35],
    ]);
    expect(steps.some((s) => s.ratePct === 34 || s.ratePct === 59)).toBe(false);
  });

  it("ends at the register's date and leaves out Section 201 (its yearly step-downs are not recorded)", () => {
    expect(steps.every((s) => s.date <= REGISTER_AS_OF)).toBe(true);
    expect(steps.some((s) => s.authority === "Section 201")).toBe(false);
    expect(steps.some((s) => s.authority === "MFN change")).toBe(false);
  });
});
