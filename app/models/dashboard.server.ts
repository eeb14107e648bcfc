import type { Db } from "../../db/index";
import { buildTradeRows, TRADE_SLUGS, type TradeRow } from "~/lib/charts/trade";
import type { DateRange } from "~/lib/date-range";
import { getObservationsInRange, getSpan } from "~/models/series.server";

const TRADE_SLUG_LIST = Object.values(TRADE_SLUGS);

export async function getTradeRows(db: Db, range: DateRange): Promise<TradeRow[]> {
  return buildTradeRows(await getObservationsInRange(db, TRADE_SLUG_LIST, range));
}

/** The span of the trade series, used to spell out open ranges. */
export async function getTradeSpan(db: Db) {
  return getSpan(db, TRADE_SLUG_LIST);
}
