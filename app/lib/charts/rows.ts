/**
 * The rows behind every chart: the chart, its table view, and its CSV and JSON downloads all come
 * from the same list, so a download holds exactly what the chart shows.
 */
import { csvCell, csvLine } from "~/lib/csv";

export interface ChartRow {
  /** ISO date of the point. */
  date: string;
  /** Dataset id within the chart (e.g. `us_on_china`, `articles_us_on_china`). */
  series: string;
  label: string;
  /** Null where the period has no value; `note` then says why. */
  value: number | null;
  unit: string;
  source: string;
  rangeLow: number | null;
  rangeHigh: number | null;
  rateFrom: number | null;
  /** What an article figure is (`rate`, `threat`, `goods_covered`, …); null on official rows. */
  role: string | null;
  /** Set on rows taken from an article figure. */
  article: ArticleRef | null;
  /** Catalogue slug of the official series the row comes from; null for events and articles. */
  seriesSlug: string | null;
  /** Warning attached to an article figure (e.g. an implied exchange rate far from the official one). */
  flag: string | null;
  /** Caveat shown with the value (e.g. "in force since 2019-09-01", an FX deviation). */
  note: string | null;
}

export interface ArticleRef {
  id: number;
  title: string;
  /** The outlet of a news report, or "Project brief (not a news report)" (describeProvenance). */
  source: string;
  /** ISO 8601 publication time. */
  publishedAt: string;
  ordinal: number;
  text: string;
  sentence: string;
}

export function articleFigureUrl(ref: Pick<ArticleRef, "id" | "ordinal">): string {
  return `/articles/${ref.id}#figure-${ref.ordinal}`;
}

export const CSV_HEADER = [
  "date",
  "series",
  "label",
  "value",
  "unit",
  "range_low",
  "range_high",
  "rate_from",
  "role",
  "source",
  "note",
  "flag",
  "article_title",
  "article_published_at",
  "figure_text",
  "sentence",
  "article_url",
] as const;

/** The CSV text of a row's cells after its value (unit through article_url), line end included. */
function csvTail(row: ChartRow): string {
  const article = row.article;
  const articleCells = article
    ? `${csvCell(article.title)},${csvCell(article.publishedAt)},${csvCell(article.text)},` +
      `${csvCell(article.sentence)},${csvCell(articleFigureUrl(article))}`
    : ",,,,";
  return (
    `${csvCell(row.unit)},${csvCell(row.rangeLow)},${csvCell(row.rangeHigh)},` +
    `${csvCell(row.rateFrom)},${csvCell(row.role)},${csvCell(row.source)},${csvCell(row.note)},` +
    `${csvCell(row.flag)},${articleCells}\r\n`
  );
}

/** The row whose cells a cached line part was written from. */
type TailSource = Pick<
  ChartRow,
  | "series"
  | "label"
  | "unit"
  | "rangeLow"
  | "rangeHigh"
  | "rateFrom"
  | "role"
  | "source"
  | "note"
  | "flag"
  | "article"
>;

const sameTail = (a: TailSource, b: ChartRow) =>
  a.label === b.label &&
  a.unit === b.unit &&
  a.rangeLow === b.rangeLow &&
  a.rangeHigh === b.rangeHigh &&
  a.rateFrom === b.rateFrom &&
  a.role === b.role &&
  a.source === b.source &&
  a.note === b.note &&
  a.flag === b.flag &&
  a.article === b.article;

/**
 * Rows `from` up to `to` (exclusive) as CSV lines in `CSV_HEADER`'s order, no header. Each cell
 * goes through `csvCell`; a series' rows repeat every cell but the date and the value, so the
 * text around those is written once per series and reused while every other cell is the same.
 */
export function chartRowsCsvLines(rows: readonly ChartRow[], from = 0, to = rows.length): string {
  const parts = new Map<string, { source: TailSource; head: string; tail: string }>();
  let text = "";
  for (let i = from; i < to; i++) {
    const row = rows[i];
    let part = parts.get(row.series);
    if (part === undefined || !sameTail(part.source, row)) {
      part = {
        source: row,
        head: `${csvCell(row.series)},${csvCell(row.label)},`,
        tail: `,${csvTail(row)}`,
      };
      parts.set(row.series, part);
    }
    text += `${csvCell(row.date)},${part.head}${csvCell(row.value)}${part.tail}`;
  }
  return text;
}

/** The CSV header line. */
// NOTE: marked pure so browser bundles that import this module for its types and small helpers
// drop it and the CSV writer with it.
export const CSV_HEADER_LINE = /* @__PURE__ */ csvLine(CSV_HEADER);

export function chartRowsToCsv(rows: readonly ChartRow[]): string {
  return CSV_HEADER_LINE + chartRowsCsvLines(rows);
}

export function sortRows(rows: ChartRow[]): ChartRow[] {
  return rows.sort((a, b) =>
    a.date < b.date
      ? -1
      : a.date > b.date
        ? 1
        : a.series < b.series
          ? -1
          : a.series > b.series
            ? 1
            : 0,
  );
}
