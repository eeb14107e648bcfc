import { describe, expect, it } from "vitest";
import {
  describeRange,
  isoDayMs,
  parseDateBound,
  parseDateRange,
  rangeFileSuffix,
  rangeToSearch,
} from "~/lib/date-range";

const params = (query: string) => new URLSearchParams(query);

describe("parseDateRange", () => {
  it("accepts full dates, months and years, completing partial bounds to the period's edge", () => {
    expect(parseDateRange(params("from=2018-07-06&to=2019-12-31"))).toEqual({
      ok: true,
      range: { from: "2018-07-06", to: "2019-12-31" },
    });
    expect(parseDateRange(params("from=2019-02&to=2019-02"))).toEqual({
      ok: true,
      range: { from: "2019-02-01", to: "2019-02-28" },
    });
    expect(parseDateRange(params("from=2020-02&to=2020-02"))).toMatchObject({
      range: { to: "2020-02-29" },
    });
    expect(parseDateRange(params("from=2018&to=2019"))).toEqual({
      ok: true,
      range: { from: "2018-01-01", to: "2019-12-31" },
    });
  });

  it("treats missing or empty bounds as open", () => {
    expect(parseDateRange(params(""))).toEqual({ ok: true, range: { from: null, to: null } });
    expect(parseDateRange(params("from=&to=2019"))).toEqual({
      ok: true,
      range: { from: null, to: "2019-12-31" },
    });
  });

  it("names impossible dates and unreadable input", () => {
    const result = parseDateRange(params("from=2019-02-30&to=soon"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "Start date: The date 2019-02-30 does not exist.",
      'End date: "soon" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.',
    ]);
    expect(parseDateBound("2019-13", "start")).toEqual({
      ok: false,
      error: "The month in 2019-13 does not exist.",
    });
  });

  it("refuses years outside the accepted span, which the database could not hold as a range", () => {
    for (const query of [
      "from=0000",
      "to=9999",
      "to=9999-12-31",
      "from=0000-01-01",
      "from=1899-12",
    ]) {
      const result = parseDateRange(params(query));
      expect(result, query).toMatchObject({ ok: false });
      if (!result.ok) expect(result.errors[0]).toMatch(/between 1900 and 2100/);
    }
    expect(parseDateRange(params("from=1900&to=2100"))).toEqual({
      ok: true,
      range: { from: "1900-01-01", to: "2100-12-31" },
    });
  });

  it("rejects a start after the end", () => {
    const result = parseDateRange(params("from=2020&to=2019"));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toContain("2020-01-01 is after the end date 2019-12-31");
  });
});

describe("range formatting", () => {
  const span = { first: "1985-01-01", last: "2025-12-01" };
  it("spells the range in words and file names, filling open ends from the data span", () => {
    expect(describeRange({ from: "2018-07-01", to: null }, span)).toBe("1 Jul 2018 – 1 Dec 2025");
    expect(rangeFileSuffix({ from: null, to: "2019-12-31" }, span)).toBe("1985-01-01_2019-12-31");
  });
  it("builds query strings that leave open bounds out", () => {
    expect(rangeToSearch({ from: "2018-01-01", to: null })).toBe("?from=2018-01-01");
    expect(rangeToSearch({ from: null, to: null })).toBe("");
  });
});

describe("isoDayMs", () => {
  it("gives what Date.parse gives for every day of the accepted span", () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const day = new Date(ms).toISOString().slice(0, 10);
      if (isoDayMs(day) !== Date.parse(day)) expect(isoDayMs(day), day).toBe(Date.parse(day));
    }
  });
});
