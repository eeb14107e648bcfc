import { legendEntries, SWATCH_HEIGHT, SWATCH_WIDTH, type SwatchStroke } from "~/lib/charts/legend";
import type { ChartSpec } from "~/lib/charts/spec";

function Swatch({ strokes }: { strokes: SwatchStroke[] }) {
  return (
    <svg
      className="chart-legend__swatch"
      width={SWATCH_WIDTH}
      height={SWATCH_HEIGHT}
      viewBox={`0 0 ${SWATCH_WIDTH} ${SWATCH_HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      {strokes.map((stroke) => (
        <path
          key={stroke.path}
          d={stroke.path}
          style={{
            stroke: `var(${stroke.stroke})`,
            fill: stroke.fill ? `var(${stroke.fill})` : "none",
          }}
          strokeWidth={stroke.width}
          strokeDasharray={stroke.dash?.join(" ")}
        />
      ))}
    </svg>
  );
}

/**
 * The chart's legend in HTML: each series is a toggle button (pressed while the series is
 * shown), reachable by keyboard; kinds of mark that are not series are listed without a button.
 * Shown series live in the URL, so a toggle asks for a new URL rather than changing the chart.
 */
export function ChartLegend({
  spec,
  label,
  onToggleSeries,
}: {
  spec: ChartSpec;
  label: string;
  onToggleSeries: (datasetId: string) => void;
}) {
  return (
    <ul className="chart-legend" id={`legend-${spec.id}`} aria-label={`Legend: ${label}`}>
      {legendEntries(spec).map((entry) => {
        const { datasetId } = entry;
        return (
          <li key={entry.key}>
            {datasetId === undefined ? (
              <span className="chart-legend__entry">
                <Swatch strokes={entry.swatch} />
                {entry.label}
              </span>
            ) : (
              <button
                type="button"
                className="chart-legend__entry"
                aria-pressed={!entry.hidden}
                data-series={datasetId}
                onClick={() => onToggleSeries(datasetId)}
              >
                <Swatch strokes={entry.swatch} />
                {entry.label}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
