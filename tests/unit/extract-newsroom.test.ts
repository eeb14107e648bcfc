/**
 * Accuracy on the newsroom corpus (tests/fixtures/extraction/newsroom-*.json). The holdout half
 * was split off before any tuning and is never edited to fit the extractor; the second tune file
 * was written later (decision 062) to tune on idioms the first lacked. These floors guard against
 * regressions; a third tune file (decision 063) was labelled by another hand before any rule was
 * tuned on it. `npm run accuracy:extract` prints the full tables.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  f1,
  formatScore,
  loadCorpus,
  roleAccuracy,
  scoreCorpus,
  type Score,
} from "../../scripts/lib/extraction-score";
import { loadFxTableFromFiles } from "../../scripts/lib/fx-files";

const FIXTURES = path.resolve(__dirname, "../fixtures/extraction");
const fx = loadFxTableFromFiles(path.resolve(__dirname, "../../data"));

function scored(file: string): Score {
  const s = scoreCorpus(loadCorpus(path.join(FIXTURES, file)), fx);
  console.log(formatScore(file, s));
  return s;
}

describe("newsroom corpus", () => {
  it("has at least 150 passages from at least 12 outlets, every figure with a role", () => {
    const all = [
      ...loadCorpus(path.join(FIXTURES, "newsroom-tune.json")),
      ...loadCorpus(path.join(FIXTURES, "newsroom-tune-2.json")),
      ...loadCorpus(path.join(FIXTURES, "newsroom-tune-3.json")),
      ...loadCorpus(path.join(FIXTURES, "newsroom-holdout.json")),
    ];
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((p) => p.outlet)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    for (const p of all)
      for (const e of p.expected) expect(e.role, `${p.id} ${e.text}`).toBeTruthy();
  });

  it("holdout: money and rates, changes, ranges and roles stay at their measured level", () => {
    const s = scored("newsroom-holdout.json");
    expect(f1(s.money)).toBeGreaterThanOrEqual(0.95);
    expect(f1(s.rate)).toBeGreaterThanOrEqual(0.97);
    expect(f1(s.change)).toBeGreaterThanOrEqual(0.9);
    expect(f1(s.range)).toBeGreaterThanOrEqual(0.9);
    expect(roleAccuracy(s)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(["newsroom-tune.json", "newsroom-tune-2.json"])(
    "%s: at least as good as the holdout floors",
    (file) => {
      const s = scored(file);
      expect(f1(s.money)).toBeGreaterThanOrEqual(0.95);
      expect(f1(s.rate)).toBeGreaterThanOrEqual(0.97);
      expect(f1(s.change)).toBeGreaterThanOrEqual(0.9);
      expect(f1(s.range)).toBeGreaterThanOrEqual(0.9);
      expect(roleAccuracy(s)).toBeGreaterThanOrEqual(0.9);
    },
  );

  // Tune 3 (decision 063) was labelled blind by another hand and is weighted toward the hard
  // cases; its floors are its measured level. Two of its ranges are ranges of ranges ("cut its
  // growth forecast to 0 to 2 per cent from 1 to 3 per cent"), which the scanner reads as changes.
  it("newsroom-tune-3.json: at its measured level", () => {
    const s = scored("newsroom-tune-3.json");
    expect(f1(s.money)).toBeGreaterThanOrEqual(0.97);
    expect(f1(s.rate)).toBeGreaterThanOrEqual(0.97);
    expect(f1(s.change)).toBeGreaterThanOrEqual(0.9);
    expect(f1(s.range)).toBeGreaterThanOrEqual(0.85);
    expect(roleAccuracy(s)).toBeGreaterThanOrEqual(0.95);
  });

  // Tune 4 (decision 063) and tune 5a/5b, 6 and 7 (decision 070) were written blind by other hands, in
  // their own conventions (which differ on threats with firm dates and on old levels of planned
  // changes); their floors are their measured levels, so a rule tuned on one corpus cannot
  // silently cost another.
  it.each([
    ["newsroom-tune-4.json", { money: 0.99, rate: 0.98, change: 0.9, range: 0.75, role: 0.93 }],
    ["newsroom-tune-5a.json", { money: 0.99, rate: 0.98, change: 0.95, range: 0.85, role: 0.9 }],
    ["newsroom-tune-5b.json", { money: 0.99, rate: 0.99, change: 0.93, range: 0.95, role: 0.92 }],
    ["newsroom-tune-6.json", { money: 0.99, rate: 0.99, change: 0.95, range: 0.95, role: 0.92 }],
    ["newsroom-tune-7.json", { money: 0.99, rate: 0.99, change: 0.95, range: 0.9, role: 0.9 }],
  ])("%s: at its measured level", (file, floor) => {
    const s = scored(file);
    expect(f1(s.money)).toBeGreaterThanOrEqual(floor.money);
    expect(f1(s.rate)).toBeGreaterThanOrEqual(floor.rate);
    expect(f1(s.change)).toBeGreaterThanOrEqual(floor.change);
    expect(f1(s.range)).toBeGreaterThanOrEqual(floor.range);
    expect(roleAccuracy(s)).toBeGreaterThanOrEqual(floor.role);
  });
});
