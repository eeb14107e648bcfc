/**
 * Cut a text into plain and highlighted pieces from character spans (figure offsets),
 * for rendering marks without ever treating the text as HTML.
 */
export interface Span<T> {
  /** UTF-16 offsets into the whole text, `end` exclusive (as `String.prototype.slice`). */
  start: number;
  end: number;
  data: T;
}

export interface Segment<T> {
  text: string;
  /** The span this piece highlights, or null for plain text. */
  span: Span<T> | null;
  /**
   * True on the first piece shown of a span. A span cut by a paragraph break yields several pieces;
   * only the first should carry an element id.
   */
  first: boolean;
}

export interface Paragraph<T> {
  /** Offset of the paragraph's first character in the whole text. */
  start: number;
  segments: Segment<T>[];
  /** Set on a subheading the text ran into the sentence after it (see gluedHeadingEnd). */
  heading?: true;
}

/**
 * Where a line's sentence starts when the text's source ran a subheading into it with no break:
 * a short start of the line with no sentence end, closed by `?`, `!` or a closing quote right
 * after a small letter or digit, and a capitalised word straight after it ("What else is
 * happening at the G20?The meeting …", "Putin: Liberalism is 'obsolete'Mr Putin smiled …").
 * A quote closes only a quotation the heading opened, so "d'Estaing" is no heading. -1 when none.
 */
export function gluedHeadingEnd(line: string): number {
  const match = /^[^.!?]{2,99}?[a-z0-9]([?!]|['"’”])(?=[A-Z][a-z])/.exec(line);
  if (!match) return -1;
  const closer = match[1];
  if (closer !== "?" && closer !== "!") {
    const opener = closer === "’" ? "‘" : closer === "”" ? "“" : closer;
    const heading = match[0].slice(0, -1);
    if (!heading.startsWith(opener) && !heading.includes(` ${opener}`)) return -1;
  }
  return match[0].length;
}

/**
 * Segments of `text[from, to)`: in order, never overlapping, and joined they give the slice back exactly.
 * Spans are clipped to the window; where spans overlap, the one starting first (the longer on a tie)
 * keeps the shared characters and the other keeps only what is left of it, if anything.
 */
export function segmentText<T>(
  text: string,
  spans: readonly Span<T>[],
  from = 0,
  to = text.length,
): Segment<T>[] {
  return cut(text, spans, from, to, new Set());
}

function cut<T>(
  text: string,
  spans: readonly Span<T>[],
  from: number,
  to: number,
  seen: Set<Span<T>>,
): Segment<T>[] {
  const windowStart = clamp(from, 0, text.length);
  const windowEnd = clamp(to, windowStart, text.length);
  const ordered = spans
    .filter(
      (span) => Number.isFinite(span.start) && Number.isFinite(span.end) && span.end > span.start,
    )
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);

  const segments: Segment<T>[] = [];
  let cursor = windowStart;
  for (const span of ordered) {
    const start = Math.max(clamp(span.start, windowStart, windowEnd), cursor);
    const end = clamp(span.end, windowStart, windowEnd);
    if (end <= start) continue;
    if (start > cursor)
      segments.push({ text: text.slice(cursor, start), span: null, first: false });
    segments.push({ text: text.slice(start, end), span, first: !seen.has(span) });
    seen.add(span);
    cursor = end;
  }
  if (cursor < windowEnd)
    segments.push({ text: text.slice(cursor, windowEnd), span: null, first: false });
  return segments;
}

/**
 * The text's lines from `firstLine` (1-based) on as paragraphs, blank lines dropped, each cut into
 * segments. Line breaks (`\n`, `\r\n`) belong to no paragraph; a span across one is split.
 * With `headings`, a subheading run into its line's sentence is a paragraph of its own.
 */
export function paragraphSegments<T>(
  text: string,
  spans: readonly Span<T>[],
  firstLine = 1,
  { headings = false } = {},
): Paragraph<T>[] {
  const paragraphs: Paragraph<T>[] = [];
  const seen = new Set<Span<T>>();
  let lineStart = 0;
  let lineNumber = 1;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const next = newline === -1 ? text.length : newline;
    const lineEnd = next > lineStart && text[next - 1] === "\r" ? next - 1 : next;
    const line = text.slice(lineStart, lineEnd);
    if (lineNumber >= firstLine && line.trim() !== "") {
      const headingEnd = headings ? gluedHeadingEnd(line) : -1;
      if (headingEnd > 0) {
        const sentenceStart = lineStart + headingEnd;
        paragraphs.push({
          start: lineStart,
          segments: cut(text, spans, lineStart, sentenceStart, seen),
          heading: true,
        });
        paragraphs.push({
          start: sentenceStart,
          segments: cut(text, spans, sentenceStart, lineEnd, seen),
        });
      } else {
        paragraphs.push({ start: lineStart, segments: cut(text, spans, lineStart, lineEnd, seen) });
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
    lineNumber += 1;
  }
  return paragraphs;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
