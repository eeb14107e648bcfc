/**
 * A ChartSpec (plain data from the server) as a Chart.js configuration. Every dataset is a
 * "line" dataset (article points are lines without a line), so one point type and one chart type
 * describe the whole chart and nothing needs casting.
 */
import {
  Chart,
  Interaction,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  TimeScale,
  _adapters,
  type ChartConfiguration,
  type ChartDataset,
  type ChartEvent,
  type ChartOptions,
  type InteractionItem,
  type InteractionModeFunction,
  type InteractionOptions,
  type Plugin,
} from "chart.js";
import {
  clusterByPixel,
  formatTick,
  gapBands,
  logTickLabelled,
  markRadius,
  niceYearTicks,
  type GapBand,
} from "~/lib/charts/marks";
import type { ChartDatasetSpec, ChartEventSpec, ChartPoint, ChartSpec } from "~/lib/charts/spec";
import {
  addUtc,
  diffUtc,
  endOfUtc,
  formatUtc,
  startOfUtc,
  UTC_FORMATS,
  type TimeUnit,
} from "~/lib/charts/utc-dates";

// The time axis' calendar: UTC days, a few lines instead of a date library.
_adapters._date.override({
  formats: () => UTC_FORMATS,
  parse: (value: unknown) =>
    typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : null,
  format: (time: number, format: string) => formatUtc(time, format),
  add: (time: number, amount: number, unit: TimeUnit) => addUtc(time, amount, unit),
  diff: (max: number, min: number, unit: TimeUnit) => diffUtc(max, min, unit),
  startOf: (time: number, unit: TimeUnit | "isoWeek", weekday?: number) =>
    startOfUtc(time, unit, Number(weekday ?? 0)),
  endOf: (time: number, unit: TimeUnit | "isoWeek") => endOfUtc(time, unit),
});

// The Chart.js parts these charts use, registered once here; the rest stays out of the bundle
// (scripts/build-app.mjs bundles only the names imported from "chart.js" at run time). No
// Tooltip or Legend plugin: the page draws its tooltip and legend in HTML (`htmlTooltipTracker`,
// ChartLegend), the PNG its own legend and no tooltip.
Chart.register(LinearScale, LogarithmicScale, LineController, LineElement, PointElement, TimeScale);

/** A point as drawn: the spec's point with its date as epoch ms; null y leaves a gap. */
export type DrawnPoint = Omit<ChartPoint, "x" | "y"> & { x: number; y: number | null };
export type TimeChartInstance = Chart<"line", DrawnPoint[]>;
/** What the browser console and the e2e suite read of a chart: datasets and drawn marks. */
export type ChartInspection = Pick<
  TimeChartInstance,
  "data" | "getDatasetMeta" | "isDatasetVisible" | "canvas" | "chartArea" | "scales"
>;
type TimeChartConfig = ChartConfiguration<"line", DrawnPoint[]>;

declare module "chart.js" {
  interface InteractionModeMap {
    /** The marks under the pointer, every one of them; else the nearest values along x. */
    marksUnderPointer: InteractionModeFunction;
  }
}

/**
 * Drawn elements whose mark contains the pointer, nearest first: every article point there, but
 * only the nearest value of each line (its neighbours are the same line, not other figures).
 */
function hitsAt(chart: Chart, event: ChartEvent, useFinalPosition: boolean): InteractionItem[] {
  const hits = Interaction.modes.point(
    chart,
    event,
    { intersect: true, axis: "xy" },
    useFinalPosition,
  );
  const distance = (hit: InteractionItem) =>
    Math.hypot(hit.element.x - (event.x ?? 0), hit.element.y - (event.y ?? 0));
  const linesSeen = new Set<number>();
  return hits
    .sort((a, b) => distance(a) - distance(b))
    .filter((hit) => {
      const dataset = chart.data.datasets[hit.datasetIndex];
      if ("showLine" in dataset && dataset.showLine === false) return true;
      if (linesSeen.has(hit.datasetIndex)) return false;
      linesSeen.add(hit.datasetIndex);
      return true;
    });
}

export function marksAt(chart: Chart, event: ChartEvent): InteractionItem[] {
  return hitsAt(chart, event, true);
}

