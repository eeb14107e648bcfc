import { defer, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useLocation,
  useNavigate,
  useRouteError,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { ChartCard } from "~/components/ChartCard";
import { EventFilter } from "~/components/EventFilter";
import { LinkTabs } from "~/components/LinkTabs";
import { RangeBar } from "~/components/RangeBar";
import { RangeForm } from "~/components/RangeForm";
import { useHydrated } from "~/components/useHydrated";
import { ViewLink, ViewNavigation } from "~/components/ViewLink";
import { getDb } from "~/db.server";
import type { ChartId } from "~/lib/charts/dashboard";
import { markedEvents, toPageChart } from "~/lib/charts/page";
import { describeRange, formatDay, rangeFileSuffix } from "~/lib/date-range";
import {
  downloadSearch,
  parseDashboardParams,
  parseHidden,
  presets,
  tabOf,
  VIEW_ONLY_PARAMS,
  withParams,
} from "~/lib/dashboard-params";
import { FX_CURRENCIES } from "~/lib/fx";
import { knownDataVersion } from "~/lib/http";
import { getDashboardCached } from "~/models/dashboard.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · US–China trade dispute in data" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { range, options, errors } = parseDashboardParams(url.searchParams);
  if (!range.ok || errors.length > 0) {
    // The error page offers the presets, so one click leads back to a working view.
    const whole = await getDashboardCached(await getDb(), { from: null, to: null }, options);
    throw json(
      {
        errors: [...(range.ok ? [] : range.errors), ...errors],
        rangeOk: range.ok,
        search: url.search,
        from: url.searchParams.get("from") ?? "",
        to: url.searchParams.get("to") ?? "",
        presets: presets(new Date().toISOString().slice(0, 10), whole.span),
      },
      { status: 400 },
    );
  }
  // The server passes the data version it has just read for its response cache.
  const dashboard = await getDashboardCached(
    await getDb(),
    range.range,
    options,
    knownDataVersion(context),
  );
  const today = new Date().toISOString().slice(0, 10);
  const pageOf = (id: string) => Number(url.searchParams.get(`page_${id}`) ?? 1);
  // A chart shown as a chart needs no table rows: its box says where they are until it is drawn.
  const pageChart = (id: ChartId) =>
    toPageChart(dashboard.charts[id], pageOf(id), tabOf(url.searchParams, id) === "table");
  const charts = {
    tariffs: pageChart("tariffs"),
    coverage: pageChart("coverage"),
    trade: pageChart("trade"),
    currency: pageChart("currency"),
  };
  // Deferred data with nothing deferred: Remix hands the object to the page render as it is and
  // serialises it once, into the page. From json() it would serialise it, parse it back and
  // serialise it again (about a third of a miss's CPU for some 100 KB of data).
  return defer({
    ...dashboard,
    charts,
    events: markedEvents(Object.values(dashboard.charts)),
    options,
    rangeWords: describeRange(range.range, dashboard.span),
    fileSuffix: rangeFileSuffix(range.range, dashboard.span),
    presets: presets(today, dashboard.span),
  });
}

