import { useMemo, type ReactNode } from "react";
import { unpackPageSpec, type PageChart } from "~/lib/charts/page";
import { articleFigureUrl, type ChartRow } from "~/lib/charts/rows";
import { formatPeriod } from "~/lib/charts/periods";
import { chartPanels, formatChartValue, type ChartEventSpec } from "~/lib/charts/spec";
import type { Transform } from "~/lib/charts/transform";
import { withParams } from "~/lib/dashboard-params";
import { formatDay } from "~/lib/date-range";
import { TABLE_PAGE_SIZE } from "~/lib/charts/page";
import TimeChart from "~/components/charts/TimeChart.client";
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
  /** The Actions page for the page's range and event filter, which lists them without JavaScript. */
  actionsHref: string;
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
  // hydration) shows a placeholder, so it never pays for unpacking.
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
          <ChartPlaceholder chart={chart} search={search} downloadSearch={props.downloadSearch} />
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
      ) : !hydrated ? (
        // The list is collapsed at first paint, so the server does not render it (decision 074).
        <p className="events" id={`${chart.id}-events`}>
          Tariff actions marked on this chart: {props.events.length}. With JavaScript they are
          listed here; the <a href={props.actionsHref}>Actions page</a> lists the register&apos;s
          actions in this range with their citations, including any never implemented, which the
          charts do not mark.
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
 * What a chart's box holds until the chart is drawn, and for readers without JavaScript: how many
 * rows it has and where they all are (the Table view, server-rendered in pages, and the CSV).
 * No rows of its own: a miss renders and sends only what the first paint needs (decision 074).
 */
function ChartPlaceholder({
  chart,
  search,
  downloadSearch,
}: {
  chart: PageChart;
  search: string;
  downloadSearch: string;
}) {
  return (
    <div className="chart-box chart-box--placeholder">
      <p>
        Drawing the chart… Without JavaScript, its {chart.rowCount.toLocaleString("en-US")}{" "}
        {chart.rowCount === 1 ? "row is" : "rows are"} in the{" "}
        <ViewLink to={withParams(search, { [`tab_${chart.id}`]: "table" })} replace>
          table view
        </ViewLink>{" "}
        and the{" "}
        <a href={`/download/${chart.id}.csv${downloadSearch}`} download>
          CSV
        </a>
        .
      </p>
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

/** The same rows as the CSV, a page at a time: the Table view, with or without JavaScript. */
export function RowsTable({ chart, search }: { chart: PageChart; search: string }) {
  const pageLink = (page: number) =>
    withParams(search, { [`page_${chart.id}`]: page === 1 ? null : String(page) });
  // Dates read as the chart's tooltips read them ("Jun 2019" for a month); the CSV keeps ISO.
  const frequencies = new Map(chart.spec.datasets.map((set) => [set.id, set.frequency]));
  return (
    <>
      {chart.pageCount > 1 ? (
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
      <div className="table-wrap">
        <table className="data-table" id={`table-${chart.id}`}>
          <caption className="visually-hidden">{`${chart.title}: ${chart.rowCount} rows`}</caption>
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
