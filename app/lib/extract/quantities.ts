/**
 * Stage 1 of extraction: find money amounts and percentages in a span of text.
 *
 * A hand-written scanner: the outer loop only looks for digits; each digit run is then parsed
 * locally (currency before it, scale/percent/currency word after it, and an optional second
 * quantity joined by a range or change connector). Every look-around is bounded, so the time is
 * linear in the input and nothing is allocated per character.
 */
import {
  CHAR,
  isDigit,
  isLetter,
  isSpace,
  lower,
  matchExactAt,
  matchWordAt,
  wordBefore,
} from "./chars";
import type { ExtractedFigure } from "./types";

export type QuantityKind = "money" | "rate" | "bare";

/** One number with whatever marks it as money or a percentage. */
export interface Quantity {
  /** Span including the currency prefix. */
  start: number;
  /** Span end including scale, percent sign/word and currency word. */
  end: number;
  numStart: number;
  numEnd: number;
  /** Decimal digits without separators, e.g. "1500.5". */
  mantissa: string;
  /** Power of ten of the scale word (`bn` → 9), or -1 when there is none. */
  exp: number;
  currency: string | null;
  /** The amount was written with `¥`, which is CNY or JPY depending on the sentence. */
  yenSign: boolean;
  percent: boolean;
}

/** A figure before classification: a money amount or a rate, single, range or change. */
export type RawFigure = Pick<
  ExtractedFigure,
  "start" | "end" | "kind" | "value" | "currency" | "rateFrom" | "rangeLow" | "rangeHigh"
> &
  Pick<Quantity, "yenSign">;

const { DOLLAR, POUND_SIGN, EURO_SIGN, YEN_SIGN, FULLWIDTH_YEN, PERCENT, FULLWIDTH_PERCENT } = CHAR;
const { HYPHEN, EN_DASH, SPACE, COMMA, DOT, COLON, SLASH, OPEN_PAREN, CLOSE_PAREN } = CHAR;
/** First letters of connector words ("on average from", "or", "up", "down", "to", "and", "from"). */
const LOWER_A = 97;
const LOWER_D = 100;
const LOWER_F = 102;
const LOWER_O = 111;
const LOWER_T = 116;
const LOWER_U = 117;

/** Separators that make "9903.88.01", "12:30" or "3/4" a code rather than an amount. */
function isCodeSeparator(c: number): boolean {
  return c === DOT || c === COMMA || c === COLON || c === SLASH;
}

/** Letters written directly before `$` and the dollar they denote. */
const DOLLAR_PREFIXES: ReadonlyArray<[string, string]> = [
  ["US", "USD"],
  ["U.S.", "USD"],
  ["HK", "HKD"],
  ["NT", "TWD"],
  ["NZ", "NZD"],
  ["CA", "CAD"],
  ["AU", "AUD"],
  ["SG", "SGD"],
  ["MX", "MXN"],
  ["C", "CAD"],
  ["A", "AUD"],
  ["S", "SGD"],
  ["R", "BRL"],
];

/** Currency codes that may precede a number, with or without a space. Case-sensitive. */
const PREFIX_CODES: ReadonlyArray<[string, string]> = [
  ["USD", "USD"],
  ["GBP", "GBP"],
  ["EUR", "EUR"],
  ["CNY", "CNY"],
  ["RMB", "CNY"],
  ["Rmb", "CNY"],
  ["JPY", "JPY"],
  ["HKD", "HKD"],
  ["CAD", "CAD"],
  ["AED", "AED"],
  ["Dh", "AED"],
];

/** Scale words after a number; `attachedOnly` ones must touch the digits (`$5b`). */
const SCALES: ReadonlyArray<{ word: string; exp: number; attachedOnly: boolean; abbrev: boolean }> =
  [
    { word: "trillion", exp: 12, attachedOnly: false, abbrev: false },
    { word: "billion", exp: 9, attachedOnly: false, abbrev: false },
    { word: "million", exp: 6, attachedOnly: false, abbrev: false },
    { word: "thousand", exp: 3, attachedOnly: false, abbrev: false },
    { word: "bln", exp: 9, attachedOnly: false, abbrev: true },
    { word: "mln", exp: 6, attachedOnly: false, abbrev: true },
    { word: "trn", exp: 12, attachedOnly: false, abbrev: true },
    { word: "bn", exp: 9, attachedOnly: false, abbrev: true },
    { word: "mn", exp: 6, attachedOnly: false, abbrev: true },
    { word: "tn", exp: 12, attachedOnly: false, abbrev: true },
    { word: "m", exp: 6, attachedOnly: false, abbrev: true },
    { word: "k", exp: 3, attachedOnly: false, abbrev: true },
    { word: "b", exp: 9, attachedOnly: true, abbrev: true },
    { word: "t", exp: 12, attachedOnly: true, abbrev: true },
  ];

/** SCALES by the code of their first letter (in SCALES order), so a number tries only those. */
const SCALES_BY_FIRST = new Map<number, Array<(typeof SCALES)[number]>>();
for (const s of SCALES) {
  const first = s.word.charCodeAt(0);
  const list = SCALES_BY_FIRST.get(first);
  if (list) list.push(s);
  else SCALES_BY_FIRST.set(first, [s]);
}

const NO_SCALES: ReadonlyArray<(typeof SCALES)[number]> = [];

/** Currency words after a number or scale, longest first. Words match case-insensitively. */
export const SUFFIX_CURRENCIES: ReadonlyArray<[string, string]> = [
  ["new taiwan dollars", "TWD"],
  ["new zealand dollars", "NZD"],
  ["hong kong dollars", "HKD"],
  ["australian dollars", "AUD"],
  ["singapore dollars", "SGD"],
  ["canadian dollars", "CAD"],
  ["taiwan dollars", "TWD"],
  ["american dollars", "USD"],
  ["u.s. dollars", "USD"],
  ["us dollars", "USD"],
  ["us dollar", "USD"],
  ["dollars", "USD"],
  ["dollar", "USD"],
  ["chinese yuan", "CNY"],
  ["yuan", "CNY"],
  ["renminbi", "CNY"],
  ["rmb", "CNY"],
  ["cny", "CNY"],
  ["japanese yen", "JPY"],
  ["yen", "JPY"],
  ["jpy", "JPY"],
  ["pounds sterling", "GBP"],
  ["british pounds", "GBP"],
  ["pounds", "GBP"],
  ["pound", "GBP"],
  ["gbp", "GBP"],
  ["philippine pesos", "PHP"],
  ["mexican pesos", "MXN"],
  ["pesos", "MXN"],
  ["uae dirhams", "AED"],
  ["dirhams", "AED"],
  ["indian rupees", "INR"],
  ["rupees", "INR"],
  ["ringgit", "MYR"],
  ["south korean won", "KRW"],
  ["korean won", "KRW"],
  ["euros", "EUR"],
  ["euro", "EUR"],
  ["eur", "EUR"],
  ["usd", "USD"],
];

