import type { BuiltChart } from "~/lib/charts/dashboard";
import { packSpec, unpackSpec, withoutField, type PackedSpec } from "~/lib/charts/packed";
import type { ChartRow } from "~/lib/charts/rows";
import type { ChartEventSpec, ChartSpec } from "~/lib/charts/spec";

/** Table rows per page on the dashboard; the CSV and JSON downloads always hold every row. */
export const TABLE_PAGE_SIZE = 120;

export type PageChart = Omit<BuiltChart, "rows" | "spec" | "rowCount"> & {
  /**
   * The drawable spec, packed, without its tariff actions: the page sends those once for every
   * chart that marks them (`unpackPageSpec` gives the spec back whole).
   */
  spec: Omit<PackedSpec, "events">;
  /** Whether the chart marks the page's tariff actions (`markedEvents`). */
  marksEvents: boolean;
  rowCount: number;
  tableRows: ChartRow[];
  page: number;
  pageCount: number;
};

/** Each built spec packed once: a memoised chart (a repeated range) is not packed again. */
const packedSpecs = new WeakMap<BuiltChart["spec"], PageChart["spec"]>();

function packedOf(spec: BuiltChart["spec"]): PageChart["spec"] {
  let packed = packedSpecs.get(spec);
  if (!packed) {
    packedSpecs.set(spec, (packed = withoutField(packSpec(spec), "events")));
  }
  return packed;
}

/**
 * The tariff actions the charts mark, once: the tariff and trade charts of one dashboard mark the
 * same list (about 20 KB for the default range), which the page sends and lists once.
 */
export function markedEvents(charts: readonly BuiltChart[]): ChartEventSpec[] {
  const lists = charts.map((chart) => chart.spec.events).filter((events) => events.length > 0);
  if (lists.some((events) => events !== lists[0]))
    throw new Error("The charts of one page mark different tariff actions.");
  return lists[0] ?? [];
}

/** The whole drawable spec of a page chart, given the page's marked tariff actions. */
export function unpackPageSpec(chart: PageChart, events: ChartEventSpec[]): ChartSpec {
  return unpackSpec({ ...chart.spec, events: chart.marksEvents ? events : [] });
}

/**
 * What the page sends for a chart: the drawable spec, packed, and one page of its table, or no
 * table rows when `withTable` is false (a chart shown as a chart: its rows are not even sorted).
 */
export function toPageChart(chart: BuiltChart, requestedPage: number, withTable = true): PageChart {
  const { id, title, unitLine, credit, rowCount, spec, transforms, transform } = chart;
  const pageCount = Math.max(1, Math.ceil(rowCount / TABLE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  return {
    id,
    title,
    unitLine,
    credit,
    transforms,
    transform,
    spec: packedOf(spec),
    marksEvents: spec.events.length > 0,
    rowCount,
    tableRows: withTable
      ? chart.rows.slice((page - 1) * TABLE_PAGE_SIZE, page * TABLE_PAGE_SIZE)
      : [],
    page,
    pageCount,
  };
}
