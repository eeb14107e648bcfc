/**
 * The scanner's and tokenizer's fast paths (decision 054) must give exactly what the plain forms
 * gave: amounts as parsed from their decimal string, and word flags however full the word table.
 */
import { describe, expect, it } from "vitest";
import { TARIFF } from "~/lib/extract/lexicon";
import { quantityValue, type Quantity } from "~/lib/extract/quantities";
import { tokenize } from "~/lib/extract/tokenizer";

function q(mantissa: string, exp: number): Quantity {
  return {
    start: 0,
    end: 0,
    numStart: 0,
    numEnd: 0,
    mantissa,
    exp,
    currency: null,
    yenSign: false,
    percent: false,
  };
}

describe("quantityValue", () => {
  it("is the double of the decimal string, scale included", () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 20000; i++) {
      const int = String(next() % 10 ** (next() % 9));
      const dec = next() % 2 ? `.${String(next()).slice(0, 1 + (next() % 5))}` : "";
      const exp = [-1, 0, 2, 3, 6, 9, 12][next() % 7];
      const m = int + dec;
      expect(quantityValue(q(m, exp)), `${m}e${exp}`).toBe(
        exp >= 0 ? Number(`${m}e${exp}`) : Number(m),
      );
    }
    expect(quantityValue(q("12345678901234567890.5", 9))).toBe(Number("12345678901234567890.5e9"));
  });
});

describe("tokenize", () => {
  it("keeps every word's flags once the word table is full, and tells apart words of one hash", () => {
    const filler = Array.from(
      { length: 70000 },
      (_, i) => `w${i.toString(36).replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`,
    );
    const text = `${filler.join(" ")} tariff Tariffs duties`;
    const t = tokenize(text, 0, text.length, []);
    expect(t.words.slice(-3)).toEqual(["tariff", "tariffs", "duties"]);
    for (const flags of t.flags.slice(-3)) expect(flags & TARIFF).toBe(TARIFF);
    // "Aa" and "BB" share a 31-based hash: both must keep their own form
    const pair = tokenize("Aa BB Aa BB", 0, 11, []);
    expect(pair.words).toEqual(["aa", "bb", "aa", "bb"]);
  });
});