Interaction.modes.marksUnderPointer = (chart, event, options, useFinalPosition) => {
  const hits = hitsAt(chart, event, useFinalPosition ?? false);
  return hits.length > 0
    ? hits
    : Interaction.modes.nearest(chart, event, { ...options, intersect: false, axis: "x" });
};

/** A drawn point the tooltip describes. */
export interface TooltipMark {
  datasetIndex: number;
  index: number;
}

/** What the HTML tooltip shows: its marks, and the point (canvas pixels) it is placed beside. */
export interface TooltipView {
  marks: TooltipMark[];
  caretX: number;
  caretY: number;
}

/** The average position of the marks (each distinct x counted once), as Chart.js places a tooltip. */
function caretOf(items: InteractionItem[]): { x: number; y: number } | null {
  const xs = new Set<number>();
  let y = 0;
  let count = 0;
  for (const { element } of items) {
    if (!element?.hasValue()) continue;
    const { x, y: markY } = element.tooltipPosition(false);
    if (x === null || markY === null) continue;
    xs.add(x);
    y += markY;
    count++;
  }
  if (count === 0) return null;
  return { x: [...xs].reduce((a, b) => a + b, 0) / xs.size, y: y / count };
}

const sameMarks = (a: InteractionItem[], b: InteractionItem[]) =>
  a.length === b.length &&
  a.every((item, i) => item.datasetIndex === b[i].datasetIndex && item.index === b[i].index);

/**
 * The marks under the pointer for a tooltip drawn in HTML, chosen as Chart.js' tooltip plugin
 * chooses them (the chart's interaction mode; kept while the pointer is over the axes,
 * dropped when it leaves the canvas) without that plugin's canvas layout and drawing, which the
 * page never shows. `show` hears every change (null: hide); `setActive` is the keyboard's way in.
 */
export function htmlTooltipTracker(show: (chart: Chart, view: TooltipView | null) => void) {
  let active: InteractionItem[] = [];
  let caret: { x: number; y: number } | null = null;
  // After the keyboard chose marks, the replayed pointer event of the next update keeps them.
  let ignoreReplay = false;
  const settle = (chart: Chart, next: InteractionItem[]) => {
    const position = caretOf(next);
    const moved = position !== null && (position.x !== caret?.x || position.y !== caret?.y);
    if (sameMarks(next, active) && !moved) return;
    active = next;
    if (position) caret = position;
    show(
      chart,
      next.length === 0 || !caret
        ? null
        : {
            marks: next.map(({ datasetIndex, index }) => ({ datasetIndex, index })),
            caretX: caret.x,
            caretY: caret.y,
          },
    );
  };
  const plugin: Plugin<"line"> = {
    id: "htmlTooltip",
    afterEvent(chart, { event, replay, inChartArea }) {
      if (replay && ignoreReplay) return;
      ignoreReplay = false;
      if (event.type === "mouseout") settle(chart, []);
      else if (!inChartArea)
        settle(
          chart,
          active.filter((item) => chart.data.datasets[item.datasetIndex]?.data[item.index]),
        );
      else
        settle(
          chart,
          Interaction.modes.marksUnderPointer(
            chart,
            event,
            // Resolved with the chart's defaults, so every field is there.
            chart.options.interaction as InteractionOptions,
            replay,
          ),
        );
    },
  };
  return {
    plugin,
    setActive(chart: Chart, marks: TooltipMark[]) {
      ignoreReplay = true;
      settle(
        chart,
        marks.map(({ datasetIndex, index }) => ({
          datasetIndex,
          index,
          element: chart.getDatasetMeta(datasetIndex).data[index],
        })),
      );
    },
  };
}

/** A drag shorter than this (CSS pixels) is a click, not a range. */
const DRAG_THRESHOLD_PX = 8;

/**
 * Drag across a chart to choose a date range: the span is shaded while dragging, Escape
 * cancels, and on release the chart narrows to it at once while `onSelected` asks for the range
 * (the URL, so every chart follows). The click that ends a drag opens no article.
 */