/**
 * First letters (lower-case code units) of every SUFFIX_CURRENCIES entry: most words after a
 * number start with none of them, so the list is never walked for them.
 */
const CURRENCY_WORD_FIRST = new Uint8Array(128);
for (const [word] of SUFFIX_CURRENCIES) CURRENCY_WORD_FIRST[word.charCodeAt(0)] = 1;

/** Can a currency word start with this (lower-cased) code unit? */
export function mayStartCurrencyWord(c: number): boolean {
  return c < 128 && CURRENCY_WORD_FIRST[c] === 1;
}

const CODE_WORDS = new Set(["rmb", "cny", "jpy", "gbp", "eur", "usd"]);

interface CurrencyWord {
  /** Lower-case for words; upper-case for codes, which match in upper case only. */
  match: string;
  code: boolean;
  currency: string;
  /** Singular words can be adjectives ("19 euro zone"): checked against NOT_AFTER_CURRENCY_WORD. */
  singular: boolean;
}

/** SUFFIX_CURRENCIES by the first (lower-case) code unit, longest first, prepared once. */
const CURRENCY_WORDS_BY_FIRST = new Map<number, CurrencyWord[]>();
for (const [word, currency] of SUFFIX_CURRENCIES) {
  const code = CODE_WORDS.has(word);
  const list = CURRENCY_WORDS_BY_FIRST.get(word.charCodeAt(0)) ?? [];
  list.push({
    match: code ? word.toUpperCase() : word,
    code,
    currency,
    singular: !code && !word.endsWith("s"),
  });
  CURRENCY_WORDS_BY_FIRST.set(word.charCodeAt(0), list);
}

/** Words that turn a singular currency word into an adjective ("the 19 euro zone members"). */
const NOT_AFTER_CURRENCY_WORD = [
  "zone",
  "area",
  "countries",
  "members",
  "nations",
  "bill",
  "bills",
  "coins",
  "store",
  "shop",
  "shops",
];

interface NumberToken {
  end: number;
  mantissa: string;
  /** False for dotted codes (9903.88.01), odd separators, or digits glued to letters. */
  ok: boolean;
}

/** Read the digits at `p` (a digit not preceded by a digit): 1,234,567.89 style. */
function readNumber(text: string, p: number, hi: number): NumberToken {
  let j = p;
  while (j < hi && isDigit(text.charCodeAt(j))) j++;
  const intLen = j - p;
  let hasComma = false;
  if (intLen <= 3) {
    while (
      j + 3 < hi &&
      text.charCodeAt(j) === COMMA &&
      isDigit(text.charCodeAt(j + 1)) &&
      isDigit(text.charCodeAt(j + 2)) &&
      isDigit(text.charCodeAt(j + 3)) &&
      !(j + 4 < hi && isDigit(text.charCodeAt(j + 4)))
    ) {
      j += 4;
      hasComma = true;
    }
  }
  if (j + 1 < hi && text.charCodeAt(j) === DOT && isDigit(text.charCodeAt(j + 1))) {
    j += 2;
    while (j < hi && isDigit(text.charCodeAt(j))) j++;
  }
  // A second dot or comma glued to more digits: an HTS heading, version, date or odd list.
  if (j + 1 < hi) {
    const c = text.charCodeAt(j);
    if (isCodeSeparator(c) && isDigit(text.charCodeAt(j + 1))) {
      let k = j + 1;
      while (k < hi) {
        const d = text.charCodeAt(k);
        if (isDigit(d) || (isCodeSeparator(d) && k + 1 < hi && isDigit(text.charCodeAt(k + 1))))
          k++;
        else break;
      }
      return { end: k, mantissa: "", ok: false };
    }
  }
  const raw = text.slice(p, j);
  return { end: j, mantissa: hasComma ? raw.replace(/,/g, "") : raw, ok: true };
}

interface Prefix {
  start: number;
  currency: string;
  yenSign: boolean;
}

/** A currency written before the number at `p` (directly or after one space). */
function readPrefix(text: string, p: number, lo: number): Prefix | null {
  let q = p - 1;
  if (q < lo) return null;
  if (isSpace(text.charCodeAt(q))) q--;
  if (q < lo) return null;
  const c = text.charCodeAt(q);
  if (c === DOLLAR) {
    for (const [letters, currency] of DOLLAR_PREFIXES) {
      const s = q - letters.length;
      if (
        s >= lo &&
        text.startsWith(letters, s) &&
        (s === lo || !isLetter(text.charCodeAt(s - 1)))
      ) {
        return { start: s, currency, yenSign: false };
      }
    }
    // "US $34bn"
    if (
      q - 3 >= lo &&
      isSpace(text.charCodeAt(q - 1)) &&
      text.startsWith("US", q - 3) &&
      (q - 3 === lo || !isLetter(text.charCodeAt(q - 4)))
    ) {
      return { start: q - 3, currency: "USD", yenSign: false };
    }
    return { start: q, currency: "USD", yenSign: false };
  }
  if (c === POUND_SIGN) return { start: q, currency: "GBP", yenSign: false };
  if (c === EURO_SIGN) return { start: q, currency: "EUR", yenSign: false };
  if (c === YEN_SIGN || c === FULLWIDTH_YEN) return { start: q, currency: "CNY", yenSign: true };
  // every prefix ends in an upper-case ASCII letter, except "Rmb" and "Dh": other words end here
  if (c > 122 || (c >= 97 && c !== 98 && c !== 104)) return null;
  if (isLetter(c)) {
    // "$US300 billion", "$A5bn": the letters after the dollar sign
    for (const [letters, currency] of DOLLAR_PREFIXES) {
      const s = q + 1 - letters.length;
      if (
        s - 1 >= lo &&
        text.charCodeAt(s - 1) === DOLLAR &&
        text.startsWith(letters, s) &&
        (s - 1 === lo || !isLetter(text.charCodeAt(s - 2)))
      ) {
        return { start: s - 1, currency, yenSign: false };
      }
    }
    for (const [code, currency] of PREFIX_CODES) {
      const s = q + 1 - code.length;
      if (s >= lo && text.startsWith(code, s) && (s === lo || !isLetter(text.charCodeAt(s - 1)))) {
        return { start: s, currency, yenSign: false };
      }
    }
  }
  return null;
}

