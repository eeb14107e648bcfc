/**
 * Level / year-on-year % / index (= 100 at the range start) transforms for official series.
 */
import { yearsBefore } from "~/lib/date-range";

export type Transform = "level" | "yoy" | "index";

export function parseTransform(raw: string | null | undefined): Transform {
  return raw === "yoy" || raw === "index" ? raw : "level";
}

export interface DatedValue {
  date: string;
  value: number;
}

/** The ISO date one year earlier (29 Feb maps to 28 Feb). */
export function oneYearBefore(isoDate: string): string {
  return yearsBefore(isoDate, 1);
}

/**
 * Apply a transform to points sorted by date. `history` may reach back a year before `from` so
 * year-on-year changes exist from the range start; only points on or after `from` are returned.
 * Year-on-year uses the last value on or before the same day a year earlier, and is skipped when
 * that value is more than 31 days older (gaps in the upstream series) or not positive.
 */
export function applyTransform(
  history: readonly DatedValue[],
  transform: Transform,
  from: string | null,
): DatedValue[] {
  const inRange = from ? history.filter((point) => point.date >= from) : [...history];
  if (transform === "level") return inRange;
  if (transform === "index") {
    const base = inRange.find((point) => point.value !== 0);
    if (!base) return [];
    return inRange.map((point) => ({ date: point.date, value: (point.value / base.value) * 100 }));
  }
  const result: DatedValue[] = [];
  let cursor = 0;
  for (const point of inRange) {
    const target = oneYearBefore(point.date);
    while (cursor + 1 < history.length && history[cursor + 1].date <= target) cursor++;
    const previous = history[cursor];
    if (!previous || previous.date > target) continue;
    if (daysBetween(previous.date, target) > 31 || previous.value <= 0) continue;
    result.push({ date: point.date, value: (point.value / previous.value - 1) * 100 });
  }
  return result;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

export const TRANSFORM_UNITS: Record<Transform, (unit: string) => string> = {
  level: (unit) => unit,
  yoy: () => "% change on a year earlier",
  index: () => "index, range start = 100",
};
