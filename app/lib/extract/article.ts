/**
 * Article text files: line 1 is the title, line 2 the UTC timestamp `YYYY-MM-DD HH:MM:SS`, the
 * rest is the body, one paragraph per line.
 */
import { daysInMonth, yearOutsideSpan } from "~/lib/date-range";
import { CHAR } from "./chars";
import type { ArticleError, ParsedArticle } from "./types";

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MAX_QUOTED = 60;

export interface ArticleResult {
  article: ParsedArticle | null;
  errors: ArticleError[];
}

function quote(s: string): string {
  const cut = s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s;
  return `'${cut}'`;
}

function lineOfOffset(bytesOrText: Uint8Array | string, offset: number): number {
  let line = 1;
  if (typeof bytesOrText === "string") {
    for (let i = 0; i < offset && i < bytesOrText.length; i++)
      if (bytesOrText.charCodeAt(i) === CHAR.LINE_FEED) line++;
  } else {
    for (let i = 0; i < offset && i < bytesOrText.length; i++)
      if (bytesOrText[i] === CHAR.LINE_FEED) line++;
  }
  return line;
}

/** Offset of the first byte that breaks UTF-8 (only called once the strict decoder has refused). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Parse `YYYY-MM-DD HH:MM:SS` as UTC; returns an error message for anything else. */
export function parseTimestamp(raw: string): { date: Date } | { error: string } {
  const m = TIMESTAMP.exec(raw);
  if (!m) return { error: `expected a timestamp 'YYYY-MM-DD HH:MM:SS' (UTC), found ${quote(raw)}` };
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const outside = yearOutsideSpan(year);
  if (outside) return { error: `${quote(raw)}: ${outside}` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { error: `${quote(raw)} is not a valid date` };
  }
  if (hour > 23 || minute > 59 || second > 59)
    return { error: `${quote(raw)} is not a valid time` };
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC maps years 0–99 to 1900–1999
  date.setUTCFullYear(year);
  return { date };
}

export interface ArticleOptions {
  /**
   * The text was decoded from bytes already found free of NUL bytes (UTF-8 writes U+0000 only as
   * one), so it is not searched for NUL again: a search that is slow on text with any character
   * beyond Latin-1. Bytes are always checked.
   */
  nulChecked?: boolean;
}

/**
 * Decode and split an article file. Bytes must be UTF-8 (a BOM is dropped); strings are taken as
 * decoded text. Never throws: problems come back in `errors` with the line they concern.
 */
export function textToArticle(
  input: string | Uint8Array,
  options: ArticleOptions = {},
): ArticleResult {
  let text: string;
  let nulChecked = options.nulChecked === true;
  if (typeof input === "string") {
    text = input;
  } else {
    if (input.length === 0) return fail(null, "file is empty");
    const nul = input.indexOf(0);
    if (nul >= 0) {
      const line = lineOfOffset(input, nul);
      return fail(
        line,
        `binary content (NUL byte at byte offset ${nul}), not an article text file`,
      );
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      const at = firstInvalidUtf8(input);
      const line = lineOfOffset(input, at);
      const byte =
        at < input.length ? `0x${input[at].toString(16).padStart(2, "0")}` : "end of file";
      return fail(line, `not valid UTF-8 (byte ${byte} at offset ${at}); save the file as UTF-8`);
    }
    nulChecked = true;
  }
  if (text.charCodeAt(0) === CHAR.BYTE_ORDER_MARK) text = text.slice(1);
  if (text.length === 0) return fail(null, "file is empty");
  const nul = nulChecked ? -1 : text.indexOf("\u0000");
  if (nul >= 0) {
    const line = lineOfOffset(text, nul);
    return fail(line, `binary content (NUL character), not an article text file`);
  }
  if (!/\S/.test(text)) return fail(null, "file is empty (only whitespace)");

  const errors: ArticleError[] = [];
  const firstBreak = text.indexOf("\n");
  const line1 = (firstBreak < 0 ? text : text.slice(0, firstBreak)).trim();
  if (line1 === "") errors.push({ line: 1, message: "no title (the first line is blank)" });

  let publishedAt: Date | null = null;
  if (firstBreak < 0) {
    errors.push({
      line: 2,
      message: "missing timestamp 'YYYY-MM-DD HH:MM:SS' (the file has only one line)",
    });
  } else {
    const secondBreak = text.indexOf("\n", firstBreak + 1);
    const line2 = text.slice(firstBreak + 1, secondBreak < 0 ? text.length : secondBreak).trim();
    if (line2 === "") {
      errors.push({
        line: 2,
        message: "missing timestamp 'YYYY-MM-DD HH:MM:SS' (the line is blank)",
      });
    } else {
      const parsed = parseTimestamp(line2);
      if ("error" in parsed) errors.push({ line: 2, message: parsed.error });
      else publishedAt = parsed.date;
    }
  }
  if (errors.length > 0 || !publishedAt) return { article: null, errors };
  return { article: { title: line1, publishedAt, text }, errors };
}

function fail(line: number | null, message: string): ArticleResult {
  return { article: null, errors: [{ line, message }] };
}

/** Offset where the body starts (after the timestamp line), or text.length when there is none. */
export function bodyOffset(text: string): number {
  const first = text.indexOf("\n");
  if (first < 0) return text.length;
  const second = text.indexOf("\n", first + 1);
  return second < 0 ? text.length : second + 1;
}
