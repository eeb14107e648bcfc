/**
 * The keyboard's walk over a chart's marks, loaded when a chart first takes focus: readers who
 * never use the keyboard on a chart do not download it with the page.
 */
import type { TimeChartInstance, TooltipMark } from "~/components/charts/config.client";
import type { ChartSpec } from "~/lib/charts/spec";

/**
 * Arrow keys walk the points (left/right within a series, up/down between visible series) and
 * show each one's tooltip; Enter follows an article point's link. Keyboard users get what
 * hovering gives, and the table view stays the full fallback.
 */
export function keyboardTooltips(
  chart: TimeChartInstance,
  spec: ChartSpec,
  open: (href: string) => void,
  showTooltip: (marks: TooltipMark[]) => void,
) {
  let datasetIndex = -1;
  let index = -1;
  const drawn = (set: number, i: number) => spec.datasets[set]?.data[i]?.y != null;
  const visible = () =>
    spec.datasets
      .map((_, i) => i)
      .filter(
        (i) => chart.isDatasetVisible(i) && spec.datasets[i].data.some((_, j) => drawn(i, j)),
      );
  const step = (from: number, by: number) => {
    const length = spec.datasets[datasetIndex].data.length;
    for (let i = from + by; i >= 0 && i < length; i += by) if (drawn(datasetIndex, i)) return i;
    return from;
  };
  return (event: KeyboardEvent) => {
    const sets = visible();
    if (sets.length === 0) return;
    if (!sets.includes(datasetIndex)) {
      datasetIndex = sets[0];
      index = -1;
    }
    switch (event.key) {
      case "ArrowRight":
        index = step(index, 1);
        break;
      case "ArrowLeft":
        index = index < 0 ? step(-1, 1) : step(index, -1);
        break;
      case "ArrowDown":
      case "ArrowUp": {
        const position = sets.indexOf(datasetIndex) + (event.key === "ArrowDown" ? 1 : -1);
        datasetIndex = sets[(position + sets.length) % sets.length];
        const length = spec.datasets[datasetIndex].data.length;
        index = Math.min(Math.max(index, 0), length - 1);
        if (!drawn(datasetIndex, index))
          index = step(index, 1) === index ? step(index, -1) : step(index, 1);
        break;
      }
      case "Enter": {
        const href = spec.datasets[datasetIndex]?.data[index]?.href;
        if (href) open(href);
        return;
      }
      case "Escape":
        chart.setActiveElements([]);
        showTooltip([]);
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
    showTooltip(active);
    chart.update();
  };
}
