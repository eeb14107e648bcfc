/**
 * Extraction accuracy on the labelled corpus (tests/fixtures/extraction/corpus.json): precision
 * and recall per kind, and direction accuracy over matched figures.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { extractFromText, type ExtractedFigure } from "~/lib/extract";
import type { FxTable } from "~/lib/fx";
import { loadFxTableFromFiles } from "../../scripts/lib/fx-files";

interface ExpectedFigure {
  text: string;
  kind: "money" | "tariff_rate";
  value: number;
  currency: string | null;
  rateFrom: number | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  tariffRelated: boolean;
  direction: "us_on_china" | "china_on_us" | "other" | "unknown" | null;
}

interface Passage {
  id: string;
  date: string;
  text: string;
  expected: ExpectedFigure[];
}

const CORPUS = path.resolve(__dirname, "../fixtures/extraction/corpus.json");
const DATA = path.resolve(__dirname, "../../data");

/**
 * Expected figures left out of scoring, as `${passageId}#${expectedText}`. Each needs a reason;
 * keep this list tiny: it is for labels we believe are wrong, not for hard cases.
 */
const EXCLUDED: ReadonlyMap<string, string> = new Map<string, string>([]);

const KINDS = ["money", "tariff_rate"] as const;

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function agrees(p: ExtractedFigure, e: ExpectedFigure): boolean {
  return (
    p.kind === e.kind &&
    sameNumber(p.value, e.value) &&
    p.currency === e.currency &&
    sameNumber(p.rateFrom, e.rateFrom) &&
    sameNumber(p.rangeLow, e.rangeLow) &&
    sameNumber(p.rangeHigh, e.rangeHigh) &&
    p.tariffRelated === e.tariffRelated
  );
}

interface Score {
  predicted: Record<string, number>;
  expected: Record<string, number>;
  matchedPredicted: Record<string, number>;
  matchedExpected: Record<string, number>;
  directionTotal: number;
  directionCorrect: number;
  misses: string[];
}

function score(corpus: Passage[], fx: FxTable): Score {
  const s: Score = {
    predicted: { money: 0, tariff_rate: 0 },
    expected: { money: 0, tariff_rate: 0 },
    matchedPredicted: { money: 0, tariff_rate: 0 },
    matchedExpected: { money: 0, tariff_rate: 0 },
    directionTotal: 0,
    directionCorrect: 0,
    misses: [],
  };
  for (const passage of corpus) {
    const header = `Title\n${passage.date} 12:00:00\n`;
    const { figures, errors } = extractFromText(header + passage.text, fx);
    if (errors.length > 0) s.misses.push(`${passage.id}: article errors ${JSON.stringify(errors)}`);

    // expected spans, located in order
    const spans: Array<{ e: ExpectedFigure; start: number; end: number; excluded: boolean }> = [];
    let from = 0;
    for (const e of passage.expected) {
      const at = passage.text.indexOf(e.text, from);
      if (at < 0) throw new Error(`${passage.id}: expected text '${e.text}' not found in order`);
      from = at + e.text.length;
      spans.push({
        e,
        start: header.length + at,
        end: header.length + at + e.text.length,
        excluded: EXCLUDED.has(`${passage.id}#${e.text}`),
      });
    }
    const used = new Set<number>();
    for (const p of figures) {
      const overlapping = spans
        .map((sp, i) => ({ sp, i }))
        .filter(({ sp }) => sp.start < p.end && p.start < sp.end);
      if (overlapping.some(({ sp }) => sp.excluded)) continue;
      s.predicted[p.kind]++;
      const hit = overlapping.find(({ sp, i }) => !used.has(i) && agrees(p, sp.e));
      if (!hit) {
        const near = overlapping[0]?.sp.e;
        s.misses.push(
          `${passage.id}: predicted ${p.text} ${JSON.stringify(pick(p))}${near ? ` vs expected ${JSON.stringify(pick(near))}` : " (not expected)"}`,
        );
        continue;
      }
      used.add(hit.i);
      s.matchedPredicted[p.kind]++;
      s.matchedExpected[hit.sp.e.kind]++;
      if (hit.sp.e.direction !== null) {
        s.directionTotal++;
        if (p.direction === hit.sp.e.direction) s.directionCorrect++;
        else
          s.misses.push(
            `${passage.id}: direction of ${p.text}: ${p.direction} vs expected ${hit.sp.e.direction}`,
          );
      }
    }
    spans.forEach((sp, i) => {
      if (sp.excluded) return;
      s.expected[sp.e.kind]++;
      const found = figures.some((p) => p.start < sp.end && sp.start < p.end);
      if (!used.has(i) && !found) s.misses.push(`${passage.id}: missed ${sp.e.text}`);
    });
  }
  return s;
}

function pick(
  f: Pick<
    ExpectedFigure,
    | "kind"
    | "value"
    | "currency"
    | "rateFrom"
    | "rangeLow"
    | "rangeHigh"
    | "tariffRelated"
    | "direction"
  >,
) {
  return {
    kind: f.kind,
    value: f.value,
    currency: f.currency,
    rateFrom: f.rateFrom,
    rangeLow: f.rangeLow,
    rangeHigh: f.rangeHigh,
    tariffRelated: f.tariffRelated,
    direction: f.direction,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

describe.skipIf(!fs.existsSync(CORPUS))("extraction accuracy on the labelled corpus", () => {
  let s: Score;

  beforeAll(() => {
    const corpus = JSON.parse(fs.readFileSync(CORPUS, "utf8")) as Passage[];
    s = score(corpus, loadFxTableFromFiles(DATA));
    const rows = KINDS.map((k) => {
      const precision = ratio(s.matchedPredicted[k], s.predicted[k]);
      const recall = ratio(s.matchedExpected[k], s.expected[k]);
      return `${k.padEnd(12)} ${String(s.expected[k]).padStart(8)} ${String(s.predicted[k]).padStart(9)} ${String(s.matchedExpected[k]).padStart(7)} ${precision.toFixed(3).padStart(9)} ${recall.toFixed(3).padStart(7)}`;
    });
    const direction = `direction accuracy ${s.directionCorrect}/${s.directionTotal} = ${ratio(s.directionCorrect, s.directionTotal).toFixed(3)}`;
    console.log(
      [
        `${"kind".padEnd(12)} ${"expected".padStart(8)} ${"predicted".padStart(9)} ${"matched".padStart(7)} ${"precision".padStart(9)} ${"recall".padStart(7)}`,
        ...rows,
        direction,
      ].join("\n") + (s.misses.length ? `\n\nmisses:\n  ${s.misses.join("\n  ")}` : ""),
    );
  });

  for (const kind of KINDS) {
    it(`${kind}: precision and recall ≥ 0.95`, () => {
      expect(ratio(s.matchedPredicted[kind], s.predicted[kind])).toBeGreaterThanOrEqual(0.95);
      expect(ratio(s.matchedExpected[kind], s.expected[kind])).toBeGreaterThanOrEqual(0.95);
    });
  }

  it("direction accuracy ≥ 0.85 over matched figures with a labelled direction", () => {
    expect(s.directionTotal).toBeGreaterThan(0);
    expect(ratio(s.directionCorrect, s.directionTotal)).toBeGreaterThanOrEqual(0.85);
  });
});
