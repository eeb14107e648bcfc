/**
 * Properties of the extractor on arbitrary input: it never throws, every span slices back to its
 * text, figures are ordered and disjoint, and adversarial text keeps sentences bounded.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyOffset, extractFromText, type ExtractedFigure } from "~/lib/extract";
import { createFxTable } from "~/lib/fx";

const fx = createFxTable({
  GBP: [{ date: "2000-01-01", value: 1.3 }],
  EUR: [{ date: "2000-01-01", value: 1.1 }],
  CNY: [{ date: "2000-01-01", value: 7 }],
  JPY: [{ date: "2000-01-01", value: 110 }],
});

const HEADER = "Title\n2019-06-29 12:00:00\n";

/** Pieces of news-like text, so random strings hit the scanner's branches often. */
const PIECES = [
  "$",
  "£",
  "€",
  "¥",
  "US$",
  "C$",
  "RMB",
  "Rmb",
  "USD",
  "GBP",
  "CNY",
  "JPY",
  " ",
  " ",
  " ",
  "\n",
  "\r\n",
  ".",
  ". ",
  "!",
  "?",
  ",",
  ";",
  ":",
  "(",
  ")",
  '"',
  "'",
  "-",
  "–",
  "0",
  "1",
  "25",
  "7.5",
  "1,000",
  "1,2345",
  "9903.88.01",
  "2019",
  "12:01",
  "bn",
  "billion",
  "m",
  "mn",
  "k",
  "b",
  "tn",
  "trillion",
  "%",
  " per cent",
  " percent",
  " pc",
  "-percent",
  " percentage points",
  " yuan",
  " yen",
  " dollars",
  " pounds",
  " euros",
  " euro zone",
  " to ",
  " and ",
  " or ",
  " from ",
  "between ",
  "ranging from ",
  "about ",
  "tariffs",
  " duties on ",
  " China",
  " Chinese goods",
  " US",
  " U.S.",
  " American products",
  " Beijing",
  " Washington",
  " EU",
  " Canada",
  " GDP grew ",
  " shares fell ",
  " deficit of ",
  " agreed to buy ",
  " worth ",
  " Mr.",
  " Japan",
  " rest of the world",
  "G20",
  "90-day",
  "List 4A",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "é",
  "😀",
];

const newsy = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 80 })
  .map((parts) => parts.join(""));

function checkInvariants(text: string, figures: ExtractedFigure[]): void {
  const body = bodyOffset(text);
  let lastEnd = body;
  figures.forEach((f, i) => {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.start).toBeGreaterThanOrEqual(lastEnd);
    expect(f.end).toBeGreaterThan(f.start);
    lastEnd = f.end;
    expect(Number.isFinite(f.value)).toBe(true);
    expect(["money", "tariff_rate"]).toContain(f.kind);
    if (f.kind === "tariff_rate") {
      expect(f.currency).toBeNull();
      expect(f.valueUsd).toBeNull();
    } else {
      expect(f.currency).toMatch(/^[A-Z]{3}$/);
    }
    if (f.rangeLow !== null) expect(f.rangeHigh).toBe(f.value);
    if (f.sameAs !== null) expect(f.sameAs).toBeLessThan(i);
    if (!f.tariffRelated) expect(f.direction).toBeNull();
    expect(text).toContain(f.sentence);
  });
}

describe("extractor properties", () => {
  it("never throws on arbitrary strings, and spans slice back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        const text = HEADER + s;
        const { article, figures } = extractFromText(text, fx);
        if (article) checkInvariants(article.text, figures);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on news-like fragments, and spans slice back", () => {
    fc.assert(
      fc.property(newsy, (s) => {
        const { article, figures } = extractFromText(HEADER + s, fx);
        if (article) checkInvariants(article.text, figures);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on arbitrary bytes (with or without a valid header)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withHeader) => {
        const input = withHeader
          ? new Uint8Array([...new TextEncoder().encode(HEADER), ...bytes])
          : bytes;
        const { article, figures, errors } = extractFromText(input, fx);
        if (article) checkInvariants(article.text, figures);
        else expect(errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [
      "one endless sentence full of figures",
      "tariffs of 25% on $200bn (£150bn) of Chinese goods, and ",
    ],
    ["dotted numbers", "1.2.3.4.5."],
    ["dashes between numbers", "5-"],
    ["currency signs", "$£€¥"],
    ["abbreviations without sentence ends", "U.S. Mr. Jan. "],
    ["digits only", "1234567890"],
  ])("handles adversarial input without runaway sentences: %s", (_, unit) => {
    // Linearity itself is measured by `npm run bench:extract` (5, 10, 20 MB), not by a timed test.
    const text = HEADER + unit.repeat(40_000);
    const { figures } = extractFromText(text, fx);
    for (const f of figures.slice(0, 200)) {
      expect(f.sentence.length).toBeLessThanOrEqual(1000);
      expect(text.slice(f.start, f.end)).toBe(f.text);
    }
  });
});