function dragToSelect(onSelected: (from: string, to: string) => void): Plugin<"line"> {
  let startX: number | null = null;
  let currentX: number | null = null;
  let swallowClick = false;
  let detach = () => {};
  const clampedSpan = (chart: Chart, a: number, b: number) => {
    const { left, right } = chart.chartArea;
    const clamp = (x: number) => Math.min(Math.max(x, left), right);
    return [clamp(Math.min(a, b)), clamp(Math.max(a, b))] as const;
  };
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return {
    id: "dragToSelect",
    start(chart) {
      const canvas = chart.canvas;
      const doc = canvas.ownerDocument;
      const xOf = (event: MouseEvent) => event.clientX - canvas.getBoundingClientRect().left;
      const stopTracking = () => {
        doc.removeEventListener("mousemove", move);
        doc.removeEventListener("keydown", key);
      };
      const down = (event: MouseEvent) => {
        swallowClick = false;
        if (event.button !== 0) return;
        startX = xOf(event);
        currentX = null;
        doc.addEventListener("mousemove", move);
        doc.addEventListener("keydown", key);
      };
      const move = (event: MouseEvent) => {
        if (startX === null) return;
        currentX = xOf(event);
        chart.draw();
      };
      const key = (event: KeyboardEvent) => {
        if (event.key !== "Escape" || startX === null) return;
        stopTracking();
        startX = currentX = null;
        chart.draw();
      };
      const up = (event: MouseEvent) => {
        if (startX === null) return;
        stopTracking();
        const [left, right] = clampedSpan(chart, startX, xOf(event));
        startX = currentX = null;
        if (right - left <= DRAG_THRESHOLD_PX) {
          chart.draw();
          return;
        }
        const scale = chart.scales.x;
        const min = scale.getValueForPixel(left);
        const max = scale.getValueForPixel(right);
        if (min === undefined || max === undefined) return;
        swallowClick = true;
        const xOptions = chart.options.scales?.x;
        if (xOptions) {
          xOptions.min = min;
          xOptions.max = max;
        }
        chart.update("none");
        onSelected(day(min), day(max));
      };
      canvas.addEventListener("mousedown", down);
      doc.addEventListener("mouseup", up);
      detach = () => {
        stopTracking();
        canvas.removeEventListener("mousedown", down);
        doc.removeEventListener("mouseup", up);
      };
    },
    stop() {
      detach();
    },
    beforeEvent(_chart, args) {
      // No hover tooltips while dragging.
      if (startX !== null && currentX !== null) return false;
      if (swallowClick && args.event.type === "click") {
        swallowClick = false;
        return false;
      }
    },
    beforeDatasetsDraw(chart) {
      if (startX === null || currentX === null) return;
      const [left, right] = clampedSpan(chart, startX, currentX);
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = "rgba(225, 225, 225, 0.3)";
      ctx.fillRect(left, top, right - left, bottom - top);
      ctx.restore();
    },
  };
}

/** Marks the canvas once Chart.js has drawn it, so tests and screenshots wait for real pixels. */
const paintedMarker: Plugin<"line"> = {
  id: "paintedMarker",
  afterRender(chart) {
    const canvas = chart.canvas;
    canvas.dataset.painted = String(Number(canvas.dataset.painted ?? "0") + 1);
  },
};

/** Saves the canvas state and keeps what is drawn next inside the plot area (restore after). */
function clipToPlot(chart: Chart): void {
  const { ctx, chartArea } = chart;
  ctx.save();
  ctx.beginPath();
  ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
  ctx.clip();
}

/** Article ranges as vertical whiskers from yMin to yMax, kept inside the plot area. */
function rangeWhiskers(spec: ChartSpec, colors: ThemeColors): Plugin<"line"> {
  return {
    id: "rangeWhiskers",
    afterDatasetsDraw(chart) {
      const { ctx, scales } = chart;
      clipToPlot(chart);
      ctx.lineWidth = 1.5;
      spec.datasets.forEach((set, index) => {
        if (!chart.isDatasetVisible(index)) return;
        ctx.strokeStyle = colors.series(set.colorVar);
        for (const point of set.data) {
          if (point.yMin === undefined || point.yMax === undefined) continue;
          const x = scales.x.getPixelForValue(utc(point.x));
          const top = scales.y.getPixelForValue(point.yMax);
          const bottom = scales.y.getPixelForValue(point.yMin);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.moveTo(x - 4, top);
          ctx.lineTo(x + 4, top);
          ctx.moveTo(x - 4, bottom);
          ctx.lineTo(x + 4, bottom);
          ctx.stroke();
        }
      });
      ctx.restore();
    },
  };
}

