/**
 * Where an article comes from: a news report by a named outlet, or a brief this project wrote.
 * Kept with each article so pages, tooltips and downloads never call a brief news.
 */
import { splitFields } from "~/lib/import/csv";

export const ARTICLE_KINDS = ["news", "brief"] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export interface ArticleProvenance {
  /** Null when nothing records what the article is (a file outside any manifest, an older database). */
  kind: ArticleKind | null;
  /** The publisher of a news report; null for a brief, or when not recorded. */
  outlet: string | null;
}

/** The manifest an article folder may hold: `file,kind,outlet`, one line per article file. */
export const PROVENANCE_FILE = "provenance.csv";

/** An article no manifest names: nothing is claimed about it. */
export const UNRECORDED: ArticleProvenance = { kind: null, outlet: null };

export interface ProvenanceParse {
  entries: Map<string, ArticleProvenance>;
  errors: { line: number; message: string }[];
}

/** Parse a provenance manifest; every bad line is an error naming the line and the reason. */
export function parseArticleProvenance(text: string): ProvenanceParse {
  const entries = new Map<string, ArticleProvenance>();
  const errors: { line: number; message: string }[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitFields(lines[0] ?? "", ",").map((field) => field.trim());
  if (header.join(",") !== "file,kind,outlet") {
    errors.push({ line: 1, message: 'the header must be "file,kind,outlet"' });
    return { entries, errors };
  }
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === "") return;
    const [file = "", kind = "", outlet = "", ...rest] = splitFields(raw, ",").map((f) => f.trim());
    if (rest.length > 0) errors.push({ line, message: "more than three fields" });
    else if (!file) errors.push({ line, message: "no file name" });
    else if (!(ARTICLE_KINDS as readonly string[]).includes(kind))
      errors.push({ line, message: `kind "${kind}" is not one of ${ARTICLE_KINDS.join(", ")}` });
    else if (kind === "brief" && outlet)
      errors.push({ line, message: "a project brief has no outlet" });
    else if (entries.has(file)) errors.push({ line, message: `${file} is listed twice` });
    else entries.set(file, { kind: kind as ArticleKind, outlet: outlet || null });
  });
  return { entries, errors };
}

/** "BBC News", "Project brief (not a news report)", "News report (outlet not recorded)", "Source not recorded". */
export function describeProvenance(provenance: ArticleProvenance): string {
  if (provenance.kind === "brief") return "Project brief (not a news report)";
  if (provenance.kind === "news") return provenance.outlet ?? "News report (outlet not recorded)";
  return "Source not recorded";
}

/** The `source` of a chart row or download taken from an article figure. */
export function articleFigureSource(provenance: ArticleProvenance): string {
  return `${describeProvenance(provenance)}; figure extracted by this project`;
}
