import { type AppLoadContext, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { getDb, isDatabaseUnavailable } from "~/db.server";
import { getDataVersion } from "~/models/dashboard.server";
import { getReadModel } from "~/models/read-model.server";

const PAGE_ENCODER = new TextEncoder();

/** How long a client should wait before retrying when the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Pages here have no deferred data, so every document is rendered whole before it is sent:
 * crawlers and people get the same complete HTML, and the response can be cached as one body.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  let status = responseStatusCode;
  // A loader that failed because the database is down is a temporary condition, not a bug.
  const errors = Object.values(remixContext.staticHandlerContext.errors ?? {});
  if (status >= 500 && errors.some(isDatabaseUnavailable)) {
    status = 503;
    responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
  }
  // Rendered to one string, not React 18's byte stream: that stream sends its whole 2 KB buffer
  // when a character of two or more bytes does not fit at its end, so the buffer's unused tail
  // went out as NUL bytes wherever such a character (→, –, €) fell on a 2 KB boundary.
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // As bytes: a string body is first scanned for lone surrogates by the Response constructor,
  // a walk over the whole page that cost more than encoding it.
  return new Response(PAGE_ENCODER.encode(`<!DOCTYPE html>${html}`), {
    headers: responseHeaders,
    status,
  });
}

/**
 * What a `?_data=` request gets when Remix cannot route it, by the status Remix chose. Remix keeps
 * its reason out of production responses, so its body says only "Unexpected Server Error" (under a
 * 403 for a route of another page, which is no matter of permission).
 */
const DATA_REQUEST_REFUSALS: Record<number, { status: number; message: string }> = {
  403: { status: 400, message: "The _data parameter does not name a route of this page." },
  400: { status: 400, message: "The route the _data parameter names has no data of its own." },
  404: { status: 404, message: "There is no page at this address." },
};

/** Remix calls this with every `?_data=` response: its own refusals get a status and words that fit. */
export function handleDataRequest(response: Response): Response {
  const refusal = DATA_REQUEST_REFUSALS[response.status];
  if (!refusal || response.headers.get("X-Remix-Error") !== "yes") return response;
  // The Remix client reads `message` from an error marked X-Remix-Error.
  return Response.json(
    { message: refusal.message },
    { status: refusal.status, headers: { "X-Remix-Error": "yes" } },
  );
}

/** Loader errors of resource routes (downloads) land here; the server maps them to 503 itself. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A request Remix could not route (see DATA_REQUEST_REFUSALS) is the client's mistake, not ours.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isDatabaseUnavailable(error)) {
    console.error(`Database unavailable: ${(error as Error).message}`);
    return;
  }
  console.error(error);
}

/** Used by the server's response cache (scripts/serve.mjs): changes whenever the data does. */
export async function dataVersion(): Promise<string> {
  return getDataVersion(await getDb());
}

// The server (plain JS, scripts/serve.mjs) reaches these through the build.
export { canonicalRequestPath } from "~/lib/request-key";
export { LruCache } from "~/lib/lru";
export { isDatabaseUnavailable } from "~/db.server";

/** Opens the database and reads the data into memory, so the first page does not wait for it. */
export async function warmUp(): Promise<void> {
  await getReadModel(await getDb());
}
