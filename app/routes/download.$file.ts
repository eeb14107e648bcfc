import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { actionsCsv, actionsJson, parseActionFilters, selectActions } from "~/lib/action-list";
import { CHART_IDS, type ChartId } from "~/lib/charts/dashboard";
import { parseDashboardParams } from "~/lib/dashboard-params";
import { parseDateRange, rangeFileSuffix } from "~/lib/date-range";
import { bundleZip, chartCsvStream, chartJsonStream, chartMeta, rowCredit } from "~/lib/downloads";
import { attachmentHeader, knownDataVersion } from "~/lib/http";
import { REGISTER_AS_OF } from "~/lib/tariff-actions";
import { getRegisterActions } from "~/models/actions.server";
import { getChartCached, getDataSpan } from "~/models/dashboard.server";

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { range, options, errors } = parseDashboardParams(url.searchParams);
  if (!range.ok) return plain(400, range.errors.join("\n"));
  if (errors.length > 0) return plain(400, errors.join("\n"));
  const match = /^(\w+)\.(csv|json|zip)$/.exec(params.file ?? "");
  const name = match?.[1];
  const extension = match?.[2];
  const isChart = (CHART_IDS as readonly string[]).includes(name ?? "");
  const isActions = name === "actions" && extension !== "zip";
  if (!match || (extension === "zip" ? name !== "bundle" : !isChart && !isActions)) {
    return plain(
      404,
      `No download named ${params.file}. Try ${CHART_IDS.map((id) => `${id}.csv`).join(", ")}, actions.csv, actions.json or bundle.zip.`,
    );
  }
  const filters = parseActionFilters(url.searchParams);
  if (!filters.ok) return plain(400, filters.errors.join("\n"));
  const db = await getDb();
  // The server passes the data version it has just read for its response cache.
  const knownVersion = knownDataVersion(context);
  if (isActions) {
    // The same range as the /actions page: no dashboard default, an open range is the whole register.
    const actionRange = parseDateRange(url.searchParams);
    if (!actionRange.ok) return plain(400, actionRange.errors.join("\n"));
    const actions = selectActions(
      await getRegisterActions(db, knownVersion),
      actionRange.range,
      filters.filters,
    );
    const fileName = `tariff-actions_${actionRange.range.from ?? "start"}_${actionRange.range.to ?? "end"}`;
    if (extension === "json") {
      const selection = {
        range: actionRange.range,
        filters: filters.filters,
        asOf: REGISTER_AS_OF,
      };
      return new Response(actionsJson(actions, selection, new Date()), {
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Disposition": attachmentHeader(`${fileName}.json`),
        },
      });
    }
    return new Response(actionsCsv(actions), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(`${fileName}.csv`),
      },
    });
  }
  const span = await getDataSpan(db, knownVersion);
  const resolved = { from: range.range.from ?? span.first, to: range.range.to ?? span.last };
  const suffix = rangeFileSuffix(range.range, span);
  const now = new Date();
  if (extension === "zip") {
    const charts = [];
    for (const id of CHART_IDS) {
      const chart = await getChartCached(db, id, range.range, options, knownVersion);
      charts.push({ chart, meta: chartMeta(chart, range.range, resolved, rowCredit, now) });
    }
    const actions = selectActions(
      await getRegisterActions(db, knownVersion),
      range.range,
      filters.filters,
    );
    return new Response(bundleZip(charts, actions), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": attachmentHeader(`us-china-dispute_${suffix}.zip`),
      },
    });
  }
  const chart = await getChartCached(db, name as ChartId, range.range, options, knownVersion);
  if (extension === "json") {
    const meta = chartMeta(chart, range.range, resolved, rowCredit, now);
    return new Response(chartJsonStream(chart, meta), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": attachmentHeader(`${chart.id}_${suffix}.json`),
      },
    });
  }
  return new Response(chartCsvStream(chart.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(`${chart.id}_${suffix}.csv`),
    },
  });
}
