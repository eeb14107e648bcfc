import type { BuiltChart } from "~/lib/charts/dashboard";
import { packSpec, type PackedSpec } from "~/lib/charts/packed";
import type { ChartRow } from "~/lib/charts/rows";

/** Table rows per page on the dashboard; the CSV and JSON downloads always hold every row. */
export const TABLE_PAGE_SIZE = 120;

/**
 * Rows under a chart before it is drawn, and for readers without JavaScript, who get every row
 * from the Table view (pages of TABLE_PAGE_SIZE) and the downloads it links to.
 */
export const FALLBACK_ROWS = 10;

export type PageChart = Omit<BuiltChart, "rows" | "spec"> & {
  /** The drawable spec, packed (`unpackSpec` gives it back whole). */
  spec: PackedSpec;
  rowCount: number;
  tableRows: ChartRow[];
  page: number;
  pageCount: number;
};

/** Each built spec packed once: a memoised chart (a repeated range) is not packed again. */
const packedSpecs = new WeakMap<BuiltChart["spec"], PackedSpec>();

function packedOf(spec: BuiltChart["spec"]): PackedSpec {
  let packed = packedSpecs.get(spec);
  if (!packed) packedSpecs.set(spec, (packed = packSpec(spec)));
  return packed;
}

/** What the page sends for a chart: the drawable spec, packed, and one page of its table. */
export function toPageChart(chart: BuiltChart, requestedPage: number): PageChart {
  const { rows, spec, ...rest } = chart;
  const pageCount = Math.max(1, Math.ceil(rows.length / TABLE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  return {
    ...rest,
    spec: packedOf(spec),
    rowCount: rows.length,
    tableRows: rows.slice((page - 1) * TABLE_PAGE_SIZE, page * TABLE_PAGE_SIZE),
    page,
    pageCount,
  };
}
