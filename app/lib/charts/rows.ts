/**
 * The rows behind every chart: the chart, its table view, and its CSV and JSON downloads all come
 * from the same list, so a download holds exactly what the chart shows.
 */
import { toCsv, type CsvCell } from "~/lib/csv";

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

export function chartRowToCsv(row: ChartRow): CsvCell[] {
  return [
    row.date,
    row.series,
    row.label,
    row.value,
    row.unit,
    row.rangeLow,
    row.rangeHigh,
    row.rateFrom,
    row.role,
    row.source,
    row.note,
    row.flag,
    row.article?.title,
    row.article?.publishedAt,
    row.article?.text,
    row.article?.sentence,
    row.article ? articleFigureUrl(row.article) : null,
  ];
}

export function chartRowsToCsv(rows: readonly ChartRow[]): string {
  return toCsv(CSV_HEADER, rows.map(chartRowToCsv));
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
