import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  useLoaderData,
  useNavigate,
  useRouteError,
  useSearchParams,
} from "@remix-run/react";
import { useCallback } from "react";
import TimeChart from "~/components/charts/TimeChart.client";
import { RangeForm } from "~/components/RangeForm";
import { useHydrated } from "~/components/useHydrated";
import { getDb } from "~/db.server";
import { formatChartValue } from "~/lib/charts/spec";
import { tradeChartSpec } from "~/lib/charts/trade";
import { describeRange, parseDateRange, rangeToSearch } from "~/lib/date-range";
import { getTradeRows, getTradeSpan } from "~/models/dashboard.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · US–China trade dispute in data" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseDateRange(url.searchParams);
  if (!parsed.ok) {
    throw json(
      { errors: parsed.errors, from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" },
      { status: 400 },
    );
  }
  const range = parsed.range;
  const db = await getDb();
  const [rows, span] = await Promise.all([getTradeRows(db, range), getTradeSpan(db)]);
  const dataSpan = span ?? { first: "1985-01-01", last: "1985-01-01" };
  return json({
    range,
    rangeWords: describeRange(range, dataSpan),
    search: rangeToSearch(range),
    trade: { rows, spec: tradeChartSpec(rows, range.from, range.to) },
  });
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const selectRange = useCallback(
    (from: string, to: string) => {
      const next = new URLSearchParams(searchParams);
      next.set("from", from);
      next.set("to", to);
      navigate(`/?${next.toString()}`);
    },
    [navigate, searchParams],
  );
  const { rows, spec } = data.trade;
  return (
    <main className="page">
      <section className="range-bar" aria-label="Date range">
        <RangeForm from={data.range.from ?? ""} to={data.range.to ?? ""} />
        <p className="range-words">{data.rangeWords}</p>
      </section>
      <div className="chart-grid">
        <section className="chart-card" aria-labelledby="trade-title" id="card-trade">
          <div className="chart-card__head">
            <div>
              <h2 id="trade-title">US goods trade with China</h2>
              <p className="chart-card__unit">USD bn per month, not seasonally adjusted</p>
            </div>
            <div className="chart-card__tools">
              <a href={`/download/trade.csv${data.search}`} download id="download-trade-csv">
                Download CSV
              </a>
            </div>
          </div>
          <div className="chart-box">
            {hydrated ? (
              <TimeChart spec={spec} label="Monthly US imports from China, exports to China and the balance" onRangeSelected={selectRange} />
            ) : (
              <p className="chart-fallback">Loading chart…</p>
            )}
          </div>
          <details>
            <summary>Table ({rows.length} months)</summary>
            <div className="table-wrap">
              <table className="data-table" id="table-trade">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col">Imports from China</th>
                    <th scope="col">Exports to China</th>
                    <th scope="col">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.date}>
                      <td>{row.date.slice(0, 7)}</td>
                      <td className="num">{row.importsUsdBn === null ? "–" : formatChartValue(row.importsUsdBn, "usd_bn")}</td>
                      <td className="num">{row.exportsUsdBn === null ? "–" : formatChartValue(row.exportsUsdBn, "usd_bn")}</td>
                      <td className="num">{row.balanceUsdBn === null ? "–" : formatChartValue(row.balanceUsdBn, "usd_bn")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p className="credit">Source: U.S. Census Bureau, Foreign Trade Division (via FRED for recent imports).</p>
        </section>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 400) {
    const data = error.data as { errors: string[]; from: string; to: string };
    return (
      <main className="page">
        <section className="range-bar" aria-label="Date range">
          <h1>That date range does not work</h1>
          <RangeForm from={data.from} to={data.to} errors={data.errors} />
        </section>
      </main>
    );
  }
  throw error;
}
