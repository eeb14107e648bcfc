/**
 * Sentence tokens for the context rules: lower-case words looked up in the lexicon, figure
 * placeholders, and clause numbers. Words inside a figure's span are never tokens.
 */
import { CHAR } from "./chars";
import {
  AFTER_COMMA,
  CLAUSE_CONJUNCTIONS,
  LEXICON,
  MERGE_SECOND,
  MERGES,
  marksOf,
  MONEY_FIG,
  RATE_FIG,
  SPECIAL_FORMS,
} from "./lexicon";

/** Tokens of a sentence: normalised lower-case words and figure placeholders. */
export interface SentenceTokens {
  words: string[];
  flags: number[];
  /** Each word's marks (see markWords): the rules' word lists it is in. */
  marks: number[];
  /** Index of the placeholder token for each figure of the sentence, in order. */
  figureToken: number[];
  /** Clause number of each token: a new clause starts after ";", ":", a spaced dash, or ", and/while/but". */
  clause: number[];
  /** OR of all word flags, for "does the sentence mention X at all". */
  all: number;
}

/** What tokenising needs to know about a written word, cached by its raw form (bounded). */
interface WordInfo {
  /** The word as written, and its wordHash. */
  raw: string;
  hash: number;
  w: string;
  flags: number;
  marks: number;
  /** Can be the second word of a MERGES pair. */
  mergeSecond: boolean;
  /** The MERGES pairs it ends: first word → merged word. */
  mergesAfter: ReadonlyMap<string, string> | undefined;
  conjunction: boolean;
}

/**
 * MERGES by their second word, so that a word looks up the word before it rather than building
 * the pair's string ("of" and "for" end pairs and are among the commonest words).
 */
const MERGES_AFTER = new Map<string, Map<string, string>>();
for (const [pair, merged] of MERGES) {
  const space = pair.indexOf(" ");
  const second = pair.slice(space + 1);
  let firsts = MERGES_AFTER.get(second);
  if (firsts === undefined) MERGES_AFTER.set(second, (firsts = new Map<string, string>()));
  firsts.set(pair.slice(0, space), merged);
}

const WORD_INFO = new Map<string, WordInfo>();
const WORD_INFO_LIMIT = 50_000;

function normalise(raw: string): string {
  let w = SPECIAL_FORMS.get(raw);
  if (w === undefined)
    w =
      raw.length > 1 && raw.charCodeAt(raw.length - 1) === CHAR.DOT
        ? raw.replace(/\./g, "").toLowerCase()
        : raw.toLowerCase();
  return w;
}

/**
 * Words seen, keyed by their written form and found without slicing the text: an open-addressing
 * table by a hash computed while the tokenizer scans the letters. Bounded like WORD_INFO. A slot
 * holds the WordInfo itself, whose hash and written form a probe compares: one object per probe
 * rather than three parallel arrays (each word touched a cache line in each).
 */
const TABLE_SIZE = 1 << 16;
const TABLE_MASK = TABLE_SIZE - 1;
const TABLE_LIMIT = (TABLE_SIZE * 3) >> 2;
const table: Array<WordInfo | undefined> = new Array<WordInfo | undefined>(TABLE_SIZE);
let tableCount = 0;

/** The hash the tokenizer computes as it scans a word's letters. */
function wordHash(raw: string): number {
  let h = raw.charCodeAt(0);
  for (let k = 1; k < raw.length; k++) h = (Math.imul(h, 31) + raw.charCodeAt(k)) | 0;
  return h;
}

/** The WordInfo of `text[i, j)`, whose letters hash to `h`. */
function lookupWord(text: string, i: number, j: number, h: number): WordInfo {
  const n = j - i;
  let slot = h & TABLE_MASK;
  for (;;) {
    const info = table[slot];
    if (info === undefined) break;
    const key = info.raw;
    if (info.hash === h && key.length === n) {
      let k = 0;
      while (k < n && key.charCodeAt(k) === text.charCodeAt(i + k)) k++;
      if (k === n) return info;
    }
    slot = (slot + 1) & TABLE_MASK;
  }
  const info = wordInfo(text.slice(i, j));
  if (tableCount < TABLE_LIMIT) {
    table[slot] = info;
    tableCount++;
  }
  return info;
}

function wordInfo(raw: string): WordInfo {
  let info = WORD_INFO.get(raw);
  if (info === undefined) {
    const w = normalise(raw);
    info = {
      raw,
      hash: wordHash(raw),
      w,
      flags: LEXICON.get(w) ?? 0,
      marks: marksOf(w),
      mergeSecond: MERGE_SECOND.has(w),
      mergesAfter: MERGES_AFTER.get(w),
      conjunction: CLAUSE_CONJUNCTIONS.has(w),
    };
    if (WORD_INFO.size < WORD_INFO_LIMIT) WORD_INFO.set(raw, info);
  }
  return info;
}

function digitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

export type FigureSpan = { start: number; end: number; kind: "money" | "tariff_rate" };

/** Accumulates the tokens of one sentence; methods rather than closures keep the hot path cheap. */
class TokenBuilder {
  readonly words: string[] = [];
  readonly flags: number[] = [];
  readonly marks: number[] = [];
  readonly figureToken: number[] = [];
  readonly clause: number[] = [];
  all = 0;
  private clauseNo = 0;
  private pendingComma = false;

  constructor(
    private readonly text: string,
    private lastEnd: number,
  ) {}

