/**
 * Download payloads: per-chart CSV and JSON, and the zip bundle with every CSV, metadata.json and
 * a README. All of them are made from the chart rows, so they match what the charts show.
 */
import { strToU8, zipSync } from "fflate";
import { CATALOGUE, EVENT_FILES } from "~/lib/catalogue";
import type { BuiltChart, ChartId } from "~/lib/charts/dashboard";
import {
  CSV_HEADER,
  CSV_HEADER_LINE,
  chartRowsCsvLines,
  chartRowsToCsv,
  type ChartRow,
} from "~/lib/charts/rows";
import { ACTIONS_CREDIT, actionsCsv, type ListedAction } from "~/lib/action-list";
import type { DateRange } from "~/lib/date-range";

export interface SeriesCredit {
  id: string;
  label: string;
  unit: string;
  source: string;
  licence: string;
  sourceUrl: string;
}

export interface DownloadMeta {
  chart: ChartId;
  title: string;
  unitLine: string;
  credit: string;
  transform: string;
  range: { from: string | null; to: string | null; resolvedFrom: string; resolvedTo: string };
  generatedAt: string;
  series: SeriesCredit[];
  rowCount: number;
}

export function chartMeta(
  chart: BuiltChart,
  range: DateRange,
  resolved: { from: string; to: string },
  credits: (row: ChartRow) => Omit<SeriesCredit, "id" | "label" | "unit">,
  generatedAt: Date,
): DownloadMeta {
  const seen = new Map<string, SeriesCredit>();
  // NOTE: an article series mixes outlets (a news report beside project briefs): its source
  // names each one its rows have, in row order, so no reader takes all its points for briefs.
  const sources = new Map<string, Set<string>>();
  for (const row of chart.rows) {
    const own = sources.get(row.series);
    if (!own) {
      seen.set(row.series, { id: row.series, label: row.label, unit: row.unit, ...credits(row) });
      sources.set(row.series, new Set([row.source]));
    } else if (!own.has(row.source)) {
      own.add(row.source);
      seen.get(row.series)!.source = [...own].join(" | ");
    }
  }
  return {
    chart: chart.id,
    title: chart.title,
    unitLine: chart.unitLine,
    credit: chart.credit,
    transform: chart.transform,
    range: { from: range.from, to: range.to, resolvedFrom: resolved.from, resolvedTo: resolved.to },
    generatedAt: generatedAt.toISOString(),
    series: [...seen.values()],
    rowCount: chart.rows.length,
  };
}

const ARTICLE_LICENCE = "Quoted from the article named in each row.";

/** Where a row's value comes from and how to credit it: the catalogue, the event files, or the article. */
export function rowCredit(row: ChartRow): Omit<SeriesCredit, "id" | "label" | "unit"> {
  const entry = row.seriesSlug
    ? CATALOGUE.find((candidate) => candidate.slug === row.seriesSlug)
    : undefined;
  if (entry) return { source: row.source, licence: entry.licence, sourceUrl: entry.sourceUrl };
  const events = EVENT_FILES.find((candidate) => candidate.credit === row.source);
  if (events) return { source: row.source, licence: events.credit, sourceUrl: events.sourceUrl };
  return {
    source: row.source,
    licence: ARTICLE_LICENCE,
    sourceUrl: "",
  };
}

export function chartJson(chart: BuiltChart, meta: DownloadMeta): string {
  return JSON.stringify({ meta, rows: chart.rows }, null, 2);
}

/** JSON text nested `depth` levels deep in a two-space-indented document. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/**
 * The bytes of `chartJson`, as a stream of chunks of rows: a 15 MB download is written a chunk at a
 * time instead of being built whole as a string and again as bytes for each request.
 */
export function chartJsonStream(
  chart: BuiltChart,
  meta: DownloadMeta,
  chunkRows = 1000,
): ReadableStream<Uint8Array> {
  const rows = chart.rows;
  const opening = rows.length > 0 ? "[\n" : "[]\n}";
  return rowChunkStream(
    () => `{\n  "meta": ${nested(meta, 1)},\n  "rows": ${opening}`,
    rows.length,
    chunkRows,
    (start, end) => {
      let text = "";
      for (let i = start; i < end; i++) {
        text += `    ${nested(rows[i], 2)}${i < rows.length - 1 ? ",\n" : "\n  ]\n}"}`;
      }
      return text;
    },
  );
}

/**
 * A stream of a head, then of `count` rows' text `chunkRows` rows at a time, each chunk written
 * only when the reader asks for it.
 */
