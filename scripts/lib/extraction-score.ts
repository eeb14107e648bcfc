/**
 * Extraction accuracy on a labelled corpus: precision, recall and F1 for money amounts and rates,
 * for changes (from → to) and ranges, and role and direction accuracy over matched figures.
 * Used by `npm run accuracy:extract` and by the accuracy tests.
 */
import fs from "node:fs";
import { extractFromText, type ExtractedFigure } from "../../app/lib/extract";
import type { FxTable } from "../../app/lib/fx";

/** One labelled figure; `role`, `tariffRelated` and `direction` are absent when not labelled. */
export type LabelledFigure = Pick<
  ExtractedFigure,
  "text" | "kind" | "value" | "currency" | "rateFrom" | "rangeLow" | "rangeHigh"
> &
  Partial<Pick<ExtractedFigure, "role" | "tariffRelated">> & {
    direction?: string | null;
    /** Labelled in the title line (the newsroom corpus); located there instead of the body. */
    inTitle?: boolean;
  };

export interface LabelledPassage {
  id: string;
  date: string;
  outlet?: string;
  /** Title line; figures in it are labelled with `inTitle`. A neutral title when absent. */
  title?: string | null;
  text: string;
  expected: LabelledFigure[];
}

export interface Counts {
  expected: number;
  predicted: number;
  /** Predicted figures that match an expected one. */
  correctPredicted: number;
  /** Expected figures matched by a predicted one. */
  correctExpected: number;
}

export interface Score {
  passages: number;
  money: Counts;
  rate: Counts;
  change: Counts;
  range: Counts;
  roleTotal: number;
  roleCorrect: number;
  directionTotal: number;
  directionCorrect: number;
  /** Expected role → predicted role → count, over matched figures with a labelled role. */
  roleConfusion: Map<string, Map<string, number>>;
  misses: string[];
}