/** Shaded "no data" bands where a series has missing periods (null points). */
function missingBands(spans: GapBand[], colors: ThemeColors): Plugin<"line"> {
  return {
    id: "missingBands",
    beforeDatasetsDraw(chart) {
      const { ctx, scales, chartArea } = chart;
      clipToPlot(chart);
      ctx.font = "11px system-ui, sans-serif";
      ctx.textBaseline = "top";
      for (const span of spans) {
        const left = scales.x.getPixelForValue(utc(span.from));
        const right = scales.x.getPixelForValue(utc(span.until));
        ctx.fillStyle = colors.gapFill;
        ctx.fillRect(left, chartArea.top, right - left, chartArea.height);
        ctx.strokeStyle = colors.gapEdge;
        ctx.setLineDash([2, 3]);
        ctx.strokeRect(left, chartArea.top, right - left, chartArea.height);
        ctx.setLineDash([]);
        // Labels only where they fit at their own width (never squeezed); the legend and the
        // notes under the chart name every missing period anyway.
        const room = right - left - 8;
        ctx.fillStyle = colors.muted;
        if (ctx.measureText("no data").width <= room) {
          ctx.fillText("no data", left + 4, chartArea.top + 4);
          if (ctx.measureText(span.label).width <= room)
            ctx.fillText(span.label, left + 4, chartArea.top + 17);
        }
      }
      ctx.restore();
    },
  };
}

export interface ThemeColors {
  text: string;
  muted: string;
  grid: string;
  background: string;
  gapFill: string;
  gapEdge: string;
  series: (colorVar: string) => string;
}

export function themeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read("--text", "#222"),
    muted: read("--muted", "#555"),
    grid: read("--border", "#ddd"),
    background: read("--bg", "#fff"),
    gapFill: read("--gap-fill", "rgba(120,120,120,0.12)"),
    gapEdge: read("--gap-edge", "rgba(120,120,120,0.5)"),
    series: (colorVar) => read(colorVar, "#666"),
  };
}

