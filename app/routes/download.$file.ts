import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { CHART_IDS, type ChartId } from "~/lib/charts/dashboard";
import { parseDashboardParams } from "~/lib/dashboard-params";
import { rangeFileSuffix } from "~/lib/date-range";
import { bundleZip, chartCsvStream, chartJson, chartMeta, rowCredit } from "~/lib/downloads";
import { attachmentHeader } from "~/lib/http";
import { getChartCached, getDataSpan } from "~/models/dashboard.server";

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { range, options } = parseDashboardParams(url.searchParams);
  if (!range.ok) return plain(400, range.errors.join("\n"));
  const match = /^(\w+)\.(csv|json|zip)$/.exec(params.file ?? "");
  const name = match?.[1];
  const extension = match?.[2];
  const isChart = (CHART_IDS as readonly string[]).includes(name ?? "");
  if (!match || (extension === "zip" ? name !== "bundle" : !isChart)) {
    return plain(
      404,
      `No download named ${params.file}. Try ${CHART_IDS.map((id) => `${id}.csv`).join(", ")} or bundle.zip.`,
    );
  }
  const db = await getDb();
  const span = await getDataSpan(db);
  const resolved = { from: range.range.from ?? span.first, to: range.range.to ?? span.last };
  const suffix = rangeFileSuffix(range.range, span);
  const now = new Date();
  if (extension === "zip") {
    const charts = [];
    for (const id of CHART_IDS) {
      const chart = await getChartCached(db, id, range.range, options);
      charts.push({ chart, meta: chartMeta(chart, range.range, resolved, rowCredit, now) });
    }
    return new Response(bundleZip(charts) as unknown as BodyInit, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": attachmentHeader(`us-china-dispute_${suffix}.zip`),
      },
    });
  }
  const chart = await getChartCached(db, name as ChartId, range.range, options);
  if (extension === "json") {
    return new Response(chartJson(chart, chartMeta(chart, range.range, resolved, rowCredit, now)), {
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
