/**
 * Sentence boundaries, found lazily and in one forward pass.
 *
 * A sentence ends at a line break, or at `.`, `!` or `?` (plus any closing quotes/brackets)
 * followed by whitespace and then a capital letter or an opening quote. A `.` ending an
 * abbreviation ("Mr.", "U.S.", "Jan.", an initial) does not end a sentence; a decimal point
 * never does because it is not followed by a space.
 */
import { isLetter, isSpace, isUpper } from "./chars";

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sen",
  "rep",
  "gov",
  "gen",
  "lt",
  "col",
  "capt",
  "sgt",
  "adm",
  "st",
  "jr",
  "sr",
  "inc",
  "corp",
  "co",
  "ltd",
  "plc",
  "bros",
  "no",
  "nos",
  "vs",
  "v",
  "etc",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "approx",
  "est",
  "dept",
  "govt",
  "cf",
  "al",
  "fig",
  "pres",
  "ave",
  "mt",
  "ft",
]);

const QUOTE_OPEN = new Set([34, 39, 0x201c, 0x2018, 0xab]);
const CLOSERS = new Set([34, 39, 0x201d, 0x2019, 0xbb, 41, 93]);

/** Longer words are never in ABBREVIATIONS: no need to slice and lower-case them. */
const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

/**
 * A word of at most LONGEST_ABBREVIATION ASCII letters as a number, case folded (base 27, each
 * letter 1-26, so words of different lengths differ): the word before every full stop is looked
 * up without slicing and lower-casing it. -1 for a non-ASCII letter (none lower-cases to ASCII).
 */
function abbreviationCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    code = code * 27 + (c - 96);
  }
  return code;
}

const ABBREVIATION_CODES = new Set([...ABBREVIATIONS].map((a) => abbreviationCode(a, 0, a.length)));

function isAbbreviation(text: string, dot: number, lo: number): boolean {
  let s = dot;
  let dotted = false;
  while (s > lo && dot - s < 16) {
    const c = text.charCodeAt(s - 1);
    if (c === 46) dotted = true;
    else if (!isLetter(c)) break;
    s--;
  }
  if (s === dot) return false;
  // an initial ("John F. Kennedy") or a dotted abbreviation ("U.S.", "e.g.")
  if (dot - s === 1 && isUpper(text.charCodeAt(s))) return true;
  if (dotted) return true;
  return dot - s <= LONGEST_ABBREVIATION && ABBREVIATION_CODES.has(abbreviationCode(text, s, dot));
}

/**
 * End (exclusive) of the sentence that starts at `from`: just after its terminal punctuation and
 * closing quotes, or just after the line break. Always greater than `from` unless `from === hi`.
 */
export function sentenceEnd(text: string, from: number, hi: number): number {
  let i = from;
  while (i < hi) {
    NEXT_STOP.lastIndex = i;
    if (!NEXT_STOP.test(text)) return hi;
    i = NEXT_STOP.lastIndex - 1;
    if (i >= hi) return hi;
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 46 || c === 33 || c === 63) {
      let j = i + 1;
      while (j < hi && (CLOSERS.has(text.charCodeAt(j)) || text.charCodeAt(j) === c)) j++;
      const closeEnd = j;
      if (j < hi && isSpace(text.charCodeAt(j))) {
        while (j < hi && isSpace(text.charCodeAt(j))) j++;
        if (j < hi) {
          const n = text.charCodeAt(j);
          if ((isUpper(n) || QUOTE_OPEN.has(n)) && !(c === 46 && isAbbreviation(text, i, from))) {
            return closeEnd;
          }
        }
      }
      i = closeEnd;
      continue;
    }
    i++;
  }
  return hi;
}

/** Characters that can end a sentence. */
const NEXT_STOP = /[.!?\n]/g;

/**
 * Finds the sentence around increasing positions, scanning the text at most once.
 * `locate` must be called with non-decreasing positions.
 */
export class SentenceCursor {
  private start: number;
  private end = -1;
  /** The last two non-blank sentences before the current one ([start, end], most recent first). */
  private readonly history: Array<[number, number] | null> = [null, null];

  constructor(
    private readonly text: string,
    from: number,
    private readonly hi: number = text.length,
  ) {
    this.start = from;
  }

  /** [start, end) of the raw sentence containing `pos` (not trimmed). */
  locate(pos: number): [number, number] {
    if (this.end < 0) this.end = sentenceEnd(this.text, this.start, this.hi);
    while (pos >= this.end && this.end < this.hi) {
      if (!isBlank(this.text, this.start, this.end)) {
        // reuse the older pair rather than allocating one per sentence
        const older = this.history[1] ?? [0, 0];
        older[0] = this.start;
        older[1] = this.end;
        this.history[1] = this.history[0];
        this.history[0] = older;
      }
      this.start = this.end;
      this.end = sentenceEnd(this.text, this.start, this.hi);
    }
    return [this.start, this.end];
  }

  /**
   * The `back`-th non-blank sentence before the one last located (0 = the one just before), across
   * line breaks; null when there is none.
   */
  previous(back: 0 | 1): [number, number] | null {
    return this.history[back] ?? null;
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}

/** The trimmed sentence text and the offset of its first character. */
export function trimmedSentence(
  text: string,
  start: number,
  end: number,
): { text: string; start: number } {
  let s = start;
  let e = end;
  while (s < e && text.charCodeAt(s) <= 32) s++;
  while (e > s && text.charCodeAt(e - 1) <= 32) e--;
  return { text: text.slice(s, e), start: s };
}
