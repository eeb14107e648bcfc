import { useMemo, type ReactNode } from "react";
import { unpackPageSpec, type PageChart } from "~/lib/charts/page";
import { articleFigureUrl, type ChartRow } from "~/lib/charts/rows";
import { formatPeriod } from "~/lib/charts/periods";
import { chartPanels, formatChartValue, type ChartEventSpec } from "~/lib/charts/spec";
import type { Transform } from "~/lib/charts/transform";
import { withParams } from "~/lib/dashboard-params";
import { formatDay } from "~/lib/date-range";
import { FALLBACK_ROWS, TABLE_PAGE_SIZE } from "~/lib/charts/page";
import TimeChart from "~/components/charts/TimeChart.client";
import { useFallbackRows } from "~/components/fallback-rows";
import { LinkTabs } from "~/components/LinkTabs";
import { ViewLink } from "~/components/ViewLink";

const TRANSFORM_LABELS: Record<Transform, string> = {
  level: "Level",
  yoy: "YoY %",
  index: "Index",
};

export interface ChartCardProps {
  chart: PageChart;
  /** The tariff actions of the page, marked on the charts that mark them (sent once). */
  events: ChartEventSpec[];
  /** The card that lists the tariff actions this chart marks, when it is not this one. */
  eventsListedUnder?: { id: string; title: string };
  search: string;
  downloadSearch: string;
  fileSuffix: string;
  /** The range in words ("1 Jul 2018 – 31 Dec 2019"), printed on the PNG. */
  rangeWords: string;
  hydrated: boolean;
  hidden: Set<string>;
  tab: "chart" | "table";
  onRangeSelected: (from: string, to: string) => void;
  onToggleSeries: (key: string) => void;
  onReset: () => void;
  extraTools?: ReactNode;
}