function rowChunkStream(
  head: () => string,
  count: number,
  chunkRows: number,
  chunk: (start: number, end: number) => string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = -1;
  return new ReadableStream({
    pull(controller) {
      if (index === -1) {
        controller.enqueue(encoder.encode(head()));
        index = 0;
        return;
      }
      if (index >= count) {
        controller.close();
        return;
      }
      const end = Math.min(index + chunkRows, count);
      controller.enqueue(encoder.encode(chunk(index, end)));
      index = end;
    },
  });
}

/**
 * CSV as a stream of chunks so a long series never sits in memory as one string twice. A chunk of
 * 8000 rows is about 1 MB: the full four-currency CSV (6.8 MB) goes out gzipped in about 40 ms,
 * against about 50 ms in chunks of 2000, each chunk being a round of pulling, encoding and
 * compressing; memory stays a chunk's worth whatever the download's length.
 */
export function chartCsvStream(
  rows: readonly ChartRow[],
  chunkRows = 8000,
): ReadableStream<Uint8Array> {
  return rowChunkStream(
    () => CSV_HEADER_LINE,
    rows.length,
    chunkRows,
    (start, end) => chartRowsCsvLines(rows, start, end),
  );
}

const README = (
  metas: DownloadMeta[],
  actionCount: number,
) => `US–China trade dispute in data: download bundle
================================================

Range: ${metas[0]?.range.resolvedFrom} to ${metas[0]?.range.resolvedTo}
Generated: ${metas[0]?.generatedAt}

Files
-----
${metas.map((m) => `- ${m.chart}.csv: ${m.title}. ${m.unitLine}. ${m.rowCount} rows.`).join("\n")}
- actions.csv: the tariff actions effective or scheduled in the range (${actionCount} rows; those
  never implemented are dated when they were due), one per row of the project's register, with
  its citation and where sources disagree. Source: ${ACTIONS_CREDIT}.
- metadata.json: for each chart, its series, units, sources, licences, the range and the time generated.

Columns (every chart CSV)
-------------------------
- date: ISO date of the value (for article figures, the article's publication date).
- series, label: which line or point set of the chart the row belongs to.
- value: the value drawn, in unit; empty where the period has no value (note says why: a month
  missing from the source files, no value a year earlier to compare with, ...).
- unit: the unit of value (a transform such as year-on-year % changes it).
- range_low, range_high: for ranges quoted in articles ("between 5% and 25%"), the bounds; value is the high end.
- rate_from: for changes quoted in articles ("from 10% to 25%"), the old rate.
- role: for article figures, what the figure is: rate (in force or agreed), threat (threatened or
  proposed), goods_covered (value of goods targeted by tariffs); empty on official rows.
- source: the publisher of the value.
- note: caveats, e.g. "in force since" for a step value carried into the range, the official
  exchange rate beside a rate implied by an article, or why a value is empty.
- flag: a warning on an article figure, e.g. an implied exchange rate more than 3% from the official one.
- article_title, article_published_at, figure_text, sentence, article_url: for rows taken from an
  article, where the figure was quoted; article_url is relative to the dashboard.
Text cells that start with =, +, - or @ are prefixed with an apostrophe so spreadsheets do not run them.

How to cite
-----------
${citeLines(metas)}
Article figures are extracted by this project from the articles named in each row; the source
column names each article's outlet, or marks it as a project brief (not a news report).
`;

/** Each official source once; a credit that is its own licence text is not said twice. */
function citeLines(metas: DownloadMeta[]): string {
  const lines = metas
    .flatMap((m) => m.series)
    .filter((s) => s.licence !== ARTICLE_LICENCE)
    .map((s) => (s.licence === s.source ? `- ${s.source}` : `- ${s.source}: ${s.licence}`));
  return [...new Set(lines)].join("\n");
}

export function bundleZip(
  charts: { chart: BuiltChart; meta: DownloadMeta }[],
  actions: readonly ListedAction[],
): Uint8Array<ArrayBuffer> {
  const files: Record<string, Uint8Array> = {};
  for (const { chart } of charts) files[`${chart.id}.csv`] = strToU8(chartRowsToCsv(chart.rows));
  files["actions.csv"] = strToU8(actionsCsv(actions));
  files["metadata.json"] = strToU8(JSON.stringify({ charts: charts.map((c) => c.meta) }, null, 2));
  files["README.txt"] = strToU8(
    README(
      charts.map((c) => c.meta),
      actions.length,
    ),
  );
  const zipped = zipSync(files);
  // fflate writes into a plain ArrayBuffer; saying so makes the bytes a body a Response accepts.
  if (!(zipped.buffer instanceof ArrayBuffer)) throw new Error("zip bytes not in an ArrayBuffer");
  return new Uint8Array(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

export { CSV_HEADER };