interface Suffix {
  end: number;
  exp: number;
  currency: string | null;
  percent: boolean;
}

const LETTER_P = "p".charCodeAt(0);

function readPercentWord(text: string, j: number, hi: number): number {
  const c = lower(text.charCodeAt(j));
  if (c !== LETTER_P) return -1;
  let e = matchWordAt(text, j, "percent", hi);
  if (e > 0) return e;
  e = matchWordAt(text, j, "pct", hi);
  if (e > 0) return e;
  e = matchWordAt(text, j, "pc", hi);
  if (e > 0) return e;
  if (text.startsWith("per", j) || text.startsWith("Per", j)) {
    const sep = text.charCodeAt(j + 3);
    if (sep === SPACE || sep === HYPHEN) {
      e = matchWordAt(text, j + 4, "cent", hi);
      if (e > 0) return e;
    }
  }
  // "percentage point(s)": a change in a rate, still written as a percentage
  if (text.startsWith("percentage", j)) {
    const sep = text.charCodeAt(j + 10);
    if (sep === SPACE || sep === HYPHEN) {
      e = matchWordAt(text, j + 11, "points", hi);
      if (e > 0) return e;
      e = matchWordAt(text, j + 11, "point", hi);
      if (e > 0) return e;
    }
  }
  return -1;
}

function readCurrencyWord(
  text: string,
  j: number,
  hi: number,
): { end: number; currency: string } | null {
  const c = lower(text.charCodeAt(j));
  if (!mayStartCurrencyWord(c)) return null;
  const candidates = CURRENCY_WORDS_BY_FIRST.get(c);
  if (!candidates) return null;
  for (const cw of candidates) {
    // codes: upper-case only, so ordinary words never match
    const end = cw.code ? matchExactAt(text, j, cw.match, hi) : matchWordAt(text, j, cw.match, hi);
    if (end < 0) continue;
    if (cw.singular) {
      // singular words used as adjectives: "19 euro zone", "5 dollar bills"
      let k = end;
      if (k < hi && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === HYPHEN)) k++;
      let blocked = false;
      for (const w of NOT_AFTER_CURRENCY_WORD) {
        if (matchWordAt(text, k, w, hi) > 0) {
          blocked = true;
          break;
        }
      }
      if (blocked) continue;
    }
    return { end, currency: cw.currency };
  }
  return null;
}

/** Scale, percent mark and currency word after the digits ending at `j`. */
function readSuffix(text: string, j: number, hi: number, hasCurrency: boolean): Suffix {
  const result: Suffix = { end: j, exp: -1, currency: null, percent: false };
  if (j >= hi) return result;
  let k = j;
  let c = text.charCodeAt(k);
  let gap = 0;
  if (isSpace(c)) {
    k++;
    gap = 1;
  } else if (c === HYPHEN) {
    k++;
    gap = 2;
  }
  if (k >= hi) return result;
  c = text.charCodeAt(k);
  if (gap !== 2 && (c === PERCENT || c === FULLWIDTH_PERCENT)) {
    result.end = k + 1;
    result.percent = true;
    return result;
  }
  const pe = readPercentWord(text, k, hi);
  if (pe > 0) {
    result.end = pe;
    result.percent = true;
    return result;
  }
  // scale word
  for (const s of SCALES_BY_FIRST.get(lower(c)) ?? NO_SCALES) {
    if (s.attachedOnly && (gap !== 0 || !hasCurrency)) continue;
    if (s.abbrev && gap === 2) continue;
    const e = matchWordAt(text, k, s.word, hi);
    if (e < 0) continue;
    // "m"/"k"/"b" alone must be lower-case or the usual upper-case money style ($5M, $5B, $5K)
    result.exp = s.exp;
    result.end = e;
    break;
  }
  // currency word, after the scale or directly after the number
  let m = result.end;
  if (result.exp >= 0) {
    if (m < hi && isSpace(text.charCodeAt(m))) m++;
    else if (m < hi && text.charCodeAt(m) === HYPHEN) m++;
    else return result;
  } else {
    m = k;
    if (gap === 0 && !isLetter(c)) return result;
  }
  if (m < hi) {
    const cw = readCurrencyWord(text, m, hi);
    if (cw) {
      result.currency = cw.currency;
      result.end = cw.end;
    }
  }
  return result;
}

/** Is the value a plausible year (no separators, 1800–2100)? */
function looksLikeYear(q: Quantity): boolean {
  return q.mantissa.length === 4 && q.exp < 0 && q.mantissa >= "1800" && q.mantissa <= "2100";
}

/**
 * Parse the quantity whose digits start at `p`. Returns null for a token that can never be a
 * figure (glued to letters, dotted code); `skipTo` then tells the caller where to resume.
 */
export function readQuantity(
  text: string,
  p: number,
  lo: number,
  hi: number,
): { q: Quantity | null; skipTo: number } {
  const num = readNumber(text, p, hi);
  if (!num.ok) return { q: null, skipTo: num.end };
  const prefix = readPrefix(text, p, lo);
  if (p > lo) {
    const before = text.charCodeAt(p - 1);
    // "G20", "A380", "H1": letters glued to the digits that are not a currency code
    if (isLetter(before) && !(prefix && prefix.start < p)) return { q: null, skipTo: num.end };
    // "3.5" inside "v3.5" is handled by readNumber; ".5" alone is not read as a number
    if (before === DOT && p - 2 >= lo && isDigit(text.charCodeAt(p - 2)))
      return { q: null, skipTo: num.end };
  }
  const suffix = readSuffix(text, num.end, hi, prefix !== null);
  // digits glued to letters that are not a scale/percent: "25th", "4A", "5G"
  if (suffix.end === num.end && num.end < hi && isLetter(text.charCodeAt(num.end))) {
    return { q: null, skipTo: num.end };
  }
  let currency = prefix ? prefix.currency : null;
  if (suffix.currency && !currency) currency = suffix.currency;
  let yenSign = prefix ? prefix.yenSign : false;
  if (yenSign && suffix.currency) {
    currency = suffix.currency;
    yenSign = false;
  }
  const q: Quantity = {
    start: prefix ? prefix.start : p,
    end: suffix.end,
    numStart: p,
    numEnd: num.end,
    mantissa: num.mantissa,
    exp: suffix.exp,
    currency: suffix.percent ? null : currency,
    yenSign: suffix.percent ? false : yenSign,
    percent: suffix.percent,
  };
  if (q.percent && prefix) q.start = p;
  // "in 2019 dollars", "constant 2015 yuan": a price base, not an amount
  if (q.currency && !prefix && looksLikeYear(q)) {
    const w = wordBefore(text, q.start, lo).word;
    if (w === "in" || w === "constant" || w === "real" || w === "nominal")
      return { q: null, skipTo: q.end };
  }
  return { q, skipTo: q.end };
}

