import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  articleFigureSource,
  describeProvenance,
  parseArticleProvenance,
} from "~/lib/article-provenance";

describe("parseArticleProvenance", () => {
  it("knows the shipped articles: the seed is a BBC News report, 001–040 are project briefs", () => {
    const dir = path.resolve(__dirname, "../../data/articles");
    const { entries, errors } = parseArticleProvenance(
      readFileSync(path.join(dir, "provenance.csv"), "utf8"),
    );
    expect(errors).toEqual([]);
    expect(entries.get("000_503bb6a917ae5585.txt")).toEqual({ kind: "news", outlet: "BBC News" });
    const briefs = [...entries].filter(([, p]) => p.kind === "brief").map(([file]) => file);
    expect(briefs).toHaveLength(40);
    expect(briefs.every((file) => /^0[0-4]\d_/.test(file) && !file.startsWith("000_"))).toBe(true);
    // Every article file shipped is listed (SOURCES.md says which are briefs).
    const shipped = readFileSync(path.join(dir, "SOURCES.md"), "utf8");
    expect(shipped).toContain("project-written summaries, not news reports");
  });

  it("names the line and the reason of every bad entry", () => {
    const { entries, errors } = parseArticleProvenance(
      [
        "file,kind,outlet",
        "a.txt,news,Reuters",
        "b.txt,opinion,",
        "c.txt,brief,Reuters",
        ",news,",
        "a.txt,brief,",
        '"d.txt",news,"Outlet, with comma"',
      ].join("\n"),
    );
    expect(errors).toEqual([
      { line: 3, message: 'kind "opinion" is not one of news, brief' },
      { line: 4, message: "a project brief has no outlet" },
      { line: 5, message: "no file name" },
      { line: 6, message: "a.txt is listed twice" },
    ]);
    expect(entries.get("d.txt")).toEqual({ kind: "news", outlet: "Outlet, with comma" });
    expect(parseArticleProvenance("name,kind\n").errors).toEqual([
      { line: 1, message: 'the header must be "file,kind,outlet"' },
    ]);
  });
});

describe("describeProvenance", () => {
  it("never calls a brief or an unrecorded article news", () => {
    expect(describeProvenance({ kind: "news", outlet: "BBC News" })).toBe("BBC News");
    expect(describeProvenance({ kind: "brief", outlet: null })).toBe(
      "Project brief (not a news report)",
    );
    expect(describeProvenance({ kind: "news", outlet: null })).toBe(
      "News report (outlet not recorded)",
    );
    expect(describeProvenance({ kind: null, outlet: null })).toBe("Source not recorded");
    expect(articleFigureSource({ kind: "brief", outlet: null })).toBe(
      "Project brief (not a news report); figure extracted by this project",
    );
  });
});
