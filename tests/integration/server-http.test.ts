/**
 * The built server over HTTP, on a PGlite directory loaded with the shipped data: request
 * hygiene, security and caching headers, and the response cache's keys. (Runs once, in the
 * PGlite pass: nothing here depends on the database driver.)
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, startServer, type RunningServer } from "../e2e/support/server";

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the server over HTTP", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { LOG_REQUESTS: "off" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const get = (path: string, init?: RequestInit) => fetch(`${server.baseUrl}${path}`, init);

  /** Any method and request target, including the ones fetch refuses (TRACE, `*`). */
  async function raw(method: string, target: string) {
    const response = await rawRequest(server.baseUrl, { method, target });
    return { ...response, body: response.body.toString("utf8") };
  }

  it.each(["/", "/download/trade.csv?from=2018", "/articles/1"])(
    "%s carries a nonce-based CSP and the other security and caching headers",
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy") ?? "";
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      expect(scriptSrc).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}'$/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("cache-control")).toMatch(/no-cache/);
      expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/); // strong: no W/ prefix
      const body = await response.text();
      if (path === "/" || path.startsWith("/articles")) {
        // Every inline script carries this response's nonce.
        const nonce = /'nonce-([^']+)'/.exec(csp)![1];
        const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts)
          if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
      }
    },
  );

  it("shows the seed article's run-in subheadings as headings of their own", async () => {
    const body = await (await get("/articles/1")).text();
    const subheads = [...body.matchAll(/<h2 class="article-subhead">(.*?)<\/h2>/g)].map(
      (match) => match[1],
    );
    expect(subheads).toEqual([
      "Putin: Liberalism is &#x27;obsolete&#x27;",
      "What else is happening at the G20?",
    ]);
    expect(body).toContain("<p>Mr Putin smiled as the US president");
  });

  it("gives every response its own nonce, cached pages included", async () => {
    const first = await get("/?from=2019");
    const second = await get("/?from=2019");
    expect(second.headers.get("x-cache")).toBe("hit");
    const nonces = await Promise.all(
      [first, second].map(async (response) => {
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
        expect(await response.text()).toContain(`nonce="${nonce}"`);
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("answers 304 to a matching If-None-Match, without a body or a new CSP", async () => {
    const first = await get("/download/tariffs.json?from=2018");
    const tag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const again = await get("/download/tariffs.json?from=2018", {
      headers: { "If-None-Match": tag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toBeNull();
    expect(await again.text()).toBe("");
    const other = await get("/download/tariffs.json?from=2019", {
      headers: { "If-None-Match": tag },
    });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])(
    "%s gets 405 with Allow, names no internals and runs no route",
    async (method) => {
      for (const path of ["/", "/download/bundle.zip", "/articles/1", "/nowhere"]) {
        const response = await raw(method, path);
        expect(response.status).toBe(405);
        expect(response.headers.allow).toBe("GET, HEAD");
        expect(response.headers["content-type"]).toMatch(/^text\/plain/);
        expect(response.body).not.toMatch(/route|\.tsx?|\.js|at \w+ \(/i);
        expect(response.body.length).toBeLessThan(200);
      }
    },
  );

  it("answers a request for no path (OPTIONS *) with a plain 405 or 400, never 500", async () => {
    for (const method of ["OPTIONS", "GET"]) {
      const response = await raw(method, "*");
      expect([400, 405]).toContain(response.status);
      expect(response.body).not.toMatch(/route|\.tsx?|\.js|at \w+ \(/i);
    }
  });

  it("answers a ?_data= request it cannot route with a 400 or 404 that says why", async () => {
    const cases: [string, number, RegExp][] = [
      // a route id that is no route at all, or a route of another page
      ["/?_data=bogus", 400, /does not name a route of this page/],
      ["/?_data=routes%2Farticles.%24id", 400, /does not name a route of this page/],
      ["/actions?_data=routes%2Fdownload.%24file", 400, /does not name a route of this page/],
      // a route of this page that loads nothing itself
      ["/?_data=root", 400, /has no data of its own/],
      // no page at this address
      ["/nope?_data=root", 404, /no page at this address/],
    ];
    for (const [path, status, message] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      const body = await response.text();
      expect(body, path).toMatch(message);
      expect(body, path).not.toMatch(/Unexpected Server Error/);
      expect((await get(path, { method: "HEAD" })).status, `HEAD ${path}`).toBe(status);
    }
    // What Remix's own client asks for still answers; an empty or bare _data is the page itself.
    for (const path of ["/?_data=routes%2F_index", "/articles/1?_data=routes%2Farticles.%24id"])
      expect((await get(path)).status, path).toBe(200);
    for (const path of ["/?_data=", "/?_data"]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
    }
    // A loader's own refusal keeps its status and words.
    const missing = await get("/articles/99999?_data=routes%2Farticles.%24id");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/There is no article 99999/);
    // Other methods never reach a route, _data or not.
    const post = await raw("POST", "/?_data=routes%2F_index");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });

  it("answers HEAD like GET without a body", async () => {
    const response = await get("/download/trade.csv?from=2019", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await response.text()).toBe("");
  });

  it("refuses dates outside the accepted span with a 400 that says so", async () => {
    for (const path of [
      "/?from=0000",
      "/download/trade.csv?to=9999",
      "/articles?to=9999-12-31",
      "/download/bundle.zip?from=0000-01-01",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toMatch(/between 1900 and 2100/);
    }
  });

  it("serves 500 junk-parameter variants of a URL from one cache entry", async () => {
    const base = "/download/coverage.json?from=2018";
    const first = await get(`${base}&junk=first`);
    await first.arrayBuffer();
    for (let i = 0; i < 500; i++) {
      const response = await get(`${base}&junk=${i}&fx=x${i}`);
      expect(response.headers.get("x-cache")).toBe("hit");
      await response.arrayBuffer();
    }
  });

  it("keeps the register's filters on its downloads (the cache key must not drop them)", async () => {
    const all = await (await get("/download/actions.csv")).text();
    const china = await (await get("/download/actions.csv?actor=China&dir=desc")).text();
    const actorColumn = (csv: string) => {
      const [header, ...rows] = csv.trim().split("\n");
      const index = header.split(",").indexOf("actor");
      return rows.map((row) => row.split(",")[index]);
    };
    expect(new Set(actorColumn(all))).toEqual(new Set(["US", "China"]));
    expect(new Set(actorColumn(china))).toEqual(new Set(["China"]));
    const json = await (await get("/download/actions.json?actor=US&status=in%20force")).json();
    expect(json.selection).toMatchObject({ actor: "US", status: "in force" });
    expect(json.actions.length).toBeGreaterThan(0);
    const refused = await get("/download/actions.csv?actor=Mars");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/Unknown actor "Mars"/);
  });

  /** A GET with exactly these headers, the body as received (fetch would decode it). */
  const rawBytes = (target: string, headers: Record<string, string>) =>
    rawRequest(server.baseUrl, { target, headers });

  it.each([
    ["br", "br"],
    ["gzip", "gzip"],
    [undefined, undefined],
    ["gzip, deflate, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["identity", undefined],
  ])(
    "sends the page's entry script compressed at build time (Accept-Encoding %s -> %s)",
    async (accept, expected) => {
      const html = await (await get("/")).text();
      const asset = /"(\/build\/entry\.client-[\w-]+\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      const plain = fs.readFileSync(path.join("public", asset!));
      const response = await rawBytes(asset!, accept ? { "accept-encoding": accept } : {});
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe(expected);
      expect(response.headers["content-type"]).toMatch(
        /^(application|text)\/javascript; charset=utf-8$/i,
      );
      expect(response.headers["vary"]).toMatch(/accept-encoding/i);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(Number(response.headers["content-length"])).toBe(response.body.length);
      const decoded =
        expected === "br"
          ? zlib.brotliDecompressSync(response.body)
          : expected === "gzip"
            ? zlib.gunzipSync(response.body)
            : response.body;
      expect(decoded.equals(plain)).toBe(true);
      if (expected) expect(response.body.length).toBeLessThan(plain.length);
    },
  );

  it("splits health into liveness and readiness", async () => {
    expect((await get("/healthz/live")).status).toBe(200);
    const ready = await get("/healthz/ready");
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("ready\n");
  });
});