export function kindOf(q: Quantity): QuantityKind {
  return q.percent ? "rate" : q.currency ? "money" : "bare";
}

/** Exact powers of ten (every one up to 1e22 is a double). */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];

export function quantityValue(q: Quantity): number {
  const m = q.mantissa;
  const exp = q.exp >= 0 ? q.exp : 0;
  // digits as an exact integer scaled by a power of ten: one correctly rounded operation, the
  // same double as parsing "1.2e12", without building that string
  const dot = m.indexOf(".");
  const digits = dot < 0 ? m : m.slice(0, dot) + m.slice(dot + 1);
  const shift = exp - (dot < 0 ? 0 : m.length - dot - 1);
  if (digits.length <= 15 && shift >= -22 && shift <= 22) {
    const n = Number(digits);
    return shift >= 0 ? n * POW10[shift] : n / POW10[-shift];
  }
  return q.exp >= 0 ? Number(`${m}e${q.exp}`) : Number(m);
}

type Connector = "-" | "to" | "and" | "or" | "from";

const APPROXIMATORS = ["about", "around", "roughly", "nearly", "almost", "approximately", "some"];

/** "to as high as 25%": words between "to" and the top of a range. */
const RANGE_TOP_PHRASES = [
  ["as", "high", "as"],
  ["as", "much", "as"],
  ["as", "low", "as"],
] as const;
const UP_FROM = ["up", "from"] as const;
const DOWN_FROM = ["down", "from"] as const;
const FROM = ["from"] as const;
const UP_TO = ["up", "to"] as const;
const OR = ["or"] as const;
const AND = ["and"] as const;
/** "X on average from Y", "X, up from Y", "X down from Y": changes. */
const CHANGE_PHRASES = [["on", "average", "from"], UP_FROM, DOWN_FROM] as const;

/** "from the current rate of 54%": words between "from" and the old level of a change. */
const OLD_LEVEL_WORDS = new Set([
  "the",
  "a",
  "an",
  "current",
  "previous",
  "earlier",
  "existing",
  "prior",
  "old",
  "rate",
  "level",
  "of",
]);
/** At most this many OLD_LEVEL_WORDS are skipped ("the current rate of"). */
const OLD_LEVEL_REACH = 4;

/** Skip spaces (at most two) from `k`; returns the new offset (minus `k`: how many were skipped). */
function skipSpaces(text: string, k: number, hi: number): number {
  const stop = Math.min(hi, k + 2);
  while (k < stop && isSpace(text.charCodeAt(k))) k++;
  return k;
}

/** The end of `phrase` (its words, split once at load) at `k` followed by a space, or -1. */
function matchPhraseAt(text: string, k: number, phrase: readonly string[], hi: number): number {
  let at = k;
  for (const w of phrase) {
    const e = matchWordAt(text, at, w, hi);
    if (e < 0 || e >= hi || !isSpace(text.charCodeAt(e))) return -1;
    at = e + 1;
  }
  return at;
}

/**
 * A range/change connector after `j`, returning the offset where the second quantity should
 * start. Besides "-", "to", "and", "or" and "from": "X, up from Y", "X (from Y)",
 * "X on average from Y", "X from the current rate of Y" (changes) and "X to as high as Y" (range).
 */
function readConnector(
  text: string,
  j: number,
  hi: number,
): { conn: Connector; next: number; paren: boolean } | null {
  let paren = false;
  let k = j;
  // "25%, up from 10%"
  if (k + 1 < hi && text.charCodeAt(k) === COMMA && isSpace(text.charCodeAt(k + 1))) {
    const word = k + 2;
    const c0 = lower(text.charCodeAt(word));
    if (c0 !== LOWER_U && c0 !== LOWER_D && c0 !== LOWER_F) return null;
    let e = matchPhraseAt(text, word, UP_FROM, hi);
    if (e < 0) e = matchPhraseAt(text, word, DOWN_FROM, hi);
    // "raised to 145%, from 20%": joined only when both sides are rates
    if (e < 0) e = matchPhraseAt(text, word, FROM, hi);
    if (e < 0) return null;
    return { conn: "from", next: skipSpaces(text, e, hi), paren };
  }
  const spaced = skipSpaces(text, k, hi);
  const skipped = spaced - k;
  k = spaced;
  if (k >= hi) return null;
  let c = text.charCodeAt(k);
  // "25 percent (from 10 percent)"
  if (c === OPEN_PAREN && skipped > 0) {
    paren = true;
    k++;
    c = text.charCodeAt(k);
  }
  let conn: Connector | null = null;
  let after = -1;
  if ((c === HYPHEN || c === EN_DASH) && !paren) {
    conn = "-";
    after = k + 1;
  } else if (skipped > 0) {
    // every connector word starts with one of these letters: a cheap test before matching words
    const c0 = lower(c);
    if (
      c0 !== LOWER_O &&
      c0 !== LOWER_U &&
      c0 !== LOWER_D &&
      c0 !== LOWER_T &&
      c0 !== LOWER_A &&
      c0 !== LOWER_F
    )
      return null;
    for (const phrase of CHANGE_PHRASES) {
      const e = matchPhraseAt(text, k, phrase, hi);
      if (e > 0) {
        conn = "from";
        after = e - 1;
        break;
      }
    }
    // "tariffs of 10% up to 25%"
    const upTo = conn ? -1 : matchPhraseAt(text, k, UP_TO, hi);
    if (upTo > 0) {
      conn = "to";
      after = upTo - 1;
    }
    if (!conn) {
      for (const w of paren ? (["from"] as const) : (["to", "and", "or", "from"] as const)) {
        const e = matchWordAt(text, k, w, hi);
        if (e > 0 && e < hi && isSpace(text.charCodeAt(e))) {
          conn = w;
          after = e;
          break;
        }
      }
    }
  }
  if (!conn) return null;
  let n = skipSpaces(text, after, hi);
  if (conn !== "-" && n === after) return null;
  if (conn === "to") {
    for (const phrase of RANGE_TOP_PHRASES) {
      const e = matchPhraseAt(text, n, phrase, hi);
      if (e > 0) {
        n = e;
        break;
      }
    }
  }
  if (conn === "from") {
    for (let words = 0; words < OLD_LEVEL_REACH; words++) {
      const w = wordAt(text, n, hi);
      if (!w || !OLD_LEVEL_WORDS.has(w.word) || !isSpace(text.charCodeAt(w.end))) break;
      n = w.end + 1;
    }
  }
  // "to 19.9% from about 3.0%"
  if (conn !== "-") {
    for (const w of APPROXIMATORS) {
      const e = matchWordAt(text, n, w, hi);
      if (e > 0 && e + 1 < hi && isSpace(text.charCodeAt(e))) {
        n = e + 1;
        break;
      }
    }
  }
  return { conn, next: n, paren };
}

