import { Chart } from "chart.js";
import { useEffect, useRef, useState } from "react";
import { ChartLegend } from "~/components/charts/ChartLegend";
import {
  eventsNear,
  htmlTooltipTracker,
  themeColors,
  toConfig,
  type ChartCallbacks,
  type ChartInspection,
  type DrawnPoint,
  type TimeChartInstance,
  type TooltipView,
} from "~/components/charts/config.client";
import { formatMark, unitAfterValue } from "~/lib/charts/marks";
import { formatPeriod } from "~/lib/charts/periods";
import { placeTooltip } from "~/lib/charts/tooltip-place";
import type { ChartSpec } from "~/lib/charts/spec";

declare global {
  interface Window {
    /**
     * The dashboard's Chart.js instances by chart id, for the browser console and the e2e suite
     * (which reads drawn datasets and mark positions from here instead of guessing pixels).
     * NOTE: typed as the few members read there; the whole Chart type on Window sends tsc into
     * endless recursion.
     */
    tradewarCharts?: Record<string, ChartInspection>;
  }
}

/** Beyond this many marks on one spot the tooltip points to the table instead of growing. */
const MAX_TOOLTIP_ENTRIES = 4;

/**
 * The tooltip as HTML beside the canvas: long article quotes wrap inside it, it is placed inside
 * the viewport whatever the screen width, and every mark under the pointer gets its own entry.
 * Text goes in through textContent only (article sentences are untrusted).
 */
function htmlTooltip(spec: ChartSpec, box: HTMLElement, pointer: { x: number | null }) {
  return (chart: Chart, view: TooltipView | null) => {
    if (!view) {
      box.hidden = true;
      return;
    }
    box.replaceChildren();
    let lastTitle = "";
    const items = view.marks;
    for (const item of items.slice(0, MAX_TOOLTIP_ENTRIES)) {
      const set = spec.datasets[item.datasetIndex];
      const point = set?.data[item.index];
      if (!set || !point || point.y === null) continue;
      const title = formatPeriod(point.x, set.frequency);
      if (title !== lastTitle) {
        const heading = document.createElement("p");
        heading.className = "chart-tooltip__title";
        heading.textContent = title;
        box.append(heading);
        lastTitle = title;
      }
      const entry = document.createElement("div");
      entry.className = "chart-tooltip__entry";
      const value = document.createElement("p");
      const key = document.createElement("span");
      key.className = set.hollow
        ? "chart-tooltip__key chart-tooltip__key--hollow"
        : "chart-tooltip__key";
      const color = String(chart.data.datasets[item.datasetIndex].borderColor);
      key.style.borderColor = color;
      if (!set.hollow) key.style.background = color;
      const range =
        point.yMin !== undefined && point.yMax !== undefined
          ? ` (range ${formatMark(point.yMin, spec.valueFormat)}–${formatMark(point.yMax, spec.valueFormat)})`
          : "";
      value.append(
        key,
        `${set.label}: `,
        Object.assign(document.createElement("strong"), {
          textContent: formatMark(point.y, spec.valueFormat),
        }),
        `${range}${unitAfterValue(spec.valueFormat, set.unit)}`,
      );
      entry.append(value);
      for (const line of point.note ?? []) {
        entry.append(Object.assign(document.createElement("p"), { textContent: line }));
      }
      const source = document.createElement("p");
      source.className = "chart-tooltip__source";
      source.textContent = point.href
        ? `${set.source}. Click or press Enter to open the article.`
        : `Source: ${set.source}`;
      entry.append(source);
      box.append(entry);
    }
    if (items.length > MAX_TOOLTIP_ENTRIES) {
      box.append(
        Object.assign(document.createElement("p"), {
          className: "chart-tooltip__source",
          textContent: `and ${items.length - MAX_TOOLTIP_ENTRIES} more here: see the table view`,
        }),
      );
    }
    const actions = pointer.x === null ? [] : eventsNear(spec, chart, pointer.x);
    for (const action of actions) {
      const entry = document.createElement("div");
      entry.className = "chart-tooltip__entry";
      entry.append(
        Object.assign(document.createElement("p"), {
          className: "chart-tooltip__title",
          textContent: `Tariff action, ${formatPeriod(action.date, "daily")}`,
        }),
        Object.assign(document.createElement("p"), { textContent: action.label }),
      );
      box.append(entry);
    }
    box.hidden = false;
    placeInViewport(box, chart.canvas.getBoundingClientRect(), view.caretX, view.caretY);
  };
}

/**
 * The bottom edge of what must stay uncovered at the top of the viewport: elements marked
 * `data-keep-clear` (the range bar, sticky on wide screens) while any part of them is in view.
 */
function keepClearBottom(): number {
  let bottom = 0;
  for (const element of document.querySelectorAll("[data-keep-clear]")) {
    const rect = element.getBoundingClientRect();
    if (rect.bottom > 0 && rect.top < window.innerHeight) bottom = Math.max(bottom, rect.bottom);
  }
  return bottom;
}

/** Beside the caret, flipped and clamped so the whole box stays on screen and off the range bar. */
function placeInViewport(box: HTMLElement, canvas: DOMRect, caretX: number, caretY: number) {
  const parent = box.offsetParent?.getBoundingClientRect() ?? new DOMRect();
  box.style.maxHeight = "";
  const { width, height } = box.getBoundingClientRect();
  const place = placeTooltip({
    caret: { x: canvas.left + caretX, y: canvas.top + caretY },
    box: { width, height },
    viewport: { width: window.innerWidth, height: window.innerHeight },
    topInset: keepClearBottom(),
  });
  box.style.maxHeight = `${place.maxHeight}px`;
  box.style.left = `${place.left - parent.left}px`;
  box.style.top = `${place.top - parent.top}px`;
}

