/** The scanner's early reject for currency words must agree with the currency list it guards. */
import { describe, expect, it } from "vitest";
import { mayStartCurrencyWord, SUFFIX_CURRENCIES } from "~/lib/extract/quantities";

describe("currency-word early reject", () => {
  const firstLetters = new Set(SUFFIX_CURRENCIES.map(([word]) => word.charCodeAt(0)));

  it("lets through the first letter of every currency word", () => {
    for (const [word] of SUFFIX_CURRENCIES) {
      expect(mayStartCurrencyWord(word.charCodeAt(0)), word).toBe(true);
    }
  });

  it("rejects every other ASCII code unit, and everything beyond ASCII", () => {
    for (let c = 0; c < 128; c++) {
      expect(mayStartCurrencyWord(c), String.fromCharCode(c)).toBe(firstLetters.has(c));
    }
    expect(mayStartCurrencyWord(0xe9)).toBe(false);
    expect(mayStartCurrencyWord(0x20ac)).toBe(false);
  });

  it("lists currency words in lower case, as the reject expects after lower-casing", () => {
    for (const [word] of SUFFIX_CURRENCIES) expect(word).toBe(word.toLowerCase());
  });
});
