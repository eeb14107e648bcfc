import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { RangeBar } from "~/components/RangeBar";
import { FilterErrorPage, FormErrors } from "~/components/RouteError";
import { getDb } from "~/db.server";
import {
  SORT_LABELS,
  calledOff,
  parseActionFilters,
  selectActions,
  type ActionFilters,
  type SortKey,
} from "~/lib/action-list";
import { withParams } from "~/lib/dashboard-params";
import { formatDay, parseDateRange, type DateRange } from "~/lib/date-range";
import { knownDataVersion } from "~/lib/http";
import { ACTORS, AUTHORITIES, REGISTER_AS_OF, STATUSES } from "~/lib/tariff-actions";
import { getRegisterActions } from "~/models/actions.server";

export const meta: MetaFunction = () => [
  { title: "Tariff actions · US–China trade dispute in data" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const range = parseDateRange(params);
  const filters = parseActionFilters(params);
  const errors = [...(range.ok ? [] : range.errors), ...(filters.ok ? [] : filters.errors)];
  if (!range.ok || !filters.ok) throw json(errors.join(" "), { status: 400 });
  const all = await getRegisterActions(await getDb(), knownDataVersion(context));
  return json({
    range: range.range,
    filters: filters.filters,
    total: all.length,
    actions: selectActions(all, range.range, filters.filters),
    asOf: REGISTER_AS_OF,
  });
}

const ANY = "all";

function FilterForm({
  range,
  filters,
  errors = [],
}: {
  range: { from: string; to: string };
  filters: Partial<Record<"actor" | "authority" | "status" | "sort" | "dir", string>>;
  errors?: string[];
}) {
  const select = (
    name: "actor" | "authority" | "status",
    label: string,
    values: readonly string[],
  ) => (
    <label>
      {label}
      <select name={name} defaultValue={filters[name] ?? ANY}>
        <option value={ANY}>All</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Form method="get" action="/actions" className="range-form" aria-label="Filter actions">
      {select("actor", "Side", ACTORS)}
      {select("authority", "Authority", AUTHORITIES)}
      {select("status", "Status", STATUSES)}
      <label>
        Effective from
        <input type="date" name="from" defaultValue={range.from} />
      </label>
      <label>
        to
        <input type="date" name="to" defaultValue={range.to} />
      </label>
      {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.dir ? <input type="hidden" name="dir" value={filters.dir} /> : null}
      <button type="submit">Apply</button>
      <FormErrors errors={errors} />
    </Form>
  );
}

/** A column heading that sorts by its key; a second click on the current key reverses it. */
function SortHeading({ sortKey, filters }: { sortKey: SortKey; filters: ActionFilters }) {
  const [params] = useSearchParams();
  const current = filters.sort === sortKey;
  const nextDirection = current && filters.direction === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      aria-sort={current ? (filters.direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link to={`/actions${withParams(params, { sort: sortKey, dir: nextDirection })}`}>
        {SORT_LABELS[sortKey]}
        {current ? (filters.direction === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

/**
 * The range as the rows' dates read: an action never implemented is dated when it was due, so the
 * list holds actions that were only scheduled as well as those that took effect.
 */
function describe(range: DateRange): string {
  if (range.from && range.to)
    return `effective or scheduled from ${formatDay(range.from)} to ${formatDay(range.to)}`;
  if (range.from) return `effective or scheduled from ${formatDay(range.from)}`;
  if (range.to) return `effective or scheduled up to ${formatDay(range.to)}`;
  return "in the register";
}

export default function Actions() {
  const { range, filters, total, actions, asOf } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const downloadQuery = withParams(params, {}).replace(/^\?$/, "");
  return (
    <main className="page">
      <header className="page-header">
        <h1>Tariff actions</h1>
        <p>
          Every US and Chinese tariff action in the project&apos;s register, each with its citation.
          Statuses describe {formatDay(asOf)}. Where sources disagree, the row says how.
        </p>
      </header>
      <RangeBar>
        <FilterForm
          range={{ from: range.from ?? "", to: range.to ?? "" }}
          filters={{
            actor: filters.actor ?? undefined,
            authority: filters.authority ?? undefined,
            status: filters.status ?? undefined,
            sort: params.get("sort") ? filters.sort : undefined,
            dir: params.get("dir") ? filters.direction : undefined,
          }}
        />
        <p className="range-words">
          {actions.length} of {total} actions {describe(range)}. Download:{" "}
          <a href={`/download/actions.csv${downloadQuery}`} download>
            CSV
          </a>
          ,{" "}
          <a href={`/download/actions.json${downloadQuery}`} download>
            JSON
          </a>
        </p>
      </RangeBar>
      {actions.length === 0 ? (
        <p>No action matches these filters.</p>
      ) : (
        <table className="data-table actions-table">
          <thead>
            <tr>
              <SortHeading sortKey="effective" filters={filters} />
              <SortHeading sortKey="actor" filters={filters} />
              <SortHeading sortKey="authority" filters={filters} />
              <th scope="col">Measure</th>
              <SortHeading sortKey="rate" filters={filters} />
              <SortHeading sortKey="trade" filters={filters} />
              <SortHeading sortKey="status" filters={filters} />
              <th scope="col">Citation and notes</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => (
              <tr key={action.id} id={`action-${action.id}`}>
                <td data-label="Effective">
                  {/* A never-implemented row's dates are when it was due and when it was called off. */}
                  {calledOff(action) ? "scheduled " : null}
                  <time dateTime={action.effectiveDate}>{formatDay(action.effectiveDate)}</time>
                  {action.endDate ? (
                    <span className="muted">
                      {calledOff(action) ? ", called off " : " until "}
                      <time dateTime={action.endDate}>{formatDay(action.endDate)}</time>
                    </span>
                  ) : null}
                  <br />
                  <span className="muted">announced {formatDay(action.announcedDate)}</span>
                </td>
                <td data-label="Side">{action.actor}</td>
                <td data-label="Authority">{action.authority}</td>
                <td data-label="Measure">
                  {action.instrument}
                  <br />
                  <span className="muted">
                    {action.action}
                    {action.replaces ? `, replaces ${action.replaces}` : ""} ·{" "}
                    <code>{action.id}</code>
                  </span>
                </td>
                <td data-label="Rate" className="num">
                  {action.rateBefore || action.rateAfter
                    ? `${action.rateBefore || "?"} → ${action.rateAfter || "?"}`
                    : "—"}
                </td>
                <td data-label="Trade covered" className="num">
                  {action.coversAllGoods
                    ? "all goods"
                    : action.tradeCoveredUsdBn !== null
                      ? `$${action.tradeCoveredUsdBn} bn`
                      : "not stated"}
                </td>
                <td data-label="Status">{action.status}</td>
                <td data-label="Citation" className="actions-table__notes">
                  <p>{action.citation}</p>
                  {action.note ? <p className="muted">{action.note}</p> : null}
                  {action.disagreement ? (
                    <p className="actions-table__disagreement">
                      <strong>Sources disagree:</strong> {action.disagreement}
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** Bad filters keep the form on screen, filled with what was asked for, so it can be fixed. */
export function ErrorBoundary() {
  return (
    <FilterErrorPage
      title="Tariff actions"
      form={(params, errors) => (
        <FilterForm
          range={{ from: params.get("from") ?? "", to: params.get("to") ?? "" }}
          filters={{}}
          errors={errors}
        />
      )}
    />
  );
}
