import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  TimeScale,
  Tooltip,
  type ActiveElement,
  type ChartConfiguration,
  type ChartEvent,
  type TooltipItem,
  type ChartDataset,
  type Plugin,
} from "chart.js";
import "chartjs-adapter-date-fns";
import annotationPlugin, { type AnnotationOptions } from "chartjs-plugin-annotation";
import zoomPlugin from "chartjs-plugin-zoom";
import { useEffect, useRef } from "react";
import { formatChartValue, type ChartPoint, type ChartSpec } from "~/lib/charts/spec";

Chart.register(
  Filler,
  Legend,
  LinearScale,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  TimeScale,
  Tooltip,
  annotationPlugin,
  zoomPlugin,
);

/** Marks the canvas once Chart.js has drawn it, so tests and screenshots wait for real pixels. */
const paintedMarker: Plugin = {
  id: "paintedMarker",
  afterRender(chart) {
    const canvas = chart.canvas;
    canvas.dataset.painted = String(Number(canvas.dataset.painted ?? "0") + 1);
  },
};

/** Draws article ranges as vertical bars from yMin to yMax. */
const rangeBars: Plugin = {
  id: "rangeBars",
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    chart.data.datasets.forEach((dataset, index) => {
      if (!chart.isDatasetVisible(index)) return;
      const color = (dataset.borderColor as string) ?? "#666";
      for (const raw of dataset.data as unknown as (ChartPoint & { x: number })[]) {
        if (raw.yMin === undefined || raw.yMax === undefined) continue;
        const x = scales.x.getPixelForValue(raw.x);
        const top = scales.y.getPixelForValue(raw.yMax);
        const bottom = scales.y.getPixelForValue(raw.yMin);
        ctx.save();
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - 4, top);
        ctx.lineTo(x + 4, top);
        ctx.moveTo(x - 4, bottom);
        ctx.lineTo(x + 4, bottom);
        ctx.stroke();
        ctx.restore();
      }
    });
  },
};

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

interface ChartCallbacks {
  onRangeSelected: (from: string, to: string) => void;
  onToggleSeries: (datasetId: string) => void;
  onReset: () => void;
}

function toConfig(spec: ChartSpec, callbacks: ChartCallbacks): ChartConfiguration {
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const textColor = cssVar("--muted", "#555");
  const gridColor = cssVar("--border", "#ddd");
  const datasets = spec.datasets.map((set) => {
    const color = cssVar(set.colorVar, "#666");
    const data = set.data.map((point) => ({ ...point, x: Date.parse(`${point.x}T00:00:00Z`) }));
    const base = {
      label: set.label,
      data,
      borderColor: color,
      backgroundColor: set.hollow ? "transparent" : color,
      hidden: set.hidden,
      parsing: false as const,
    };
    if (set.style === "points") {
      return {
        ...base,
        type: "scatter" as const,
        pointRadius: 5,
        pointHoverRadius: 7,
        pointBorderWidth: 2,
        pointStyle: set.marker ?? "circle",
      };
    }
    return {
      ...base,
      type: "line" as const,
      stepped: set.style === "step" ? ("after" as const) : false,
      borderWidth: set.style === "step" ? 2.2 : 1.6,
      borderDash: set.dashed ? [5, 4] : undefined,
      pointRadius: 0,
      pointHitRadius: 6,
      tension: 0,
      spanGaps: false,
    };
  }) as unknown as ChartDataset[];

  const annotations = Object.fromEntries(
    spec.events.map((event, index) => [
      `event${index}`,
      {
        type: "line" as const,
        xMin: Date.parse(`${event.date}T00:00:00Z`),
        xMax: Date.parse(`${event.date}T00:00:00Z`),
        borderColor: cssVar(event.colorVar, "#888"),
        borderWidth: 1,
        borderDash: [3, 3],
        label: {
          display: false,
          content: [event.label, formatDate(Date.parse(`${event.date}T00:00:00Z`))],
          position: "start" as const,
          font: { size: 10 },
        },
        enter(context: { element: { label?: { options: { display: boolean } } } }) {
          if (context.element.label) context.element.label.options.display = true;
          return true;
        },
        leave(context: { element: { label?: { options: { display: boolean } } } }) {
          if (context.element.label) context.element.label.options.display = false;
          return true;
        },
      },
    ]),
  ) as unknown as Record<string, AnnotationOptions>;

  const config = {
    type: "line",
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 250 },
      interaction: { mode: "nearest", intersect: false, axis: "x" },
      scales: {
        x: {
          type: "time",
          min: spec.xMin ? Date.parse(`${spec.xMin}T00:00:00Z`) : undefined,
          max: spec.xMax ? Date.parse(`${spec.xMax}T00:00:00Z`) : undefined,
          adapters: { date: { zone: "UTC" } },
          ticks: {
            color: textColor,
            maxRotation: 0,
            autoSkip: true,
            autoSkipPadding: 16,
            maxTicksLimit: 8,
          },
          grid: { color: gridColor },
        },
        y: {
          type: spec.yScale,
          title: { display: true, text: spec.yTitle, color: textColor },
          ticks: {
            color: textColor,
            callback: (value: string | number) => formatChartValue(Number(value), spec.valueFormat),
          },
          grid: { color: gridColor },
        },
      },
      plugins: {
        legend: {
          labels: { color: cssVar("--text", "#222"), usePointStyle: true },
          // Shown series live in the URL, so a legend click changes the URL rather than the chart alone.
          onClick: (_event: ChartEvent, item: { datasetIndex?: number }) => {
            const dataset =
              item.datasetIndex === undefined ? undefined : spec.datasets[item.datasetIndex];
            if (dataset) callbacks.onToggleSeries(dataset.id);
          },
        },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<"line">[]) =>
              items[0] ? formatDate(items[0].parsed.x as number) : "",
            label: (item: TooltipItem<"line">) => {
              const set = spec.datasets[item.datasetIndex];
              const raw = item.raw as ChartPoint;
              const range =
                raw.yMin !== undefined && raw.yMax !== undefined
                  ? ` (range ${formatChartValue(raw.yMin, spec.valueFormat)}–${formatChartValue(raw.yMax, spec.valueFormat)})`
                  : "";
              return `${set.label}: ${formatChartValue(item.parsed.y as number, spec.valueFormat)}${range} ${set.unit}`;
            },
            afterLabel: (item: TooltipItem<"line">) => {
              const set = spec.datasets[item.datasetIndex];
              const raw = item.raw as ChartPoint;
              return [...(raw.note ?? []), `Source: ${set.source}`];
            },
          },
        },
        annotation: { annotations },
        zoom: {
          zoom: {
            drag: { enabled: true, threshold: 8 },
            mode: "x",
            onZoomComplete: ({ chart }: { chart: Chart }) => {
              const { min, max } = chart.scales.x;
              callbacks.onRangeSelected(
                new Date(min).toISOString().slice(0, 10),
                new Date(max).toISOString().slice(0, 10),
              );
            },
          },
        },
      },
      onClick: (_event: ChartEvent, elements: ActiveElement[], chart: Chart) => {
        const hit = elements[0];
        if (!hit) return;
        const raw = chart.data.datasets[hit.datasetIndex].data[hit.index] as unknown as ChartPoint;
        if (raw?.href) window.location.assign(raw.href);
      },
      onHover: (event: ChartEvent, elements: ActiveElement[], chart: Chart) => {
        const hit = elements[0];
        const raw = hit
          ? (chart.data.datasets[hit.datasetIndex].data[hit.index] as unknown as ChartPoint)
          : undefined;
        (event.native?.target as HTMLElement | undefined)?.style.setProperty(
          "cursor",
          raw?.href ? "pointer" : "default",
        );
      },
    },
    plugins: [paintedMarker, rangeBars],
  };
  // NOTE: Chart.js' option types are too deep for tsc to check inline ("excessively deep").
  return config as unknown as ChartConfiguration;
}