/** The lower-cased ASCII word starting at `k`, or null. */
function wordAt(text: string, k: number, hi: number): { word: string; end: number } | null {
  let e = k;
  while (e < hi && e - k < 24 && isLetter(text.charCodeAt(e))) e++;
  if (e === k || e >= hi) return null;
  return { word: text.slice(k, e).toLowerCase(), end: e };
}

/** The quantity starting exactly at `at` (a digit or a currency prefix), or null. */
function quantityAt(text: string, at: number, lo: number, hi: number): Quantity | null {
  let p = at;
  const limit = Math.min(hi, at + 6);
  while (p < limit && !isDigit(text.charCodeAt(p))) p++;
  // "2.5 per cent from five per cent"
  if (p >= limit || !isDigit(text.charCodeAt(p))) return numberWordRate(text, at, hi);
  if (p > lo && isDigit(text.charCodeAt(p - 1))) return null;
  const { q } = readQuantity(text, p, lo, hi);
  if (!q || q.start !== at) return null;
  return q;
}

function single(q: Quantity): RawFigure | null {
  const kind = kindOf(q);
  if (kind === "bare") return null;
  const value = quantityValue(q);
  if (!Number.isFinite(value)) return null;
  return {
    start: q.start,
    end: q.end,
    kind: kind === "money" ? "money" : "tariff_rate",
    value,
    currency: q.currency,
    rateFrom: null,
    rangeLow: null,
    rangeHigh: null,
    yenSign: q.yenSign,
  };
}

const RANGE_INTRO = new Set(["ranging", "range", "ranges", "ranged", "varying", "vary", "varies"]);
/** "with rates from 5% to 25%": nouns for the rates of a set, before "from". */
const RATE_NOUNS = new Set(["rates", "levies", "duties", "tariffs"]);

/** Is the word before the rate noun ending at `at` "with" ("with rates from 5% to 25%")? */
function withBefore(text: string, at: number, lo: number): boolean {
  const noun = wordBefore(text, at, lo);
  return wordBefore(text, noun.start, lo).word === "with";
}

/**
 * Join `q1` with a second quantity after a connector into a range or a change, if the two agree.
 * Returns null when they do not form one figure.
 */
function joinPair(text: string, q1: Quantity, lo: number, hi: number): RawFigure | null {
  const cn = readConnector(text, q1.end, hi);
  if (!cn) return null;
  const q2 = quantityAt(text, cn.next, lo, hi);
  if (!q2) return cn.conn === "from" ? changeFromZero(text, q1, cn.next, hi) : null;
  // "25 percent (from 10 percent)"; "51% (from 145% in April)": the bracket closes soon after
  const closed = cn.paren && text.charCodeAt(q2.end) === CLOSE_PAREN;
  if (cn.paren && !closed && !closesSoon(text, q2.end, hi)) return null;
  const k1 = kindOf(q1);
  const k2 = kindOf(q2);
  if (k1 === "bare" && k2 === "bare") return null;
  // "raised the tariff 10 percentage points to 25%": a difference and a level, two figures
  if (k1 === "rate" && k2 === "rate" && inPoints(text, q1) !== inPoints(text, q2)) return null;
  if (k1 !== "bare" && k2 !== "bare" && k1 !== k2) return null;
  const kind = k1 === "bare" ? k2 : k1;
  if (kind === "money" && k1 === "money" && k2 === "money" && q1.currency !== q2.currency)
    return null;
  if (k1 === "bare" && looksLikeYear(q1)) return null;
  // "Sept. 1 to 7.5 percent": a day of the month, not the low end of a range
  if (k1 === "bare" && afterMonth(text, q1.start, lo)) return null;
  if (k2 === "bare" && looksLikeYear(q2)) return null;
  // a bare second number must borrow a scale: "$50-60bn" yes, "25 per cent to 279 product lines" no
  if (k2 === "bare" && (kind === "rate" || q2.exp < 0)) return null;
  const prev = wordBefore(text, q1.start, lo);
  const prevWord = prev.word;
  const prevPrev = prevWord ? wordBefore(text, prev.start, lo).word : "";

  let change = false;
  let reverse = false;
  switch (cn.conn) {
    case "-":
      // "List 3 - $200bn": a spaced dash after a bare number is punctuation, not a range
      if (k1 === "bare" && cn.next - q1.end > 1) return null;
      break;
    case "to":
      if (prevWord === "from") {
        // "ranging from 5% to 25%", "with rates from 5% to 25%": the spread of a set of rates
        if (
          RANGE_INTRO.has(prevPrev) ||
          (RATE_NOUNS.has(prevPrev) && withBefore(text, prev.start, lo))
        )
          break;
        if (kind === "money") return null;
        // "will rise from 7.5% to 25%" is a change; "imposed tariffs from 5% to 25% on 128
        // products", with no word of change before it in the sentence, is a range
        change = changeWordBefore(text, prev.start, lo);
      } else if (
        kind === "rate" &&
        prevWord !== "to" &&
        // "raise tariffs to rates of 5% to 25%": the rates a list is set to, a range
        prevWord !== "of" &&
        changedBefore(text, q1.start, lo)
      ) {
        // "raised the duties 10% to 25%": a change, not a range
        change = true;
      }
      break;
    case "and":
      // "between 5% and 10%"; "levies of 5 and 10 per cent" share one unit
      if (prevWord !== "between" && !(k1 === "bare" && kind === "rate")) return null;
      break;
    case "or":
      // "20 or 25 percent" and "5 per cent or 10 per cent" are alternatives, a range; amounts
      // joined by "or" are usually a conversion or a correction, not a spread
      if (kind !== "rate") return null;
      break;
    case "from":
      // "to 25% from 10%": value first, old rate second
      if (kind !== "rate" || k1 !== "rate" || k2 !== "rate") return null;
      change = true;
      reverse = true;
      break;
  }
  // second quantity inherits the first's marks and vice versa
  const a = { ...q1 };
  const b = { ...q2 };
  if (kind === "money") {
    if (!a.currency) {
      a.currency = b.currency;
      a.yenSign = b.yenSign;
    }
    if (!b.currency) {
      b.currency = a.currency;
      b.yenSign = a.yenSign;
    }
    if (a.exp < 0 && b.exp >= 0) a.exp = b.exp;
    if (b.exp < 0 && a.exp >= 0) b.exp = a.exp;
  }
  const v1 = quantityValue(a);
  const v2 = quantityValue(b);
  if (!Number.isFinite(v1) || !Number.isFinite(v2)) return null;
  const low = Math.min(v1, v2);
  const high = Math.max(v1, v2);
  if (!change && low === high) return null;
  // one literal of one shape (no spreads): these objects are made for every range and change
  return {
    start: q1.start,
    // "25 percent (from 10 percent)": the closing bracket belongs to the figure
    end: closed ? q2.end + 1 : q2.end,
    kind: kind === "money" ? "money" : "tariff_rate",
    value: change ? (reverse ? v1 : v2) : high,
    currency: kind === "money" ? a.currency : null,
    rateFrom: change ? (reverse ? v2 : v1) : null,
    rangeLow: change ? null : low,
    rangeHigh: change ? null : high,
    yenSign: kind === "money" ? a.yenSign || b.yenSign : false,
  };
}

