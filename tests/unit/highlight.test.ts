import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  gluedHeadingEnd,
  paragraphSegments,
  segmentText,
  type Segment,
  type Span,
} from "~/lib/highlight";

const span = (start: number, end: number, data = `${start}-${end}`): Span<string> => ({
  start,
  end,
  data,
});
const joined = (segments: Segment<unknown>[]) => segments.map((s) => s.text).join("");
const marks = (segments: Segment<string>[]) =>
  segments.filter((s) => s.span).map((s) => [s.text, s.span!.data, s.first]);

/** Offsets of each segment in the window, checking they are contiguous. */
function offsets(segments: Segment<unknown>[], from: number): { start: number; end: number }[] {
  let at = from;
  return segments.map((s) => {
    const range = { start: at, end: at + s.text.length };
    at = range.end;
    return range;
  });
}

describe("segmentText", () => {
  it("marks the spans and keeps the text between them", () => {
    const text = "Tariffs rose to 25% on $200bn of goods.";
    const segments = segmentText(text, [span(23, 29, "money"), span(16, 19, "rate")]);
    expect(segments.map((s) => s.text)).toEqual([
      "Tariffs rose to ",
      "25%",
      " on ",
      "$200bn",
      " of goods.",
    ]);
    expect(marks(segments)).toEqual([
      ["25%", "rate", true],
      ["$200bn", "money", true],
    ]);
    expect(joined(segments)).toBe(text);
  });

  it("returns the whole text unmarked without spans, and nothing for an empty text", () => {
    expect(segmentText("plain", [])).toEqual([{ text: "plain", span: null, first: false }]);
    expect(segmentText("", [span(0, 3)])).toEqual([]);
  });

  it("handles spans at the very start and end", () => {
    const segments = segmentText("25% then 10%", [span(0, 3), span(9, 12)]);
    expect(segments.map((s) => [s.text, s.span !== null])).toEqual([
      ["25%", true],
      [" then ", false],
      ["10%", true],
    ]);
  });

  it("gives overlapping characters to the earlier span and keeps the rest of the later one", () => {
    const text = "abcdefghij";
    const segments = segmentText(text, [span(2, 6, "first"), span(4, 8, "second")]);
    expect(segments.map((s) => s.text)).toEqual(["ab", "cdef", "gh", "ij"]);
    expect(marks(segments)).toEqual([
      ["cdef", "first", true],
      ["gh", "second", true],
    ]);
    expect(joined(segments)).toBe(text);
  });

  it("drops a span wholly inside another, and duplicates, without losing text", () => {
    const text = "abcdefghij";
    const segments = segmentText(text, [
      span(1, 9, "outer"),
      span(3, 5, "inner"),
      span(1, 9, "dup"),
    ]);
    expect(marks(segments)).toEqual([["bcdefghi", "outer", true]]);
    expect(joined(segments)).toBe(text);
  });

  it("ignores empty, inverted and out-of-range spans", () => {
    const text = "abcdef";
    const segments = segmentText(text, [
      span(3, 3),
      span(5, 2),
      span(-4, 2, "clipped"),
      span(5, 99, "tail"),
      span(50, 60),
    ]);
    expect(marks(segments)).toEqual([
      ["ab", "clipped", true],
      ["f", "tail", true],
    ]);
    expect(joined(segments)).toBe(text);
  });

  it("cuts only the requested window", () => {
    const text = "line one\nline two 25%";
    const segments = segmentText(text, [span(18, 21)], 9, text.length);
    expect(segments.map((s) => s.text)).toEqual(["line two ", "25%"]);
  });

  it("keeps any text exactly, with pieces in order and never overlapping (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: -5, max: 70 })), {
          maxLength: 12,
        }),
        (text, pairs) => {
          const spans = pairs.map(([a, b], i) => span(a, b, String(i)));
          const segments = segmentText(text, spans);
          expect(joined(segments)).toBe(text);
          const ranges = offsets(segments, 0);
          for (const [i, segment] of segments.entries()) {
            expect(segment.text.length).toBeGreaterThan(0);
            if (segment.span) {
              // A mark lies inside its span: it may be shortened, never moved or widened.
              expect(ranges[i].start).toBeGreaterThanOrEqual(segment.span.start);
              expect(ranges[i].end).toBeLessThanOrEqual(segment.span.end);
            }
          }
          // Each span is shown at most once within one window.
          const shown = segments.filter((s) => s.span).map((s) => s.span);
          expect(new Set(shown).size).toBe(shown.length);
        },
      ),
    );
  });
});

