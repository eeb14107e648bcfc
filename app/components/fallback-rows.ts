import { createContext, useContext } from "react";
import type { ChartRow } from "~/lib/charts/rows";

/**
 * Table rows that only the server's HTML carries: the no-JavaScript fallback under each chart
 * shown as a chart. They reach the server render through the load context (set by the dashboard
 * loader), never the loader data, so the browser is not sent every row twice; once hydrated it
 * draws the chart instead. Null in the browser.
 */
export type FallbackRows = Partial<Record<string, ChartRow[]>>;

export const FallbackRowsContext = createContext<FallbackRows | null>(null);

/** The load-context key the dashboard loader fills and the server entry reads. */
export const FALLBACK_ROWS_KEY = "fallbackRows";

export function useFallbackRows(): FallbackRows | null {
  return useContext(FallbackRowsContext);
}