/** Is the rate written in percentage points ("10 percentage points")? */
function inPoints(text: string, q: Quantity): boolean {
  const last = text.charCodeAt(q.end - 1);
  return (
    (last === 115 /* s */ || last === 116) /* t */ && /points?$/i.test(text.slice(q.numEnd, q.end))
  );
}

/** How far a bracket opened before "(from 145% in April)" may close after the old level. */
const PAREN_CLOSE_REACH = 24;

/** A closing bracket within a few characters, with no other number or bracket before it. */
function closesSoon(text: string, k: number, hi: number): boolean {
  const end = Math.min(hi, k + PAREN_CLOSE_REACH);
  for (let i = k; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === CLOSE_PAREN) return true;
    if (c === OPEN_PAREN || isDigit(c) || c === CHAR.LINE_FEED) return false;
  }
  return false;
}

const MONTHS = new Set(
  "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december".split(
    " ",
  ),
);

/** Is the number at `at` a day after a month name ("Sept. 1", "June 10")? */
function afterMonth(text: string, at: number, lo: number): boolean {
  let j = at;
  let spaces = 0;
  while (j > lo && isSpace(text.charCodeAt(j - 1)) && spaces < 2) {
    j--;
    spaces++;
  }
  if (spaces === 0) return false;
  if (j > lo && text.charCodeAt(j - 1) === DOT) j--;
  return MONTHS.has(wordBefore(text, j, lo).word);
}

/** A verb that changes a rate, with no other percentage between it and the figure. */
const CHANGE_VERB_BEFORE =
  /\b(?:rais(?:e|es|ed|ing)|lift(?:s|ed)?|hik(?:e|es|ed)|increas(?:e|es|ed)|cut|cuts|lower(?:s|ed)?|reduc(?:e|es|ed)|slash(?:es|ed)?)\b[^.;:%\n]*$/i;
/** How far back a change verb may stand before "10% to 25%". */
const CHANGE_VERB_REACH = 90;

function changedBefore(text: string, at: number, lo: number): boolean {
  return CHANGE_VERB_BEFORE.test(text.slice(Math.max(lo, at - CHANGE_VERB_REACH), at));
}

/** Words of change that make "from X% to Y%" a change rather than a range. */
const CHANGE_WORD_BEFORE =
  /\b(?:rais|rise|rose|risen|rising|lift|hik|increas|cut|lower|reduc|slash|fall|fell|drop|declin|go|goes|going|went|gone|jump|climb|doubl|halv|trebl|tripl|mov|chang|bump|boost|shelv|ease|eas|narrow|widen)\w*\b/i;
/** How far back, within the sentence, a word of change may stand before "from X% to Y%". */
const CHANGE_WORD_REACH = 160;

function changeWordBefore(text: string, at: number, lo: number): boolean {
  let from = Math.max(lo, at - CHANGE_WORD_REACH);
  // only the figure's own sentence: after the last line break or full stop followed by a space
  for (let i = at - 1; i > from; i--) {
    const c = text.charCodeAt(i);
    if (c === CHAR.LINE_FEED || (c === DOT && isSpace(text.charCodeAt(i + 1)))) {
      from = i + 1;
      break;
    }
  }
  return CHANGE_WORD_BEFORE.test(text.slice(from, at));
}

/** "15%, up from zero". */
function changeFromZero(text: string, q1: Quantity, at: number, hi: number): RawFigure | null {
  const end = matchWordAt(text, at, "zero", hi);
  if (end < 0 || kindOf(q1) !== "rate") return null;
  const value = quantityValue(q1);
  return {
    start: q1.start,
    end,
    kind: "tariff_rate",
    value,
    currency: null,
    rateFrom: 0,
    rangeLow: null,
    rangeHigh: null,
    yenSign: false,
  };
}

/**
 * A percentage written in words at `at` ("five per cent", "Twenty-five percent"), as a quantity
 * like a written number's, or null.
 */
