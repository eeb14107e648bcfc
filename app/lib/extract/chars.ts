/**
 * Character-class helpers for the hand-written scanners. They work on UTF-16 code units from
 * `charCodeAt` so the hot loops never allocate.
 */

/** Code units the scanners compare against, by name. */
export const CHAR = {
  TAB: 9,
  LINE_FEED: 10,
  SPACE: 32,
  DOLLAR: 36,
  PERCENT: 37,
  APOSTROPHE: 39,
  OPEN_PAREN: 40,
  CLOSE_PAREN: 41,
  COMMA: 44,
  HYPHEN: 45,
  DOT: 46,
  SLASH: 47,
  COLON: 58,
  SEMICOLON: 59,
  NO_BREAK_SPACE: 0xa0,
  POUND_SIGN: 0xa3,
  YEN_SIGN: 0xa5,
  EN_DASH: 0x2013,
  EM_DASH: 0x2014,
  RIGHT_SINGLE_QUOTE: 0x2019,
  NARROW_NO_BREAK_SPACE: 0x202f,
  EURO_SIGN: 0x20ac,
  BYTE_ORDER_MARK: 0xfeff,
  FULLWIDTH_PERCENT: 0xff05,
  FULLWIDTH_YEN: 0xffe5,
} as const;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letters plus the Latin-1/Latin Extended/Greek/Cyrillic letter blocks (not currency signs). */
export function isLetter(c: number): boolean {
  if (c < 65) return false;
  if (c <= 90) return true;
  if (c < 97) return false;
  if (c <= 122) return true;
  return c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7;
}

export function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

export function isWordChar(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** Space, tab or no-break space (never a line break: figures and sentences do not cross lines). */
export function isSpace(c: number): boolean {
  return (
    c === CHAR.SPACE ||
    c === CHAR.TAB ||
    c === CHAR.NO_BREAK_SPACE ||
    c === CHAR.NARROW_NO_BREAK_SPACE
  );
}

/** Lower-case an ASCII letter code; other codes pass through. */
export function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * True when `word` (lower-case ASCII) occurs at `at`, case-insensitively, and is not followed by
 * another letter or digit. Returns the end offset, or -1.
 */
export function matchWordAt(text: string, at: number, word: string, hi: number): number {
  const end = at + word.length;
  if (end > hi) return -1;
  for (let k = 0; k < word.length; k++) {
    const w = word.charCodeAt(k);
    const c = text.charCodeAt(at + k);
    if (c !== w && lower(c) !== w) return -1;
  }
  if (end < hi && isWordChar(text.charCodeAt(end))) return -1;
  return end;
}

/** Like matchWordAt but case-sensitive (currency codes such as `RMB`, `USD`). */
export function matchExactAt(text: string, at: number, word: string, hi: number): number {
  const end = at + word.length;
  if (end > hi) return -1;
  for (let k = 0; k < word.length; k++) {
    if (text.charCodeAt(at + k) !== word.charCodeAt(k)) return -1;
  }
  if (end < hi && isWordChar(text.charCodeAt(end))) return -1;
  return end;
}

/** The lower-cased word (ASCII letters only) that ends just before `end` after skipping spaces, or "". */
export function wordBefore(text: string, end: number, lo: number): { word: string; start: number } {
  let j = end;
  let spaces = 0;
  while (j > lo && isSpace(text.charCodeAt(j - 1)) && spaces < 3) {
    j--;
    spaces++;
  }
  const wordEnd = j;
  while (j > lo && wordEnd - j < 24 && isLetter(text.charCodeAt(j - 1))) j--;
  if (j === wordEnd) return { word: "", start: wordEnd };
  if (j > lo && isLetter(text.charCodeAt(j - 1))) return { word: "", start: wordEnd };
  return { word: text.slice(j, wordEnd).toLowerCase(), start: j };
}