export function loadCorpus(file: string): LabelledPassage[] {
  return JSON.parse(fs.readFileSync(file, "utf8")) as LabelledPassage[];
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** The figure itself is found: kind, value and currency (changes and ranges are scored apart). */
function sameFigure(p: ExtractedFigure, e: LabelledFigure): boolean {
  return p.kind === e.kind && sameNumber(p.value, e.value) && p.currency === e.currency;
}

const emptyCounts = (): Counts => ({
  expected: 0,
  predicted: 0,
  correctPredicted: 0,
  correctExpected: 0,
});

const isChange = (f: { rateFrom: number | null }) => f.rateFrom !== null;
const isRange = (f: { rangeLow: number | null }) => f.rangeLow !== null;
const sameChange = (p: ExtractedFigure, e: LabelledFigure) => sameNumber(p.rateFrom, e.rateFrom);
const sameRange = (p: ExtractedFigure, e: LabelledFigure) =>
  sameNumber(p.rangeLow, e.rangeLow) && sameNumber(p.rangeHigh, e.rangeHigh);

function brief(f: Partial<LabelledFigure> & Pick<LabelledFigure, "kind" | "value">): string {
  const parts = [f.kind === "money" ? `${f.currency} ${f.value}` : `${f.value}%`];
  if (f.rateFrom !== null && f.rateFrom !== undefined) parts.push(`from ${f.rateFrom}`);
  if (f.rangeLow !== null && f.rangeLow !== undefined)
    parts.push(`range ${f.rangeLow}–${f.rangeHigh}`);
  if (f.role) parts.push(f.role);
  return parts.join(" ");
}

export function scoreCorpus(corpus: readonly LabelledPassage[], fx: FxTable): Score {
  const s: Score = {
    passages: corpus.length,
    money: emptyCounts(),
    rate: emptyCounts(),
    change: emptyCounts(),
    range: emptyCounts(),
    roleTotal: 0,
    roleCorrect: 0,
    directionTotal: 0,
    directionCorrect: 0,
    roleConfusion: new Map(),
    misses: [],
  };
  for (const passage of corpus) {
    const title = passage.title ?? "Title";
    const header = `${title}\n${passage.date} 12:00:00\n`;
    const { figures, errors } = extractFromText(header + passage.text, fx);
    if (errors.length > 0) s.misses.push(`${passage.id}: article errors ${JSON.stringify(errors)}`);

    // expected spans, located in order (title figures in the title, the others in the body)
    const spans: Array<{ e: LabelledFigure; start: number; end: number }> = [];
    let fromTitle = 0;
    let fromBody = 0;
    for (const e of passage.expected) {
      const inTitle = e.inTitle === true;
      const haystack = inTitle ? title : passage.text;
      const at = haystack.indexOf(e.text, inTitle ? fromTitle : fromBody);
      if (at < 0) throw new Error(`${passage.id}: expected text '${e.text}' not found in order`);
      if (inTitle) fromTitle = at + e.text.length;
      else fromBody = at + e.text.length;
      const start = inTitle ? at : header.length + at;
      spans.push({ e, start, end: start + e.text.length });
    }

    const matchOf = new Map<number, number>(); // expected index → predicted index
    figures.forEach((p, pi) => {
      const counts = p.kind === "money" ? s.money : s.rate;
      counts.predicted++;
      if (isChange(p)) s.change.predicted++;
      if (isRange(p)) s.range.predicted++;
      const hit = spans.findIndex(
        (sp, i) => !matchOf.has(i) && sp.start < p.end && p.start < sp.end && sameFigure(p, sp.e),
      );
      if (hit < 0) {
        const near = spans.find((sp) => sp.start < p.end && p.start < sp.end)?.e;
        s.misses.push(
          `${passage.id}: predicted '${p.text}' ${brief(p)}${near ? ` vs expected ${brief(near)}` : " (not expected)"}`,
        );
        return;
      }
      matchOf.set(hit, pi);
      counts.correctPredicted++;
      const e = spans[hit].e;
      if (isChange(p) && sameChange(p, e)) s.change.correctPredicted++;
      if (isRange(p) && sameRange(p, e)) s.range.correctPredicted++;
      if (e.role) {
        s.roleTotal++;
        const byPredicted = s.roleConfusion.get(e.role) ?? new Map<string, number>();
        byPredicted.set(p.role, (byPredicted.get(p.role) ?? 0) + 1);
        s.roleConfusion.set(e.role, byPredicted);
        if (p.role === e.role) s.roleCorrect++;
        else s.misses.push(`${passage.id}: role of '${p.text}': ${p.role} vs expected ${e.role}`);
      }
      if (e.direction !== undefined && e.direction !== null) {
        s.directionTotal++;
        if (p.direction === e.direction) s.directionCorrect++;
        else
          s.misses.push(
            `${passage.id}: direction of '${p.text}': ${p.direction} vs expected ${e.direction}`,
          );
      }
    });
    spans.forEach((sp, i) => {
      const e = sp.e;
      const counts = e.kind === "money" ? s.money : s.rate;
      counts.expected++;
      if (isChange(e)) s.change.expected++;
      if (isRange(e)) s.range.expected++;
      const pi = matchOf.get(i);
      if (pi === undefined) {
        if (!figures.some((p) => p.start < sp.end && sp.start < p.end))
          s.misses.push(`${passage.id}: missed '${e.text}' ${brief(e)}`);
        return;
      }
      counts.correctExpected++;
      const p = figures[pi];
      if (isChange(e) && sameChange(p, e)) s.change.correctExpected++;
      else if (isChange(e))
        s.misses.push(
          `${passage.id}: change of '${e.text}': got ${brief(p)}, expected ${brief(e)}`,
        );
      if (isRange(e) && sameRange(p, e)) s.range.correctExpected++;
      else if (isRange(e))
        s.misses.push(`${passage.id}: range of '${e.text}': got ${brief(p)}, expected ${brief(e)}`);
    });
  }
  return s;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function precision(c: Counts): number {
  return ratio(c.correctPredicted, c.predicted);
}
export function recall(c: Counts): number {
  return ratio(c.correctExpected, c.expected);
}
export function f1(c: Counts): number {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
export function roleAccuracy(s: Score): number {
  return ratio(s.roleCorrect, s.roleTotal);
}
export function directionAccuracy(s: Score): number {
  return ratio(s.directionCorrect, s.directionTotal);
}

/** A plain-text table of one corpus's scores. */
export function formatScore(name: string, s: Score): string {
  const row = (label: string, c: Counts) =>
    `  ${label.padEnd(14)} ${String(c.expected).padStart(8)} ${String(c.predicted).padStart(9)} ${precision(c).toFixed(3).padStart(9)} ${recall(c).toFixed(3).padStart(7)} ${f1(c).toFixed(3).padStart(6)}`;
  const lines = [
    `${name}: ${s.passages} passages`,
    `  ${"".padEnd(14)} ${"expected".padStart(8)} ${"predicted".padStart(9)} ${"precision".padStart(9)} ${"recall".padStart(7)} ${"F1".padStart(6)}`,
    row("money", s.money),
    row("rate", s.rate),
    row("from → to", s.change),
    row("range", s.range),
    s.roleTotal > 0
      ? `  role accuracy ${s.roleCorrect}/${s.roleTotal} = ${roleAccuracy(s).toFixed(3)}`
      : "  role accuracy: no role labels",
    s.directionTotal > 0
      ? `  direction accuracy ${s.directionCorrect}/${s.directionTotal} = ${directionAccuracy(s).toFixed(3)}`
      : "  direction accuracy: no direction labels",
  ];
  return lines.join("\n");
}

export function formatConfusion(s: Score): string {
  const lines = ["  role confusion (expected → predicted: count)"];
  for (const [expected, byPredicted] of [...s.roleConfusion].sort()) {
    const cells = [...byPredicted]
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p} ${n}`)
      .join(", ");
    lines.push(`    ${expected.padEnd(14)} ${cells}`);
  }
  return lines.join("\n");
}