function numberWordRate(text: string, at: number, hi: number): Quantity | null {
  if (at > 0 && isLetter(text.charCodeAt(at - 1))) return null;
  const first = wordAt(text, at, hi);
  if (!first) return null;
  let value = NUMBER_WORDS.get(first.word);
  if (value === undefined) return null;
  let end = first.end;
  // "twenty-five", "twenty five"
  const sep = text.charCodeAt(end);
  if (value >= 20 && (sep === HYPHEN || sep === SPACE)) {
    const unit = wordAt(text, end + 1, hi);
    const add = unit ? NUMBER_WORDS.get(unit.word) : undefined;
    if (unit && add !== undefined && add >= 1 && add <= 9) {
      value += add;
      end = unit.end;
    }
  }
  const gap = text.charCodeAt(end);
  if (gap !== SPACE && gap !== HYPHEN) return null;
  const percentEnd = readPercentWord(text, end + 1, hi);
  if (percentEnd < 0 || text.startsWith("percentage", end + 1)) return null;
  return {
    start: at,
    end: percentEnd,
    numStart: at,
    numEnd: end,
    mantissa: String(value),
    exp: -1,
    currency: null,
    yenSign: false,
    percent: true,
  };
}

/** A percent word after a letter: where a percentage written in words may end. */
const PERCENT_AFTER_WORD = /[A-Za-z][ -](?:per[ -]?cent|percent|pct|pc)\b/gi;
/** Longest PERCENT_AFTER_WORD match ("e per-cent"), plus the character its `\b` looks at. */
const PERCENT_AFTER_WORD_REACH = 11;

/** Rates written in words in `text[lo, hi)` ("a further five per cent"), in order. */
function numberWordFigures(text: string, lo: number, hi: number): RawFigure[] {
  const out: RawFigure[] = [];
  // Searched in a view that ends just past `hi`: a search of the whole text ran on to its end
  // for the title line (a second scan of every body). Every match that starts before `hi` fits
  // in the view, with the character after it, so the matches are the same.
  const view =
    hi + PERCENT_AFTER_WORD_REACH < text.length
      ? text.slice(0, hi + PERCENT_AFTER_WORD_REACH)
      : text;
  PERCENT_AFTER_WORD.lastIndex = lo;
  for (
    let m = PERCENT_AFTER_WORD.exec(view);
    m && m.index < hi;
    m = PERCENT_AFTER_WORD.exec(view)
  ) {
    // back to the start of the number: one word, or two for "twenty-five"
    let start = m.index;
    while (start > lo && isLetter(text.charCodeAt(start - 1))) start--;
    const before = text.charCodeAt(start - 1);
    if (start - 1 > lo && (before === HYPHEN || before === SPACE)) {
      let tens = start - 1;
      while (tens > lo && isLetter(text.charCodeAt(tens - 1))) tens--;
      const word = text.slice(tens, start - 1).toLowerCase();
      if ((NUMBER_WORDS.get(word) ?? 0) >= 20) start = tens;
    }
    const q = numberWordRate(text, start, hi);
    if (!q) continue;
    const fig = joinPair(text, q, lo, hi) ?? single(q);
    if (fig) out.push(fig);
    PERCENT_AFTER_WORD.lastIndex = Math.max(PERCENT_AFTER_WORD.lastIndex, fig ? fig.end : q.end);
  }
  return out;
}

/** Figures of two scans in order; where they overlap, the one that starts first (then the longer) stays. */
function mergeFigures(a: RawFigure[], b: RawFigure[]): RawFigure[] {
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => x.start - y.start || y.end - x.end);
  const out: RawFigure[] = [];
  for (const f of all) if (out.length === 0 || f.start >= out[out.length - 1].end) out.push(f);
  return out;
}

/** Number words read before a percentage ("five and 10 per cent"). */
const NUMBER_WORDS = new Map<string, number>(
  [
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    "fifteen sixteen seventeen eighteen nineteen twenty",
  ]
    .join(" ")
    .split(" ")
    .map((w, i) => [w, i] as [string, number])
    .concat([
      ["thirty", 30],
      ["forty", 40],
      ["fifty", 50],
    ]),
);

/**
 * "five and 10 per cent", "between five and 10 per cent" (a range), "from five to 10 per cent"
 * (a change): a rate whose first number is written as a word. Null when there is none.
 */
function withNumberWord(text: string, fig: RawFigure, lo: number): RawFigure | null {
  if (fig.kind !== "tariff_rate" || fig.rangeLow !== null || fig.rateFrom !== null) return null;
  const conn = wordBefore(text, fig.start, lo);
  if (conn.word !== "and" && conn.word !== "or" && conn.word !== "to") return null;
  const first = wordBefore(text, conn.start, lo);
  const low = NUMBER_WORDS.get(first.word);
  if (low === undefined) return null;
  const intro = wordBefore(text, first.start, lo).word;
  if (conn.word === "to") {
    if (intro !== "from") return null;
    return { ...fig, start: first.start, rateFrom: low };
  }
  if (low === fig.value) return null;
  return {
    ...fig,
    start: first.start,
    value: Math.max(low, fig.value),
    rangeLow: Math.min(low, fig.value),
    rangeHigh: Math.max(low, fig.value),
  };
}

/** At most this many numbers in a list of alternatives ("5, 10, 20 or 25 percent"). */
const LIST_ITEMS = 8;

/**
 * "5, 10, 20 or 25 percent": bare numbers separated by commas, then "or"/"and" and a rate; the
 * range from the lowest to the highest. Null when `q` does not start such a list.
 */
function readList(text: string, q: Quantity, lo: number, hi: number): RawFigure | null {
  if (kindOf(q) !== "bare" || q.exp >= 0 || looksLikeYear(q)) return null;
  let end = q.end;
  if (text.charCodeAt(end) !== COMMA) return null;
  const values = [quantityValue(q)];
  for (let items = 1; items < LIST_ITEMS; items++) {
    if (text.charCodeAt(end) !== COMMA || !isSpace(text.charCodeAt(end + 1))) return null;
    let at = end + 2;
    const or = matchPhraseAt(text, at, OR, hi);
    const and = or < 0 ? matchPhraseAt(text, at, AND, hi) : -1;
    if (or > 0 || and > 0) at = or > 0 ? or : and;
    const next = quantityAt(text, at, lo, hi);
    if (!next || next.exp >= 0 || looksLikeYear(next)) return null;
    values.push(quantityValue(next));
    const kind = kindOf(next);
    if (kind === "rate") return listRange(q.start, next.end, values);
    if (kind !== "bare") return null;
    end = next.end;
    // "20 or 25 percent" ends the list
    const last = readConnector(text, end, hi);
    if (last && (last.conn === "or" || last.conn === "and")) {
      const final = quantityAt(text, last.next, lo, hi);
      if (!final || kindOf(final) !== "rate") return null;
      values.push(quantityValue(final));
      return listRange(q.start, final.end, values);
    }
  }
  return null;
}

