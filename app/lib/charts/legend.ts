/**
 * A chart's legend as plain data: the page draws it as HTML buttons that show and hide series,
 * the PNG export draws it on the image. One description keeps the two alike, swatch for swatch.
 */
import { gapBands } from "~/lib/charts/marks";
import type { ChartDatasetSpec, ChartSpec } from "~/lib/charts/spec";

/** Swatches are drawn in a box this many CSS pixels wide and high. */
export const SWATCH_WIDTH = 20;
export const SWATCH_HEIGHT = 12;

/**
 * One stroke of a swatch: SVG path data (the page's SVG and the PNG's `Path2D` both read it) and
 * its paint as CSS custom property names, so the page follows the theme without redrawing.
 */
export interface SwatchStroke {
  path: string;
  stroke: string;
  /** Absent: not filled. */
  fill?: string;
  width: number;
  dash?: number[];
}

export interface LegendEntry {
  key: string;
  label: string;
  /** The dataset the entry shows and hides; absent for kinds of mark, which are not series. */
  datasetId?: string;
  hidden: boolean;
  swatch: SwatchStroke[];
}

const MID = SWATCH_HEIGHT / 2;
const CENTRE = SWATCH_WIDTH / 2;

const MARKER_PATHS: Record<NonNullable<ChartDatasetSpec["marker"]>, string> = {
  circle: `M${CENTRE + 4.5} ${MID}A4.5 4.5 0 1 1 ${CENTRE - 4.5} ${MID}A4.5 4.5 0 1 1 ${CENTRE + 4.5} ${MID}Z`,
  triangle: `M${CENTRE} 1.5L${CENTRE + 5} 10.5H${CENTRE - 5}Z`,
};

/** Lines as a short stroke in their width and dash, points as their marker, hollow or filled. */
function seriesSwatch(set: ChartDatasetSpec): SwatchStroke {
  if (set.style === "points")
    return {
      path: MARKER_PATHS[set.marker ?? "circle"],
      stroke: set.colorVar,
      fill: set.hollow ? undefined : set.colorVar,
      width: 1.5,
    };
  const dash = set.dash ?? (set.dashed ? [4, 3] : undefined);
  return {
    path: `M1 ${MID}H${SWATCH_WIDTH - 1}`,
    stroke: set.colorVar,
    width: set.thin ? 2 : 3,
    ...(dash ? { dash } : {}),
  };
}

/**
 * The chart's series in dataset order, then the kinds of mark that are not series: article
 * ranges, tariff-action lines and no-data bands, each only when the chart has one. A series with
 * rows in range but nothing drawn (the balance as YoY, as an index or on a log axis) is left out:
 * the chart's note says why it is absent. A series with no rows in range stays listed.
 */
export function legendEntries(spec: ChartSpec): LegendEntry[] {
  const series: LegendEntry[] = spec.datasets
    .filter((set) => set.data.length === 0 || set.data.some((point) => point.y !== null))
    .map((set) => ({
      key: set.id,
      label: set.label,
      datasetId: set.id,
      hidden: set.hidden === true,
      swatch: [seriesSwatch(set)],
    }));
  const kind = (key: string, label: string, swatch: SwatchStroke): LegendEntry => ({
    key,
    label,
    hidden: false,
    swatch: [swatch],
  });
  const kinds: LegendEntry[] = [];
  if (spec.datasets.some((set) => set.data.some((point) => point.yMin !== undefined)))
    kinds.push(
      kind("ranges", "Range quoted in an article", {
        path: `M${CENTRE} 1V11M${CENTRE - 3} 1H${CENTRE + 3}M${CENTRE - 3} 11H${CENTRE + 3}`,
        stroke: "--muted",
        width: 1.5,
      }),
    );
  if (spec.events.length > 0)
    kinds.push(
      kind("events", "Tariff action (dashed line)", {
        path: `M${CENTRE} 0V${SWATCH_HEIGHT}`,
        stroke: "--muted",
        width: 1,
        dash: [3, 2],
      }),
    );
  if (gapBands(spec.datasets).length > 0)
    kinds.push(
      kind("gaps", "No data for the period", {
        path: `M${CENTRE - 5.5} 1.5H${CENTRE + 5.5}V10.5H${CENTRE - 5.5}Z`,
        stroke: "--gap-edge",
        fill: "--gap-fill",
        width: 1,
        dash: [2, 2],
      }),
    );
  return [...series, ...kinds];
}