export function utc(isoDate: string): number {
  return Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/** The link of the nearest article mark under the pointer, if any. */
function linkAt(spec: ChartSpec, chart: Chart, event: ChartEvent): string | undefined {
  for (const hit of marksAt(chart, event)) {
    const href = spec.datasets[hit.datasetIndex]?.data[hit.index]?.href;
    if (href) return href;
  }
  return undefined;
}

export interface ChartCallbacks {
  onOpen: (href: string) => void;
  onRangeSelected: (from: string, to: string) => void;
  onReset: () => void;
}

export interface ConfigOptions {
  callbacks: ChartCallbacks;
  colors: ThemeColors;
  /** Chooses what the page's HTML tooltip shows (`htmlTooltipTracker`); the PNG has none. */
  tooltip?: Plugin<"line">;
  animate: boolean;
}

function toDataset(set: ChartDatasetSpec, colors: ThemeColors): ChartDataset<"line", DrawnPoint[]> {
  const color = colors.series(set.colorVar);
  const data: DrawnPoint[] = set.data.map((point) => ({ ...point, x: utc(point.x) }));
  const common = {
    label: set.label,
    data,
    borderColor: color,
    backgroundColor: set.hollow ? "transparent" : color,
    hidden: set.hidden,
    parsing: false as const,
  };
  const isolated = set.data.map(
    (point, i) =>
      point.y !== null &&
      (set.data[i - 1]?.y ?? null) === null &&
      (set.data[i + 1]?.y ?? null) === null,
  );
  if (set.style === "points") {
    return {
      ...common,
      showLine: false,
      // Smaller rings on long ranges, where full-size ones merge; the hit area stays as large.
      pointRadius: (context) => markRadius(pixelsPerYear(context.chart)),
      pointHoverRadius: (context) => markRadius(pixelsPerYear(context.chart)) + 2,
      pointHitRadius: (context) => 6 - markRadius(pixelsPerYear(context.chart)),
      pointBorderWidth: (context) => (markRadius(pixelsPerYear(context.chart)) >= 5 ? 2 : 1.5),
      pointStyle: set.marker ?? "circle",
      // Markers on the plot's edge stay whole instead of being cut in half.
      clip: 8,
    };
  }
  return {
    ...common,
    // A rate holds until its next change: Chart.js's "before" draws the horizontal first and the
    // rise at the new point's date ("after" would draw each change at the previous point's date).
    stepped: set.style === "step" ? "before" : false,
    borderWidth: set.thin ? 1.3 : set.style === "step" ? 2.2 : 1.6,
    borderDash: set.dash ?? (set.dashed ? [5, 4] : undefined),
    // A value with no neighbour (a month between two gaps) has no line: show it as a dot. A
    // plain 0 when there is none lets Chart.js share one set of options across the points.
    pointRadius: isolated.includes(true) ? isolated.map((alone) => (alone ? 2.5 : 0)) : 0,
    pointHoverRadius: 4,
    pointHitRadius: 6,
    tension: 0,
    // A missing period is a gap: never a line across it.
    spanGaps: false,
  };
}

const YEAR_MS = 365.25 * 86_400_000;

/** Horizontal room per year of the time axis (generous before the first layout). */
function pixelsPerYear(chart: Chart): number {
  const scale = chart.scales?.x;
  if (!scale || !chart.chartArea || scale.max <= scale.min) return Infinity;
  return chart.chartArea.width / ((scale.max - scale.min) / YEAR_MS);
}

/** Event lines closer than this many pixels print as one line. */
const EVENT_MERGE_PX = 3;
/** A line with another this close is part of a crowd, drawn lighter so the data stays readable. */
const EVENT_CROWD_PX = 7;

/**
 * Tariff actions as dashed vertical lines, inside the plot area only. On long ranges actions
 * weeks apart fall on the same pixels: those print as one line (in the side's colour, grey when
 * both sides acted), and lines in a crowd are drawn lighter, behind the data. Every action keeps
 * its line; the tooltip near a line lists each action there.
 */
function eventLines(spec: ChartSpec, colors: ThemeColors): Plugin<"line"> {
  return {
    id: "eventLines",
    beforeDatasetsDraw(chart) {
      const { ctx, scales, chartArea } = chart;
      const lines = spec.events
        .map((event) => ({
          event,
          x: scales.x.getPixelForValue(utc(event.date)),
          color: colors.series(event.colorVar),
        }))
        .filter((line) => line.x >= chartArea.left && line.x <= chartArea.right);
      const groups = clusterByPixel(
        lines.map((line) => line.x),
        EVENT_MERGE_PX,
      ).map((group) => {
        const colorsThere = new Set(group.map((i) => lines[i].color));
        return {
          x: group.reduce((sum, i) => sum + lines[i].x, 0) / group.length,
          color: colorsThere.size === 1 ? lines[group[0]].color : colors.muted,
        };
      });
      ctx.save();
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      groups.forEach((line, i) => {
        const crowded =
          (groups[i - 1] && line.x - groups[i - 1].x < EVENT_CROWD_PX) ||
          (groups[i + 1] && groups[i + 1].x - line.x < EVENT_CROWD_PX);
        ctx.globalAlpha = crowded ? 0.4 : 1;
        ctx.strokeStyle = line.color;
        ctx.beginPath();
        ctx.moveTo(line.x, chartArea.top);
        ctx.lineTo(line.x, chartArea.bottom);
        ctx.stroke();
      });
      ctx.restore();
      // The actions drawn (each on its own line or sharing one), for the e2e suite (it reads
      // what the chart drew, not the page).
      const drawn: Pick<ChartEventSpec, "date" | "actor" | "authority" | "label">[] = lines.map(
        ({ event: { date, actor, authority, label } }) => ({ date, actor, authority, label }),
      );
      chart.canvas.dataset.eventLines = JSON.stringify(drawn);
    },
  };
}

/** Tariff actions whose line is within a few pixels of the pointer, for the tooltip. */
export function eventsNear(spec: ChartSpec, chart: Chart, pixelX: number): ChartEventSpec[] {
  const scale = chart.scales.x;
  if (!scale) return [];
  return spec.events.filter(
    (event) => Math.abs(scale.getPixelForValue(utc(event.date)) - pixelX) <= 5,
  );
}

/** The amount and tariff-rate axes start at zero; rates of exchange and indexes need not. */
function axisFromZero(spec: ChartSpec): boolean {
  return (
    spec.yScale === "linear" && (spec.valueFormat === "usd_bn" || spec.valueFormat === "percent")
  );
}

export function toConfig(spec: ChartSpec, options: ConfigOptions): TimeChartConfig {
  const { colors, callbacks } = options;
  const spans = gapBands(spec.datasets);
  // NOTE: typed piece by piece; one literal of all the options is too deep for tsc.
  const scales: ChartOptions<"line">["scales"] = {
    x: {
      type: "time",
      min: spec.xMin ? utc(spec.xMin) : undefined,
      max: spec.xMax ? utc(spec.xMax) : undefined,
      // Yearly ticks on round years (1980, 1990…), never every seventh year from the range start.
      afterBuildTicks(scale) {
        const first = scale.ticks[0];
        const second = scale.ticks[1];
        if (!first || !second) return;
        const dates = scale.ticks.map((tick) => new Date(tick.value));
        if (!dates.every((date) => date.getUTCMonth() === 0 && date.getUTCDate() === 1)) return;
        const firstYear = new Date(scale.min).getUTCFullYear();
        const lastYear = new Date(scale.max).getUTCFullYear();
        // At most eight labels; autoSkip thins them further where they would collide.
        const years = niceYearTicks(
          firstYear,
          lastYear,
          Math.max(
            dates[1].getUTCFullYear() - dates[0].getUTCFullYear(),
            (lastYear - firstYear) / 8,
          ),
        )
          .map((year) => Date.UTC(year, 0, 1))
          .filter((value) => value >= scale.min && value <= scale.max);
        if (years.length >= 2) scale.ticks = years.map((value) => ({ value }));
      },
      ticks: {
        color: colors.muted,
        maxRotation: 0,
        autoSkip: true,
        autoSkipPadding: 16,
        maxTicksLimit: 8,
      },
      grid: { color: colors.grid },
    },
    y: {
      type: spec.yScale,
      beginAtZero: axisFromZero(spec),
      title: { display: true, text: spec.yTitle, color: colors.muted },
      ticks: {
        color: colors.muted,
        callback(value, index, ticks) {
          const step = ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : Number(value);
          if (spec.yScale === "logarithmic" && !logTickLabelled(Number(value), ticks.length))
            return null;
          // Log axes space their ticks unevenly: give each tick the decimals it needs itself.
          const own = spec.yScale === "logarithmic" ? Number(value) / 10 : step;
          return formatTick(Number(value), spec.valueFormat, own);
        },
      },
      grid: { color: colors.grid },
    },
  };
  const chartOptions: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: options.animate ? { duration: 250 } : false,
    interaction: { mode: "marksUnderPointer", intersect: true },
    scales,
    // Clicks follow the mark drawn under the pointer (nearest first), never the nearest by date.
    onClick(event, _elements, chart) {
      const href = linkAt(spec, chart, event);
      if (href) callbacks.onOpen(href);
    },
    onHover(event, _elements, chart) {
      chart.canvas.style.cursor = linkAt(spec, chart, event) ? "pointer" : "default";
    },
  };
  return {
    type: "line",
    data: { datasets: spec.datasets.map((set) => toDataset(set, colors)) },
    options: chartOptions,
    plugins: [
      dragToSelect(callbacks.onRangeSelected),
      paintedMarker,
      missingBands(spans, colors),
      eventLines(spec, colors),
      rangeWhiskers(spec, colors),
      ...(options.tooltip ? [options.tooltip] : []),
    ],
  };
}