/**
 * Arrow keys walk the points (left/right within a series, up/down between visible series) and
 * show each one's tooltip; Enter follows an article point's link. Keyboard users get what
 * hovering gives, and the table view stays the full fallback.
 */
function keyboardTooltips(chart: Chart) {
  let datasetIndex = -1;
  let index = -1;
  const visible = () =>
    chart.data.datasets
      .map((_, i) => i)
      .filter((i) => chart.isDatasetVisible(i) && chart.data.datasets[i].data.length > 0);
  return (event: KeyboardEvent) => {
    const sets = visible();
    if (sets.length === 0) return;
    if (!sets.includes(datasetIndex)) {
      datasetIndex = sets[0];
      index = -1;
    }
    const length = chart.data.datasets[datasetIndex].data.length;
    switch (event.key) {
      case "ArrowRight":
        index = Math.min(index + 1, length - 1);
        break;
      case "ArrowLeft":
        index = Math.max(index - 1, 0);
        break;
      case "ArrowDown":
      case "ArrowUp": {
        const position = sets.indexOf(datasetIndex) + (event.key === "ArrowDown" ? 1 : -1);
        datasetIndex = sets[(position + sets.length) % sets.length];
        index = Math.min(Math.max(index, 0), chart.data.datasets[datasetIndex].data.length - 1);
        break;
      }
      case "Enter": {
        const point = chart.data.datasets[datasetIndex]?.data[index] as unknown as
          ChartPoint | undefined;
        if (point?.href) window.location.assign(point.href);
        return;
      }
      case "Escape":
        chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
        chart.update();
        return;
      default:
        return;
    }
    event.preventDefault();
    const element = chart.getDatasetMeta(datasetIndex).data[index];
    if (!element) return;
    const active = [{ datasetIndex, index }];
    chart.setActiveElements(active);
    chart.tooltip?.setActiveElements(active, { x: element.x, y: element.y });
    chart.update();
  };
}

export interface TimeChartProps extends ChartCallbacks {
  spec: ChartSpec;
  label: string;
  onReady?: (chart: Chart) => void;
}

export default function TimeChart({ spec, label, onReady, ...callbacks }: TimeChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Callbacks change identity on every render; the chart is only rebuilt when the spec changes.
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = new Chart(
      canvas,
      toConfig(spec, {
        onRangeSelected: (from, to) => callbacksRef.current.onRangeSelected(from, to),
        onToggleSeries: (id) => callbacksRef.current.onToggleSeries(id),
        onReset: () => callbacksRef.current.onReset(),
      }),
    );
    onReady?.(chart);
    // Lets end-to-end tests find a point's pixel position without guessing.
    const registry = ((
      window as unknown as { __tradewarCharts?: Record<string, Chart> }
    ).__tradewarCharts ??= {});
    registry[spec.id] = chart;
    const reset = () => callbacksRef.current.onReset();
    canvas.addEventListener("dblclick", reset);
    const keyboard = keyboardTooltips(chart);
    canvas.addEventListener("keydown", keyboard);
    return () => {
      canvas.removeEventListener("dblclick", reset);
      canvas.removeEventListener("keydown", keyboard);
      chart.destroy();
    };
  }, [spec, onReady]);

  return (
    <canvas
      ref={canvasRef}
      id={`chart-${spec.id}`}
      role="img"
      aria-label={`${label}. Focus and use the arrow keys to read values; Enter opens an article point.`}
      tabIndex={0}
    />
  );
}
