import { describe, expect, it } from "vitest";
import { bodyOffset, textToArticle } from "~/lib/extract";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("textToArticle", () => {
  it("reads title, UTC timestamp and keeps the whole text", () => {
    const text = "A title\n2019-06-29 02:47:04\nFirst paragraph.\nSecond one.\n";
    const { article, errors } = textToArticle(text);
    expect(errors).toEqual([]);
    expect(article?.title).toBe("A title");
    expect(article?.publishedAt.toISOString()).toBe("2019-06-29T02:47:04.000Z");
    expect(article?.text).toBe(text);
  });

  it("strips a UTF-8 BOM (bytes and string) so offsets index the BOM-less text", () => {
    const body = "T\n2020-01-01 00:00:00\nBody $5bn\n";
    for (const input of [utf8(`\uFEFF${body}`), `\uFEFF${body}`]) {
      const { article } = textToArticle(input);
      expect(article?.text).toBe(body);
      expect(article?.title).toBe("T");
    }
  });

  it("tolerates CRLF, trailing spaces and blank lines", () => {
    const { article, errors } = textToArticle(
      "Title  \r\n2019-05-10 08:00:00 \r\n\r\nBody line.\r\n\r\n",
    );
    expect(errors).toEqual([]);
    expect(article?.title).toBe("Title");
    expect(article?.publishedAt.toISOString()).toBe("2019-05-10T08:00:00.000Z");
  });

  it("rejects an empty file", () => {
    expect(textToArticle("").errors).toEqual([{ line: null, message: "file is empty" }]);
    expect(textToArticle(new Uint8Array()).errors[0].message).toMatch(/empty/);
    expect(textToArticle(" \n \n").errors[0].message).toMatch(/empty/);
  });

  it("rejects binary content with the line of the NUL byte", () => {
    const { article, errors } = textToArticle(utf8("T\n2019-01-01 00:00:00\nabc\u0000def"));
    expect(article).toBeNull();
    expect(errors[0].line).toBe(3);
    expect(errors[0].message).toMatch(/^binary content/);
  });

  it("rejects bytes that are not UTF-8, naming the line", () => {
    const bytes = new Uint8Array([
      ...utf8("T\n2019-01-01 00:00:00\ncaf"),
      0xe9,
      ...utf8(" au lait\n"),
    ]);
    const { article, errors } = textToArticle(bytes);
    expect(article).toBeNull();
    expect(errors).toEqual([
      { line: 3, message: expect.stringMatching(/^not valid UTF-8 \(byte 0xe9/) },
    ]);
  });

  it("rejects a missing title", () => {
    const { article, errors } = textToArticle("\n2019-01-01 00:00:00\nbody");
    expect(article).toBeNull();
    expect(errors).toEqual([{ line: 1, message: "no title (the first line is blank)" }]);
  });

  it("rejects a missing or malformed timestamp", () => {
    expect(textToArticle("Only a title").errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^missing timestamp/),
    });
    expect(textToArticle("T\n\nbody").errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^missing timestamp/),
    });
    expect(textToArticle("T\n29/06/2019 02:47\nbody").errors[0]).toEqual({
      line: 2,
      message: "expected a timestamp 'YYYY-MM-DD HH:MM:SS' (UTC), found '29/06/2019 02:47'",
    });
  });

  it("rejects impossible dates and times", () => {
    expect(textToArticle("T\n2019-02-30 10:00:00\nbody").errors).toEqual([
      { line: 2, message: "'2019-02-30 10:00:00' is not a valid date" },
    ]);
    expect(textToArticle("T\n2019-13-01 10:00:00\nbody").errors[0].message).toMatch(
      /not a valid date/,
    );
    expect(textToArticle("T\n2019-06-29 24:00:00\nbody").errors[0].message).toMatch(
      /not a valid time/,
    );
    // leap years
    expect(textToArticle("T\n2020-02-29 10:00:00\nbody").errors).toEqual([]);
    expect(textToArticle("T\n2100-02-29 10:00:00\nbody").errors[0].message).toMatch(
      /not a valid date/,
    );
  });

  it("refuses timestamps outside the accepted span at parse time", () => {
    expect(textToArticle("T\n0000-01-01 00:00:00\nbody").errors[0].message).toMatch(
      /between 1900 and 2100/,
    );
    expect(textToArticle("T\n2101-01-01 00:00:00\nbody").errors[0].message).toMatch(
      /between 1900 and 2100/,
    );
  });

  it("reports both a missing title and a bad timestamp", () => {
    expect(textToArticle("\nyesterday\nbody").errors.map((e) => e.line)).toEqual([1, 2]);
  });

  it("bodyOffset points after the timestamp line", () => {
    expect(bodyOffset("T\n2019-01-01 00:00:00\nBody")).toBe(22);
    expect(bodyOffset("T\n2019-01-01 00:00:00")).toBe(21);
  });
});
