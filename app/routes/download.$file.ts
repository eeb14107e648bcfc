import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { TRADE_CSV_HEADER, tradeRowToCsv } from "~/lib/charts/trade";
import { toCsv } from "~/lib/csv";
import { parseDateRange, rangeFileSuffix } from "~/lib/date-range";
import { attachmentHeader } from "~/lib/http";
import { getTradeRows, getTradeSpan } from "~/models/dashboard.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseDateRange(url.searchParams);
  if (!parsed.ok) {
    return new Response(`${parsed.errors.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (params.file !== "trade.csv") {
    return new Response(`No download named ${params.file}.\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const db = await getDb();
  const rows = await getTradeRows(db, parsed.range);
  const span = (await getTradeSpan(db)) ?? { first: "", last: "" };
  const csv = toCsv(TRADE_CSV_HEADER, rows.map(tradeRowToCsv));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(`trade_${rangeFileSuffix(parsed.range, span)}.csv`),
    },
  });
}
