import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "~/lib/csv";

describe("csv", () => {
  it("quotes per RFC 4180 and ends lines with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          [1.5, null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\n');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("protects text cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("safe text")).toBe("safe text");
  });

  it("keeps numbers, negative ones included, as numbers", () => {
    expect(csvCell(-23.7149)).toBe("-23.7149");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("writes a repeated text the same way every time, however many texts came between", () => {
    const tricky = 'a "b", c';
    const first = csvCell(tricky);
    expect(first).toBe('"a ""b"", c"');
    for (let i = 0; i < 60_000; i++) csvCell(`text ${i}`);
    expect(csvCell(tricky)).toBe(first);
    expect(csvCell("=x")).toBe("'=x");
    expect(csvCell("=x")).toBe("'=x");
  });
});