/**
 * "25 percent, 20 percent or 10 percent": rates with their own units, separated by commas and
 * ending in "or", are alternatives, the range from the lowest to the highest. (With "and" they
 * stay separate figures: "17.4%, 19.9% and 37.6%" are the rates of three companies.)
 */
function readRateAlternatives(text: string, q: Quantity, lo: number, hi: number): RawFigure | null {
  if (kindOf(q) !== "rate" || text.charCodeAt(q.end) !== COMMA) return null;
  const values = [quantityValue(q)];
  let end = q.end;
  for (let items = 1; items < LIST_ITEMS; items++) {
    if (text.charCodeAt(end) !== COMMA || !isSpace(text.charCodeAt(end + 1))) return null;
    let at = end + 2;
    const or = matchPhraseAt(text, at, OR, hi);
    if (or > 0) at = or;
    const next = quantityAt(text, at, lo, hi);
    if (!next || kindOf(next) !== "rate" || inPoints(text, next) !== inPoints(text, q)) return null;
    values.push(quantityValue(next));
    if (or > 0) return listRange(q.start, next.end, values);
    end = next.end;
    const last = readConnector(text, end, hi);
    if (last && last.conn === "or") {
      const final = quantityAt(text, last.next, lo, hi);
      if (!final || kindOf(final) !== "rate" || inPoints(text, final) !== inPoints(text, q))
        return null;
      values.push(quantityValue(final));
      return listRange(q.start, final.end, values);
    }
  }
  return null;
}

/** Auxiliaries between an old level and its verb of change ("10 percent will be lowered to"). */
const MOVE_AUX = new Set([
  "will",
  "would",
  "be",
  "is",
  "are",
  "was",
  "were",
  "has",
  "have",
  "been",
]);
/** Verbs of a level moving to a new one, as the old level's own verb. */
const MOVE_TO_VERBS = new Set(
  (
    "lowered cut reduced raised increased lifted slashed halved hiked trimmed " +
    "fall rise drop climb fell rose dropped climbed jumped"
  ).split(" "),
);
/** First letters of "on", the auxiliaries and the verbs of change after an old level. */
const MOVE_WORD_FIRST = new Set(["on", ...MOVE_AUX, ...MOVE_TO_VERBS].map((w) => w.charCodeAt(0)));

/** The word after one space at `at`, or null. */
function nextWord(text: string, at: number, hi: number): { word: string; end: number } | null {
  return isSpace(text.charCodeAt(at)) ? wordAt(text, at + 1, hi) : null;
}

/** Words of a short "on ..." phrase between the old level and its verb ("10 percent on some products"). */
const ON_PHRASE_WORDS = 4;

/**
 * "the tariffs of 10 percent on some products will be lowered to 5 percent", "5 percent will
 * fall to 2.5 percent": the old level is the subject of a verb moving it to the new one, a change
 * (not two levels). Null when `q` does not start one.
 */
function readMovedTo(text: string, q: Quantity, lo: number, hi: number): RawFigure | null {
  if (kindOf(q) !== "rate") return null;
  // most rates are followed by none of the words below: one character decides
  if (!isSpace(text.charCodeAt(q.end)) || !MOVE_WORD_FIRST.has(lower(text.charCodeAt(q.end + 1))))
    return null;
  if (inPoints(text, q)) return null;
  let at = q.end;
  let w = nextWord(text, at, hi);
  if (w && w.word === "on") {
    for (let n = 0; n < ON_PHRASE_WORDS && w && !MOVE_AUX.has(w.word); n++)
      w = nextWord(text, w.end, hi);
    if (!w || !MOVE_AUX.has(w.word)) return null;
  }
  while (w && MOVE_AUX.has(w.word)) w = nextWord(text, w.end, hi);
  if (!w || !MOVE_TO_VERBS.has(w.word)) return null;
  const to = nextWord(text, w.end, hi);
  if (!to || to.word !== "to") return null;
  at = to.end;
  if (!isSpace(text.charCodeAt(at))) return null;
  const next = quantityAt(text, at + 1, lo, hi);
  if (!next || kindOf(next) !== "rate" || inPoints(text, next)) return null;
  const from = quantityValue(q);
  const value = quantityValue(next);
  if (!Number.isFinite(from) || !Number.isFinite(value) || from === value) return null;
  return {
    start: q.start,
    end: next.end,
    kind: "tariff_rate",
    value,
    currency: null,
    rateFrom: from,
    rangeLow: null,
    rangeHigh: null,
    yenSign: false,
  };
}

function listRange(start: number, end: number, values: number[]): RawFigure | null {
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (!values.every(Number.isFinite) || low === high) return null;
  return {
    start,
    end,
    kind: "tariff_rate",
    value: high,
    currency: null,
    rateFrom: null,
    rangeLow: low,
    rangeHigh: high,
    yenSign: false,
  };
}

const NEXT_DIGIT = /[0-9]/g;

/**
 * All money amounts and percentages in `text[lo, hi)`, in order, non-overlapping.
 * Bare numbers (years, counts, list numbers, section numbers) are skipped.
 */
export function scanFigures(text: string, lo: number, hi: number): RawFigure[] {
  const out: RawFigure[] = [];
  let i = lo;
  while (i < hi) {
    // jump to the next digit (a native regex scan is about twice as fast as a charCodeAt loop)
    NEXT_DIGIT.lastIndex = i;
    if (!NEXT_DIGIT.test(text)) break;
    i = NEXT_DIGIT.lastIndex - 1;
    if (i >= hi) break;
    if (i > lo && isDigit(text.charCodeAt(i - 1))) {
      i++;
      continue;
    }
    const { q, skipTo } = readQuantity(text, i, lo, hi);
    if (!q) {
      i = Math.max(skipTo, i + 1);
      continue;
    }
    const pair =
      readList(text, q, lo, hi) ??
      readRateAlternatives(text, q, lo, hi) ??
      joinPair(text, q, lo, hi) ??
      readMovedTo(text, q, lo, hi);
    if (pair) {
      out.push(pair);
      i = pair.end;
      continue;
    }
    const fig = single(q);
    if (fig) out.push(withNumberWord(text, fig, lo) ?? fig);
    i = Math.max(q.end, q.numEnd, i + 1);
  }
  return mergeFigures(out, numberWordFigures(text, lo, hi));
}