describe("paragraphSegments", () => {
  const body = "Title\n2019-06-29 02:47:04\nFirst para 25%.\n\nSecond para $200bn.\r\nThird.";

  it("skips the header lines and blank lines, keeping each paragraph's text", () => {
    const paragraphs = paragraphSegments(body, [], 3);
    expect(paragraphs.map((p) => joined(p.segments))).toEqual([
      "First para 25%.",
      "Second para $200bn.",
      "Third.",
    ]);
    for (const p of paragraphs) expect(body.startsWith(joined(p.segments), p.start)).toBe(true);
  });

  it("places marks by whole-body offsets", () => {
    const rate = body.indexOf("25%");
    const money = body.indexOf("$200bn");
    const paragraphs = paragraphSegments(
      body,
      [span(rate, rate + 3, "r"), span(money, money + 6, "m")],
      3,
    );
    expect(paragraphs.map((p) => marks(p.segments))).toEqual([
      [["25%", "r", true]],
      [["$200bn", "m", true]],
      [],
    ]);
  });

  it("splits a span across a line break and flags only its first piece", () => {
    const text = "h1\nh2\nends here\nstarts there";
    const start = text.indexOf("here");
    const end = text.indexOf(" there");
    const paragraphs = paragraphSegments(text, [span(start, end, "x")], 3);
    expect(paragraphs.map((p) => marks(p.segments))).toEqual([
      [["here", "x", true]],
      [["starts", "x", false]],
    ]);
  });

  it("ignores figures in the header lines", () => {
    const paragraphs = paragraphSegments(body, [span(6, 10, "year")], 3);
    expect(paragraphs.flatMap((p) => marks(p.segments))).toEqual([]);
  });

  it("keeps every body line's text for any spans (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 15 }).map((s) => s.replace(/[\r\n]/g, "")),
          { maxLength: 8 },
        ),
        fc.array(fc.tuple(fc.nat(120), fc.nat(120)), { maxLength: 10 }),
        (lines, pairs) => {
          const text = lines.join("\n");
          const paragraphs = paragraphSegments(
            text,
            pairs.map(([a, b]) => span(a, b)),
            1,
          );
          expect(paragraphs.map((p) => joined(p.segments))).toEqual(
            lines.filter((l) => l.trim() !== ""),
          );
        },
      ),
    );
  });
});

describe("subheadings run into the next sentence", () => {
  it("are found where a closed heading meets a capitalised word", () => {
    const heading = (line: string) => {
      const end = gluedHeadingEnd(line);
      return end < 0 ? null : [line.slice(0, end), line.slice(end)];
    };
    // The two in the seed article (BBC, 29 Jun 2019).
    expect(heading("Putin: Liberalism is 'obsolete'Mr Putin smiled as the US president")).toEqual([
      "Putin: Liberalism is 'obsolete'",
      "Mr Putin smiled as the US president",
    ]);
    expect(heading("What else is happening at the G20?The meeting between")).toEqual([
      "What else is happening at the G20?",
      "The meeting between",
    ]);
    expect(heading("Trade war “escalates”China answers")).toEqual([
      "Trade war “escalates”",
      "China answers",
    ]);
    for (const line of [
      'A smirking Mr Trump wagged his finger and said: "Don\'t meddle in the election, please."',
      "Mr O'Brien said the tariffs would stay.",
      "Valéry Giscard d'Estaing was there.",
      "The iPhone and YouTube are American.",
      "He said it. Then?The rest", // a sentence ended before it: not a heading
      "Tariffs?", // nothing after it
      `${"x".repeat(120)}?The rest`, // too long for a heading
    ])
      expect(heading(line), line).toBeNull();
  });

  it("become paragraphs of their own, with marks still placed by whole-body offsets", () => {
    const text = "Title\n2019-06-29\nIs 25% the ceiling?Tariffs of 25% stay.\nPlain line.";
    const first = text.indexOf("25%");
    const second = text.lastIndexOf("25%");
    const spans = [span(first, first + 3, "a"), span(second, second + 3, "b")];
    const paragraphs = paragraphSegments(text, spans, 3, { headings: true });
    expect(paragraphs.map((p) => [joined(p.segments), p.heading ?? false])).toEqual([
      ["Is 25% the ceiling?", true],
      ["Tariffs of 25% stay.", false],
      ["Plain line.", false],
    ]);
    expect(paragraphs.map((p) => marks(p.segments))).toEqual([
      [["25%", "a", true]],
      [["25%", "b", true]],
      [],
    ]);
    for (const p of paragraphs) expect(text.startsWith(joined(p.segments), p.start)).toBe(true);
    // Without the option a line stays one paragraph.
    expect(paragraphSegments(text, spans, 3).map((p) => joined(p.segments))).toEqual([
      "Is 25% the ceiling?Tariffs of 25% stay.",
      "Plain line.",
    ]);
  });
});