  /** Note clause punctuation between the previous token and `at`. */
  gap(at: number): void {
    const text = this.text;
    // most words follow one space, which is no punctuation
    if (at === this.lastEnd + 1 && text.charCodeAt(this.lastEnd) === CHAR.SPACE) return;
    for (let i = this.lastEnd; i < at; i++) {
      const c = text.charCodeAt(i);
      // "5,207 products", "at 12:01 a.m.": a separator inside a number is no punctuation
      if ((c === CHAR.COMMA || c === CHAR.COLON) && digitAt(text, i - 1) && digitAt(text, i + 1))
        continue;
      if (c === CHAR.SEMICOLON || c === CHAR.COLON) {
        this.clauseNo++;
        this.pendingComma = false;
      } else if (c === CHAR.COMMA) {
        this.pendingComma = true;
      } else if (
        (c === CHAR.EM_DASH || c === CHAR.EN_DASH || c === CHAR.HYPHEN) &&
        i > this.lastEnd &&
        text.charCodeAt(i - 1) === CHAR.SPACE &&
        i + 1 < at &&
        text.charCodeAt(i + 1) === CHAR.SPACE
      ) {
        this.clauseNo++;
      }
    }
  }

  figure(fig: FigureSpan): void {
    this.gap(fig.start);
    const comma = this.pendingComma ? AFTER_COMMA : 0;
    this.pendingComma = false;
    this.figureToken.push(this.words.length);
    this.words.push("#fig");
    this.flags.push((fig.kind === "money" ? MONEY_FIG : RATE_FIG) | comma);
    this.marks.push(0);
    this.clause.push(this.clauseNo);
    this.lastEnd = fig.end;
  }

  /** The word `info` written at `text[at, at + length)`. */
  word(info: WordInfo, at: number, length: number): void {
    let w = info.w;
    let fl = info.flags;
    let marks = info.marks;
    const words = this.words;
    const n = words.length;
    // possessive "China's" → "china" + "s": drop the lone "s"
    if (
      w === "s" &&
      at > 0 &&
      (this.text.charCodeAt(at - 1) === CHAR.APOSTROPHE ||
        this.text.charCodeAt(at - 1) === CHAR.RIGHT_SINGLE_QUOTE)
    )
      return;
    if (info.mergeSecond) {
      const merged =
        w === "world"
          ? n >= 3 && words[n - 1] === "the" && words[n - 2] === "of" && words[n - 3] === "rest"
            ? "othercountries"
            : undefined
          : n > 0
            ? info.mergesAfter?.get(words[n - 1])
            : undefined;
      if (merged) {
        this.drop(w === "world" ? 3 : 1);
        w = merged;
        fl = LEXICON.get(w) ?? 0;
        marks = marksOf(w);
      }
    }
    this.gap(at);
    if (this.pendingComma && info.conjunction) this.clauseNo++;
    if (this.pendingComma) fl |= AFTER_COMMA;
    this.pendingComma = false;
    words.push(w);
    this.flags.push(fl);
    this.marks.push(marks);
    this.clause.push(this.clauseNo);
    this.all |= fl;
    this.lastEnd = at + length;
  }

  private drop(count: number): void {
    this.words.length -= count;
    this.flags.length -= count;
    this.marks.length -= count;
    this.clause.length -= count;
  }

  done(): SentenceTokens {
    return {
      words: this.words,
      flags: this.flags,
      marks: this.marks,
      figureToken: this.figureToken,
      clause: this.clause,
      all: this.all,
    };
  }
}

/** ASCII letter (the tokeniser's words are ASCII, as `[A-Za-z]+` was). */
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** End of the dotted abbreviation starting at `i` ("U.S.", "U.K."), or -1 when there is none. */
function dottedEnd(text: string, i: number): number {
  let k = i;
  let pairs = 0;
  while (k + 1 < text.length) {
    const c = text.charCodeAt(k);
    if (c < 65 || c > 90 || text.charCodeAt(k + 1) !== CHAR.DOT) break;
    k += 2;
    pairs++;
  }
  return pairs >= 2 ? k : -1;
}

/**
 * Tokenise `text[start, end)`. Words inside figure spans are replaced by one placeholder per
 * figure, so "billion" or "yuan" inside an amount never counts as context. A word is a run of
 * ASCII letters or a dotted abbreviation ("U.S."); a hand-written scan, since a regex match per
 * word allocates.
 */
export function tokenize(
  text: string,
  start: number,
  end: number,
  figures: ReadonlyArray<FigureSpan>,
): SentenceTokens {
  const b = new TokenBuilder(text, start);
  const len = text.length;
  let f = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isAsciiLetter(c)) {
      i++;
      continue;
    }
    while (f < figures.length && figures[f].start <= i) {
      if (figures[f].start >= start) b.figure(figures[f]);
      f++;
    }
    if (f > 0 && i < figures[f - 1].end) {
      // a word that starts inside a figure is skipped whole
      i = figures[f - 1].end;
      while (i < len && isAsciiLetter(text.charCodeAt(i)) && isAsciiLetter(text.charCodeAt(i - 1)))
        i++;
      continue;
    }
    const dotted = c <= 90 ? dottedEnd(text, i) : -1;
    if (dotted > 0) {
      b.word(wordInfo(text.slice(i, dotted)), i, dotted - i);
      i = dotted;
      continue;
    }
    let h = c;
    let j = i + 1;
    for (; j < len; j++) {
      const d = text.charCodeAt(j);
      if (!isAsciiLetter(d)) break;
      h = (Math.imul(h, 31) + d) | 0;
    }
    b.word(lookupWord(text, i, j, h), i, j - i);
    i = j;
  }
  for (; f < figures.length; f++)
    if (figures[f].start >= start && figures[f].start < end) b.figure(figures[f]);
  return b.done();
}