/** Hidden series and table tabs are drawn in the browser: changing them needs no new data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const strip = (url: URL) => {
    const params = new URLSearchParams(url.search);
    for (const key of VIEW_ONLY_PARAMS) params.delete(key);
    params.sort();
    return params.toString();
  };
  if (strip(currentUrl) !== strip(nextUrl)) return defaultShouldRevalidate;
  // A table the page had as a chart was not sent: its rows come with the new data.
  for (const [key, value] of nextUrl.searchParams)
    if (key.startsWith("tab_") && value === "table" && currentUrl.searchParams.get(key) !== "table")
      return true;
  return false;
};

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const location = useLocation();
  const search = location.search;
  const viewNavigation = useMemo(
    () => ({ pathname: location.pathname, navigate }),
    [location.pathname, navigate],
  );
  const hidden = parseHidden(new URLSearchParams(search));
  const selectRange = useCallback(
    (from: string, to: string) =>
      navigate(withParams(search, { from, to }), { preventScrollReset: true }),
    [navigate, search],
  );
  const resetRange = useCallback(
    () => navigate(withParams(search, { from: null, to: null }), { preventScrollReset: true }),
    [navigate, search],
  );
  const toggleSeries = useCallback(
    (key: string) => {
      // The address as it is now, not as this render saw it: a second toggle made before the
      // first one's re-render would otherwise undo the first.
      const current = window.location.search;
      const next = parseHidden(new URLSearchParams(current));
      if (next.has(key)) next.delete(key);
      else next.add(key);
      navigate(withParams(current, { hide: [...next].sort().join(",") || null }), {
        preventScrollReset: true,
      });
    },
    [navigate],
  );
  const params = new URLSearchParams(search);
  const currentPreset = data.presets.find((preset) =>
    preset.from === null && preset.to === null
      ? !params.has("from") && !params.has("to")
      : preset.from === data.range.from && preset.to === data.range.to,
  );
  const dl = downloadSearch(search);
  const { actor, authority } = data.options.events;
  const actionsHref = `/actions?${new URLSearchParams({
    from: data.resolved.from,
    to: data.resolved.to,
    ...(actor ? { actor } : {}),
    ...(authority ? { authority } : {}),
  })}`;
  const cardProps = {
    actionsHref,
    events: data.events,
    search,
    downloadSearch: dl,
    fileSuffix: data.fileSuffix,
    rangeWords: data.rangeWords,
    hydrated,
    hidden,
    onRangeSelected: selectRange,
    onToggleSeries: toggleSeries,
    onReset: resetRange,
  };
  const tab = (id: ChartId) => tabOf(params, id);
  const shownCurrencies = new Set(data.options.currencies);
  // The register's statutory lines on the tariff chart, hidden or shown together.
  const statutoryKeys = data.charts.tariffs.spec.datasets
    .filter((set) => set.id.startsWith("statutory_"))
    .map((set) => `tariffs.${set.id}`);
  const statutoryHidden = statutoryKeys.length > 0 && statutoryKeys.every((key) => hidden.has(key));
  const hideValue = (keys: Set<string>) => [...keys].sort().join(",") || null;
  const statutoryToggle =
    statutoryKeys.length > 0 ? (
      <LinkTabs
        label="Statutory rates"
        tabs={[
          {
            text: "Statutory rates",
            to: withParams(search, {
              hide: hideValue(new Set([...hidden].filter((key) => !statutoryKeys.includes(key)))),
            }),
            current: !statutoryHidden,
            id: "statutory-show",
          },
          {
            text: "Averages only",
            to: withParams(search, { hide: hideValue(new Set([...hidden, ...statutoryKeys])) }),
            current: statutoryHidden,
            id: "statutory-hide",
          },
        ]}
      />
    ) : null;
  const eventFilter = (chartId: string) => (
    <EventFilter
      key={`${data.options.events.actor}_${data.options.events.authority}`}
      chartId={chartId}
      selection={data.options.events}
      search={search}
    />
  );
  return (
    <ViewNavigation.Provider value={viewNavigation}>
      <main className="page">
        <RangeBar>
          <RangeForm
            key={`${data.resolved.from}_${data.resolved.to}`}
            from={data.resolved.from}
            to={data.resolved.to}
            preserve={[...params.entries()].filter(
              ([key]) => key !== "from" && key !== "to" && !key.startsWith("page_"),
            )}
          />
          <div className="presets" role="group" aria-label="Preset ranges">
            {data.presets.map((preset) => (
              <ViewLink
                key={preset.id}
                className="chip"
                to={withParams(search, { from: preset.from, to: preset.to })}
                aria-current={preset === currentPreset}
                data-preset={preset.id}
              >
                {preset.label}
              </ViewLink>
            ))}
            <a
              className="button button--ghost download-all"
              href={`/download/bundle.zip${dl}`}
              download
              id="download-bundle"
            >
              Download all (zip)
            </a>
          </div>
          <p className="range-words" aria-live="polite">
            {data.rangeWords}
          </p>
        </RangeBar>
        <section className="summary" aria-label="Summary of the selected range">
          <h1 className="visually-hidden">US–China trade dispute, {data.rangeWords}</h1>
          {data.summary.sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
          {data.summary.actions ? (
            <>
              <p className="summary-actions-heading">{data.summary.actions.heading}</p>
              <ul className="summary-actions">
                {data.summary.actions.items.map((action) => (
                  <li key={`${action.date} ${action.label}`}>
                    <time dateTime={action.date}>{formatDay(action.date)}</time> {action.label}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link
              to={`/actions?${new URLSearchParams({ from: data.resolved.from, to: data.resolved.to })}`}
              id="summary-actions-link"
            >
              Every tariff action effective or scheduled from {formatDay(data.resolved.from)} to{" "}
              {formatDay(data.resolved.to)}, with its citation
            </Link>
          </p>
        </section>
        <div className="chart-grid">
          <ChartCard
            chart={data.charts.tariffs}
            tab={tab("tariffs")}
            {...cardProps}
            eventsListedUnder={data.charts.trade}
            extraTools={
              <>
                {statutoryToggle}
                {eventFilter("tariffs")}
              </>
            }
          />
          <ChartCard
            chart={data.charts.coverage}
            tab={tab("coverage")}
            {...cardProps}
            extraTools={
              <LinkTabs
                label="Coverage as"
                tabs={[
                  {
                    text: "USD bn",
                    to: withParams(search, { view_coverage: null }),
                    current: data.options.coverageView === "usd_bn",
                  },
                  {
                    text: "% of imports",
                    to: withParams(search, { view_coverage: "share" }),
                    current: data.options.coverageView === "share",
                  },
                ]}
              />
            }
          />
          <ChartCard
            chart={data.charts.trade}
            tab={tab("trade")}
            {...cardProps}
            extraTools={
              <>
                {data.charts.trade.transform === "level" ? (
                  <LinkTabs
                    label="Scale"
                    tabs={[
                      {
                        text: "Linear",
                        to: withParams(search, { scale_trade: null }),
                        current: data.options.tradeScale === "linear",
                      },
                      {
                        text: "Log",
                        to: withParams(search, { scale_trade: "log" }),
                        current: data.options.tradeScale === "logarithmic",
                      },
                    ]}
                  />
                ) : null}
                {eventFilter("trade")}
              </>
            }
          />
          <ChartCard
            chart={data.charts.currency}
            tab={tab("currency")}
            {...cardProps}
            extraTools={
              <>
                <LinkTabs
                  label="Currencies"
                  tabs={FX_CURRENCIES.map((currency) => {
                    const next = new Set(shownCurrencies);
                    if (next.has(currency)) next.delete(currency);
                    else next.add(currency);
                    const value = FX_CURRENCIES.filter((c) => next.has(c))
                      .join(",")
                      .toLowerCase();
                    return {
                      text: currency,
                      to: withParams(search, {
                        fx: value === "cny" || value === "" ? null : value,
                      }),
                      current: shownCurrencies.has(currency),
                    };
                  })}
                />
                {shownCurrencies.size > 1 && data.charts.currency.transform !== "yoy" ? (
                  <LinkTabs
                    label="Several currencies as"
                    tabs={[
                      {
                        text: "One index",
                        to: withParams(search, { fx_view: null, t_currency: null }),
                        current: data.charts.currency.spec.layout !== "multiples",
                      },
                      {
                        text: "Small multiples",
                        to: withParams(search, { fx_view: "multiples", t_currency: null }),
                        current: data.charts.currency.spec.layout === "multiples",
                      },
                    ]}
                  />
                ) : null}
              </>
            }
          />
        </div>
      </main>
    </ViewNavigation.Provider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 400) {
    const data = error.data as {
      errors: string[];
      rangeOk: boolean;
      search: string;
      from: string;
      to: string;
      presets: ReturnType<typeof presets>;
    };
    const reversed = data.from !== "" && data.to !== "" && data.from > data.to;
    return (
      <main className="page">
        <RangeBar>
          <h1>{data.rangeOk ? "That filter does not work" : "That date range does not work"}</h1>
          <RangeForm from={data.from} to={data.to} errors={data.errors} />
          {data.rangeOk ? (
            <p>
              <a
                href={`/${withParams(data.search, { actor: null, authority: null })}`}
                id="clear-event-filter"
              >
                Show every side&apos;s and authority&apos;s tariff actions
              </a>
            </p>
          ) : null}
          {reversed ? (
            <p>
              <a
                href={`/?${new URLSearchParams({ from: data.to, to: data.from })}`}
                id="swap-range"
              >
                Swap them: from {data.to} to {data.from}
              </a>
            </p>
          ) : null}
          <div className="presets" role="group" aria-label="Preset ranges">
            {data.presets.map((preset) => (
              <a
                key={preset.id}
                className="chip"
                href={`/${withParams("", { from: preset.from, to: preset.to })}`}
                data-preset={preset.id}
              >
                {preset.label}
              </a>
            ))}
          </div>
        </RangeBar>
      </main>
    );
  }
  throw error;
}
