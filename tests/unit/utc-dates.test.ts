// The charts' own date adapter against date-fns (what Chart.js used before), with the process in
// UTC, where date-fns' local-time arithmetic is UTC arithmetic.
process.env.TZ = "UTC";
import * as fns from "date-fns";
import { describe, expect, it } from "vitest";
import {
  addUtc,
  diffUtc,
  endOfUtc,
  formatUtc,
  startOfUtc,
  UTC_FORMATS,
  type TimeUnit,
} from "~/lib/charts/utc-dates";

const UNITS: TimeUnit[] = [
  "millisecond",
  "second",
  "minute",
  "hour",
  "day",
  "week",
  "month",
  "quarter",
  "year",
];

// Month ends, leap days, year ends, mid-day times and the dates the charts span.
const TIMES = [
  Date.UTC(1971, 0, 4),
  Date.UTC(2016, 1, 29),
  Date.UTC(2019, 0, 31),
  Date.UTC(2019, 2, 31, 13, 45, 10, 250),
  Date.UTC(2019, 11, 31, 23, 59, 59, 999),
  Date.UTC(2020, 1, 29, 0, 30),
  Date.UTC(2024, 4, 15, 11, 5),
  Date.UTC(2025, 11, 31),
];

const cap = (unit: TimeUnit) => unit[0].toUpperCase() + unit.slice(1);
const lib = fns as unknown as Record<string, (a: number, b?: number) => Date | number>;
const fnsAdd = (time: number, amount: number, unit: TimeUnit) =>
  (lib[`add${cap(unit)}s`](time, amount) as Date).getTime();
const fnsDiff = (max: number, min: number, unit: TimeUnit) =>
  lib[`differenceIn${cap(unit)}s`](max, min) as number;
const fnsStart = (time: number, unit: TimeUnit) =>
  unit === "millisecond" ? time : (lib[`startOf${cap(unit)}`](time) as Date).getTime();
const fnsEnd = (time: number, unit: TimeUnit) =>
  unit === "millisecond" ? time : (lib[`endOf${cap(unit)}`](time) as Date).getTime();

describe("the time axis' UTC calendar", () => {
  it("adds, counts, starts and ends every unit as date-fns does in UTC", () => {
    for (const unit of UNITS) {
      for (const time of TIMES) {
        for (const amount of [1, 2, 5, -1]) {
          expect(addUtc(time, amount, unit), `${unit} ${time} + ${amount}`).toBe(
            fnsAdd(time, amount, unit),
          );
        }
        expect(startOfUtc(time, unit), `start ${unit} ${time}`).toBe(fnsStart(time, unit));
        expect(endOfUtc(time, unit), `end ${unit} ${time}`).toBe(fnsEnd(time, unit));
        for (const other of TIMES) {
          expect(diffUtc(time, other, unit), `${unit} ${time} - ${other}`).toBe(
            fnsDiff(time, other, unit),
          );
        }
      }
    }
  });

  it("starts ISO weeks on the given weekday", () => {
    for (const time of TIMES)
      for (const weekday of [0, 1, 6])
        expect(startOfUtc(time, "isoWeek", weekday)).toBe(
          fns.startOfWeek(time, { weekStartsOn: weekday as 0 | 1 | 6 }).getTime(),
        );
  });

  it("prints every unit's label as date-fns printed it", () => {
    for (const time of TIMES)
      for (const format of Object.values(UTC_FORMATS))
        expect(formatUtc(time, format), `${format} ${time}`).toBe(fns.format(time, format));
  });

  it("labels a UTC day as that day whatever the reader's time zone", () => {
    expect(formatUtc(Date.UTC(2019, 0, 1), UTC_FORMATS.month)).toBe("Jan 2019");
    expect(formatUtc(Date.UTC(2019, 0, 1), UTC_FORMATS.day)).toBe("Jan 1");
  });
});