export function ChartCard(props: ChartCardProps) {
  const { chart, search, hydrated, tab } = props;
  const hiddenKey = [...props.hidden].sort().join(",");
  // Only a drawn chart needs its points unpacked: the server's render (and the page before
  // hydration) shows the fallback table, so it never pays for unpacking.
  const unpacked = useMemo(
    () => (hydrated ? unpackPageSpec(chart, props.events) : null),
    [hydrated, chart, props.events],
  );
  const spec = useMemo(
    () =>
      unpacked && {
        ...unpacked,
        datasets: unpacked.datasets.map((set) => ({
          ...set,
          hidden: hiddenKey.split(",").includes(`${chart.id}.${set.id}`),
        })),
      },
    [unpacked, chart.id, hiddenKey],
  );
  const panels = useMemo(() => (spec ? chartPanels(spec) : []), [spec]);
  const savePng = async () => {
    if (!spec) return;
    // Loaded on the first click: the page's first paint does not wait for the PNG code.
    const { figurePng } = await import("~/components/charts/figure.client");
    const blob = await figurePng(spec, {
      title: chart.title,
      rangeWords: props.rangeWords,
      unitLine: chart.unitLine,
      credit: chart.credit,
      url: window.location.href,
    });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${chart.id}_${props.fileSuffix}.png`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const titleId = `${chart.id}-title`;
  return (
    <section className="chart-card" aria-labelledby={titleId} id={`card-${chart.id}`}>
      <div className="chart-card__head">
        <div>
          <h2 id={titleId}>{chart.title}</h2>
          <p className="chart-card__unit">{chart.unitLine}</p>
        </div>
        <nav className="tabs" aria-label={`${chart.title}: view`}>
          <ViewLink
            to={withParams(search, { [`tab_${chart.id}`]: null })}
            aria-current={tab === "chart"}
            replace
          >
            Chart
          </ViewLink>
          <ViewLink
            to={withParams(search, { [`tab_${chart.id}`]: "table" })}
            aria-current={tab === "table"}
            replace
          >
            Table
          </ViewLink>
        </nav>
      </div>
      <div className="chart-card__tools">
        {chart.transforms.length > 0 ? (
          <LinkTabs
            label="Transform"
            tabs={chart.transforms.map((transform) => ({
              text: TRANSFORM_LABELS[transform],
              to: withParams(search, {
                [`t_${chart.id}`]: transform === "level" ? null : transform,
              }),
              current: chart.transform === transform,
            }))}
          />
        ) : null}
        {props.extraTools}
        <span className="downloads">
          Download:{" "}
          <a
            href={`/download/${chart.id}.csv${props.downloadSearch}`}
            download
            id={`download-${chart.id}-csv`}
          >
            CSV
          </a>{" "}
          <a
            href={`/download/${chart.id}.json${props.downloadSearch}`}
            download
            id={`download-${chart.id}-json`}
          >
            JSON
          </a>{" "}
          {hydrated ? (
            <button
              type="button"
              className="link-button"
              onClick={savePng}
              id={`download-${chart.id}-png`}
            >
              PNG
            </button>
          ) : null}
        </span>
      </div>
      {tab === "chart" ? (
        hydrated ? (
          <div className={panels.length > 1 ? "chart-panels" : undefined}>
            {panels.map((panel) => (
              <TimeChart
                key={panel.id}
                spec={panel}
                label={`${chart.title}: ${panels.length > 1 ? panel.yTitle : chart.unitLine}`}
                onRangeSelected={props.onRangeSelected}
                onToggleSeries={(datasetId) => props.onToggleSeries(`${chart.id}.${datasetId}`)}
                onReset={props.onReset}
              />
            ))}
          </div>
        ) : (
          <FallbackTable chart={chart} search={search} downloadSearch={props.downloadSearch} />
        )
      ) : (
        <RowsTable chart={chart} search={search} />
      )}
      {chart.spec.notes.length > 0 ? (
        <ul className="chart-notes">
          {chart.spec.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {!chart.marksEvents ? null : props.eventsListedUnder ? (
        <p className="events">
          Tariff actions marked on this chart ({props.events.length}): listed under{" "}
          <a href={`#${props.eventsListedUnder.id}-events`}>“{props.eventsListedUnder.title}”</a>.
        </p>
      ) : (
        <details className="events" id={`${chart.id}-events`}>
          <summary>Tariff actions marked on this chart ({props.events.length})</summary>
          <ul>
            {props.events.map((event) => (
              <li key={`${event.date}-${event.label}`}>
                <time dateTime={event.date}>{formatDay(event.date)}</time>:{" "}
                <strong>{event.label}</strong>. {event.description}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="credit">{chart.credit}</p>
    </section>
  );
}

/**
 * What a chart shows before hydration and without JavaScript: its first few rows, how many there
 * are, and links to all of them (the Table view, paged, and the CSV). The server renders it from
 * rows the loader data does not carry; in the browser the server's markup stays as it is (React
 * leaves an element with inner HTML unhydrated) until the chart replaces it.
 */
function FallbackTable({
  chart,
  search,
  downloadSearch,
}: {
  chart: PageChart;
  search: string;
  downloadSearch: string;
}) {
  const serverRows = useFallbackRows();
  if (serverRows === null)
    return (
      <div
        className="chart-box"
        dangerouslySetInnerHTML={{ __html: "" }}
        suppressHydrationWarning
      />
    );
  const rows = serverRows[chart.id] ?? chart.tableRows.slice(0, FALLBACK_ROWS);
  const shown =
    rows.length < chart.rowCount
      ? `the first ${rows.length} of ${chart.rowCount} rows`
      : `all ${chart.rowCount} rows`;
  return (
    <div className="chart-box chart-box--fallback">
      <p className="table-pages">
        The chart needs JavaScript; here are {shown}. Every row:{" "}
        <ViewLink to={withParams(search, { [`tab_${chart.id}`]: "table" })} replace>
          table view
        </ViewLink>{" "}
        ·{" "}
        <a href={`/download/${chart.id}.csv${downloadSearch}`} download>
          CSV
        </a>
      </p>
      <RowsTable
        chart={{ ...chart, tableRows: rows }}
        search={search}
        compact
        caption={`${chart.title}: ${shown}`}
      />
    </div>
  );
}

function formatValue(row: ChartRow, chart: PageChart): string {
  const format = chart.spec.valueFormat;
  const value = formatChartValue(row.value, format);
  if (row.rangeLow !== null && row.rangeHigh !== null) {
    return `${formatChartValue(row.rangeLow, format)}–${formatChartValue(row.rangeHigh, format)}`;
  }
  if (row.rateFrom !== null) return `${formatChartValue(row.rateFrom, format)} → ${value}`;
  return value;
}

/** The same rows as the CSV: the accessible fallback, and what shows without JavaScript. */
export function RowsTable({
  chart,
  search,
  compact = false,
  caption,
}: {
  chart: PageChart;
  search: string;
  /** The no-JavaScript fallback under a chart: a few rows, no page links, filling the chart's box. */
  compact?: boolean;
  caption?: string;
}) {
  const pageLink = (page: number) =>
    withParams(search, { [`page_${chart.id}`]: page === 1 ? null : String(page) });
  // Dates read as the chart's tooltips read them ("Jun 2019" for a month); the CSV keeps ISO.
  const frequencies = new Map(chart.spec.datasets.map((set) => [set.id, set.frequency]));
  return (
    <>
      {chart.pageCount > 1 && !compact ? (
        <p className="table-pages">
          Rows {(chart.page - 1) * TABLE_PAGE_SIZE + 1}–
          {(chart.page - 1) * TABLE_PAGE_SIZE + chart.tableRows.length} of {chart.rowCount}
          {chart.page > 1 ? (
            <>
              {" "}
              · <ViewLink to={pageLink(chart.page - 1)}>previous</ViewLink>
            </>
          ) : null}
          {chart.page < chart.pageCount ? (
            <>
              {" "}
              · <ViewLink to={pageLink(chart.page + 1)}>next</ViewLink>
            </>
          ) : null}{" "}
          · all rows in the CSV
        </p>
      ) : null}
      <div className={compact ? "table-wrap table-wrap--fill" : "table-wrap"}>
        <table className="data-table" id={`table-${chart.id}`}>
          <caption className="visually-hidden">
            {caption ?? `${chart.title}: ${chart.rowCount} rows`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Series</th>
              <th scope="col">Value</th>
              <th scope="col">Unit</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {chart.tableRows.map((row, index) => (
              <tr key={`${row.series}-${row.date}-${index}`}>
                <td>
                  <time dateTime={row.date}>
                    {formatPeriod(row.date, frequencies.get(row.series) ?? "daily")}
                  </time>
                </td>
                <td>{row.label}</td>
                <td className="num">{formatValue(row, chart)}</td>
                <td>{row.unit}</td>
                <td>
                  {row.article ? (
                    <a href={articleFigureUrl(row.article)} title={row.article.sentence}>
                      {row.article.title}
                    </a>
                  ) : (
                    row.source
                  )}
                  {row.note ? <span className="muted"> ({row.note})</span> : null}
                  {row.flag ? (
                    <span className="flag" title={row.flag}>
                      {" "}
                      ⚠ {row.flag}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