const ARROW_KEYS = new Set(["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"]);

const buildQueue: (() => void)[] = [];
let building = false;

function runBuilds() {
  const task = buildQueue.shift();
  building = task !== undefined;
  if (!task) return;
  task();
  // The next chart once the browser has painted this one.
  requestAnimationFrame(() => setTimeout(runBuilds, 0));
}

/**
 * Builds new charts one at a time, each after the one before has been painted: on the dashboard
 * the first chart shows without waiting for the other three to be built. A chart built while no
 * other waits is built at once. Returns the effect's cleanup.
 */
function buildInTurn(build: () => () => void): () => void {
  let teardown: (() => void) | undefined;
  let cancelled = false;
  const task = () => {
    if (!cancelled) teardown = build();
  };
  buildQueue.push(task);
  if (!building) runBuilds();
  return () => {
    cancelled = true;
    const waiting = buildQueue.indexOf(task);
    if (waiting >= 0) buildQueue.splice(waiting, 1);
    teardown?.();
  };
}

export interface TimeChartProps extends Omit<ChartCallbacks, "onOpen"> {
  spec: ChartSpec;
  label: string;
  onToggleSeries: (datasetId: string) => void;
  onReady?: (chart: TimeChartInstance) => void;
}

/**
 * Counts switches of the system colour scheme while the page is open: the chart's colours are
 * read from the stylesheet when it is built, so a switch rebuilds it in the new theme.
 */
function useColorSchemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const bump = () => setVersion((v) => v + 1);
    query.addEventListener("change", bump);
    return () => query.removeEventListener("change", bump);
  }, []);
  return version;
}

export default function TimeChart({
  spec,
  label,
  onToggleSeries,
  onReady,
  ...callbacks
}: TimeChartProps) {
  const schemeVersion = useColorSchemeVersion();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  // Callbacks change identity on every render; the chart is only rebuilt when the spec changes.
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;
  const builtBefore = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    const tooltipBox = tooltipRef.current;
    if (!canvas || !tooltipBox) return;
    const build = () => {
      const open = (href: string) => window.location.assign(href);
      const pointer: { x: number | null } = { x: null };
      const track = (event: MouseEvent) => (pointer.x = event.offsetX);
      const untrack = () => (pointer.x = null);
      const tooltip = htmlTooltipTracker(htmlTooltip(spec, tooltipBox, pointer));
      const chart = new Chart<"line", DrawnPoint[]>(
        canvas,
        toConfig(spec, {
          callbacks: {
            onOpen: open,
            onRangeSelected: (from, to) => callbacksRef.current.onRangeSelected(from, to),
            onReset: () => callbacksRef.current.onReset(),
          },
          colors: themeColors(),
          tooltip: tooltip.plugin,
          // The first frame is the finished chart: nothing grows into place while the page loads.
          animate: false,
        }),
      );
      // Later changes (hover, keyboard) move briefly, unless the reader prefers no motion.
      if (!window.matchMedia("(prefers-reduced-motion: reduce)").matches)
        chart.options.animation = { duration: 250 };
      onReady?.(chart);
      (window.tradewarCharts ??= {})[spec.id] = chart;
      const reset = () => callbacksRef.current.onReset();
      let walk: ((event: KeyboardEvent) => void) | null = null;
      let walkLoading: Promise<void> | null = null;
      const loadWalk = () =>
        (walkLoading ??= import("~/components/charts/keyboard.client").then((module) => {
          walk = module.keyboardTooltips(chart, spec, open, (marks) =>
            tooltip.setActive(chart, marks),
          );
        }));
      const keyboard = (event: KeyboardEvent) => {
        if (walk) return walk(event);
        // A key pressed before the walk's code arrives is answered when it does; arrows must not
        // scroll the page meanwhile.
        if (!ARROW_KEYS.has(event.key) && event.key !== "Enter" && event.key !== "Escape") return;
        if (ARROW_KEYS.has(event.key)) event.preventDefault();
        void loadWalk().then(() => walk?.(event));
      };
      const hide = () => (tooltipBox.hidden = true);
      // One signal removes every listener when the chart goes.
      const listening = new AbortController();
      const { signal } = listening;
      canvas.addEventListener("dblclick", reset, { signal });
      canvas.addEventListener("mousemove", track, { signal });
      canvas.addEventListener("mouseleave", untrack, { signal });
      canvas.addEventListener("focus", loadWalk, { signal });
      canvas.addEventListener("keydown", keyboard, { signal });
      canvas.addEventListener("blur", hide, { signal });
      window.addEventListener("scroll", hide, { passive: true, signal });
      return () => {
        listening.abort();
        if (window.tradewarCharts?.[spec.id] === chart) delete window.tradewarCharts[spec.id];
        chart.destroy();
      };
    };
    // A rebuild replaces a drawn chart at once; a new canvas waits its turn.
    if (builtBefore.current) return build();
    builtBefore.current = true;
    return buildInTurn(build);
    // schemeVersion: rebuilt with the new theme's colours when the system theme switches.
  }, [spec, onReady, schemeVersion]);

  return (
    <>
      <ChartLegend spec={spec} label={label} onToggleSeries={onToggleSeries} />
      <div className="chart-box">
        <canvas
          ref={canvasRef}
          id={`chart-${spec.id}`}
          role="img"
          aria-label={`${label}. Focus and use the arrow keys to read values; Enter opens an article point.`}
          tabIndex={0}
        />
        <div
          ref={tooltipRef}
          className="chart-tooltip"
          id={`tooltip-${spec.id}`}
          role="status"
          aria-live="polite"
          hidden
        />
      </div>
    </>
  );
}

export type { DrawnPoint, TimeChartInstance };
