/** Short human-readable renderings of extracted figures, for tables and tooltips. */
import type { ExtractedFigure } from "./types";

const SCALES: ReadonlyArray<[number, string]> = [
  [1e12, "tn"],
  [1e9, "bn"],
  [1e6, "m"],
  [1e3, "k"],
];

/** 200000000000 → "200bn", 34600000 → "34.6m", 1900 → "1.9k", 12.5 → "12.5". */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  for (const [size, suffix] of SCALES) {
    if (abs >= size) return `${trim(value / size)}${suffix}`;
  }
  return trim(value);
}

function trim(x: number): string {
  return String(Number(x.toFixed(2)));
}

/** "25%", "5–25%", "10→25%", "USD 200bn", "CNY 50bn–60bn". */
export function formatFigureValue(
  f: Pick<ExtractedFigure, "kind" | "value" | "currency" | "rateFrom" | "rangeLow" | "rangeHigh">,
): string {
  if (f.kind === "tariff_rate") {
    if (f.rateFrom !== null) return `${trim(f.rateFrom)}→${trim(f.value)}%`;
    if (f.rangeLow !== null && f.rangeHigh !== null)
      return `${trim(f.rangeLow)}–${trim(f.rangeHigh)}%`;
    return `${trim(f.value)}%`;
  }
  const amount =
    f.rangeLow !== null && f.rangeHigh !== null
      ? `${formatAmount(f.rangeLow)}–${formatAmount(f.rangeHigh)}`
      : formatAmount(f.value);
  return f.currency ? `${f.currency} ${amount}` : amount;
}
