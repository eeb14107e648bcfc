#!/usr/bin/env node
// The production server: request hygiene and security headers, static assets, a response cache
// for the read-only dashboard routes, then Remix. Plain JS so it runs the built app without a
// TypeScript step; the logic it shares with the app comes through the build's server entry.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { ENCODINGS } from "./precompress-assets.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
const { canonicalRequestPath, dataVersion, isDatabaseUnavailable, LruCache, RETRY_AFTER_SECONDS } =
  build.entry.module;
const port = Number(process.env.PORT ?? 3000);
// Open the database and read the data while the server sets up and the first client is on its
// way; a failure here is the first request's to report.
build.entry.module.warmUp().catch(() => {});

/** Every route is read-only: other methods never reach route code. */
const ALLOWED_METHODS = "GET, HEAD";

/** Requests that are not for a path (`OPTIONS *`, absolute-form targets) or use other methods. */
function requestHygiene() {
  return (req, res, next) => {
    if (!req.url.startsWith("/")) return plainPage(res, 400, "Bad request.");
    // Routing decodes the path; a malformed escape (`/articles/%80`) is the client's mistake.
    if (!decodes(req.path))
      return plainPage(res, 400, "The address has a malformed percent escape (%).");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", ALLOWED_METHODS);
      return plainPage(res, 405, `${req.method} is not allowed here; use GET.`);
    }
    next();
  };
}

function decodes(text) {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Headers every response carries. Scripts run only from this origin or with this response's
 * nonce (Remix's inline hydration scripts); styles may be inline, since charts size themselves
 * with style attributes.
 */
function securityHeaders() {
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    next();
  };
}

function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

/** A short page with no internals, for errors the server answers itself. */
function plainPage(res, status, text) {
  res.status(status);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(`${text}\n`);
}

function unavailable(res) {
  res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  plainPage(
    res,
    503,
    `The database is not reachable just now. Please try again in ${RETRY_AFTER_SECONDS} seconds.`,
  );
}

/**
 * Dashboard pages and downloads are pure functions of the canonical request, the build, the day
 * (the "last 5 years" preset) and the stored data, which only changes when someone imports or
 * ingests. The data version is re-read at most once per VERSION_TTL_MS, so a new import shows
 * within that time; it is also the database health check of these routes.
 */
const VERSION_TTL_MS = 1000;
/** Past this a version check counts as a failure, so an unreachable database gives a quick 503. */
const VERSION_DEADLINE_MS = 800;
const cacheEnabled = process.env.PAGE_CACHE !== "off";
const cacheBytes = Number(process.env.PAGE_CACHE_MB ?? 64) * 1024 * 1024;
/** A body above this is streamed to the client and not kept: large downloads must not fill the cache. */
const maxBodyBytes = Math.floor(cacheBytes / 8);
const cache = new LruCache({ maxSize: cacheBytes, sizeOf: (entry) => entry.size });
let version = { value: null, checkedAt: 0, pending: null };

function withDeadline(promise, ms) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("database check timed out")), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function currentVersion() {
  const now = Date.now();
  if (version.value !== null && now - version.checkedAt < VERSION_TTL_MS) return version.value;
  version.pending ??= dataVersion()
    .then((value) => {
      if (value !== version.value) cache.clear();
      version = { value, checkedAt: Date.now(), pending: null };
      return value;
    })
    .finally(() => {
      version.pending = null;
    });
  // The first open of the database (migrations, a first data load) may take longer than the deadline.
  return version.value === null
    ? version.pending
    : withDeadline(version.pending, VERSION_DEADLINE_MS);
}

/** A strong validator: equal tags mean byte-identical bodies (the nonce aside, see below). */
function entityTag(key, dataVersionValue) {
  const day = new Date().toISOString().slice(0, 10);
  const hash = crypto
    .createHash("sha256")
    .update(`${build.assets.version}|${dataVersionValue}|${day}|${key}`)
    .digest("base64url")
    .slice(0, 27);
  return `"${hash}"`;
}

function matchesTag(header, tag) {
  if (!header) return false;
  return header
    .split(",")
    .some((candidate) => candidate.trim() === tag || candidate.trim() === "*");
}

/**
 * HTML carries this response's CSP nonce: a cached page is kept split around it and joined with a
 * fresh nonce each time it is served. The parts stay bytes, so the cache's byte bound is what they
 * hold (as strings, a page with one non-Latin-1 character would take twice its length).
 */
function storedBody(body, headers, nonce) {
  const type = String(headers.find(([name]) => name === "content-type")?.[1] ?? "");
  if (!type.startsWith("text/html") || !nonce) return { body };
  const parts = [];
  let from = 0;
  for (let at = body.indexOf(nonce); at !== -1; at = body.indexOf(nonce, from)) {
    parts.push(body.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(body.subarray(from));
  return { parts };
}

function joinParts(parts, nonce) {
  const glue = Buffer.from(nonce);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [glue, part])));
}

function replay(req, res, hit, nonce, stale) {
  res.status(hit.status);
  for (const [name, value] of hit.headers) res.setHeader(name, value);
  res.setHeader("X-Cache", stale ? "stale" : "hit");
  res.setHeader("Vary", "Accept-Encoding");
  if (stale) {
    // The database could not confirm the data is current: say so, and let no one store it.
    res.setHeader("Warning", '110 - "Response is Stale"');
    res.setHeader("Cache-Control", "no-store");
    res.removeHeader("ETag");
  }
  if (hit.parts) return res.end(joinParts(hit.parts, nonce));
  // Compress a cached body once, not on every hit; the compression middleware skips
  // responses that already carry a Content-Encoding.
  if (hit.body.length > 1024 && req.acceptsEncodings("gzip") === "gzip") {
    if (!hit.gzipBody) {
      hit.gzipBody = zlib.gzipSync(hit.body, { level: 6 });
      // The compressed copy counts against the byte bound too.
      hit.size += hit.gzipBody.length;
      cache.set(hit.key, hit);
    }
    res.setHeader("Content-Encoding", "gzip");
    return res.end(hit.gzipBody);
  }
  return res.end(hit.body);
}

function cachedRoutes() {
  return async (req, res, next) => {
    const key = canonicalRequestPath(req.path, req.url.slice(req.path.length));
    if (key === null) return next();
    // The app sees the canonical request, so what it renders is a function of the cache key.
    req.url = req.originalUrl = key;
    const nonce = res.locals.cspNonce;
    let dataVersionValue;
    try {
      dataVersionValue = await currentVersion();
    } catch (error) {
      if (!isDatabaseUnavailable(error) && !/timed out/.test(String(error?.message)))
        console.error(error);
      const stale = cache.get(key);
      return stale ? replay(req, res, stale, nonce, true) : unavailable(res);
    }
    // The app builds from the model of this version when it holds it, without asking again.
    res.locals.dataVersion = dataVersionValue;
    const tag = entityTag(key, dataVersionValue);
    const isHtml = !key.startsWith("/download/") && !key.includes("_data=");
    // Pages carry a per-response nonce, so they stay out of shared caches.
    res.setHeader("Cache-Control", isHtml ? "private, no-cache" : "public, no-cache");
    res.setHeader("ETag", tag);
    if (matchesTag(req.headers["if-none-match"], tag)) {
      // The browser keeps the stored body with its nonce: a new CSP header would not match it.
      res.removeHeader("Content-Security-Policy");
      res.status(304);
      return res.end();
    }
    if (!cacheEnabled) return next();
    const hit = cache.get(key);
    if (hit && hit.version === dataVersionValue) return replay(req, res, hit, nonce, false);
    if (req.method !== "GET") return next();
    captureInto(res, (status, headers, body) => {
      if (status !== 200) return;
      cache.set(key, {
        key,
        version: dataVersionValue,
        status,
        headers,
        size: body.length,
        ...storedBody(body, headers, nonce),
      });
    });
    res.setHeader("X-Cache", "miss");
    next();
  };
}

/** Collect what Remix writes (up to maxBodyBytes) and hand it to `store` when the response ends. */
function captureInto(res, store) {
  const chunks = [];
  let size = 0;
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const keep = (chunk) => {
    if (!chunk || typeof chunk === "function") return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size <= maxBodyBytes) chunks.push(buffer);
    else chunks.length = 0;
  };
  res.write = (chunk, ...rest) => {
    keep(chunk);
    return write(chunk, ...rest);
  };
  res.end = (chunk, ...rest) => {
    keep(chunk);
    if (size <= maxBodyBytes) {
      const skip = [
        "content-length",
        "content-encoding",
        "x-cache",
        "set-cookie",
        "content-security-policy",
      ];
      const headers = Object.entries(res.getHeaders()).filter(([name]) => !skip.includes(name));
      store(res.statusCode, headers, Buffer.concat(chunks));
    }
    return end(chunk, ...rest);
  };
}

/**
 * At most this many requests are worked on by the app at once (loaders, chart building, rendering);
 * more would not finish sooner on a few cores, only hold more memory each. The rest wait in turn;
 * past MAX_WAITING waiting, a request gets a quick 503 with Retry-After. A request gives its turn
 * back once its headers are out: streaming a body to a slow client holds no render memory.
 */
const MAX_RENDERS = Math.max(1, Number(process.env.MAX_RENDERS ?? 4));
const MAX_WAITING = 1000;
let rendering = 0;
const waiting = [];

function renderTurns() {
  return (req, res, next) => {
    if (req.path.startsWith("/healthz")) return next();
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      rendering -= 1;
      while (waiting.length > 0 && rendering < MAX_RENDERS) {
        const turn = waiting.shift();
        if (turn.res.destroyed) continue; // the client left while waiting
        rendering += 1;
        turn.start();
      }
    };
    const start = () => {
      const writeHead = res.writeHead;
      res.writeHead = function (...args) {
        release();
        return writeHead.apply(this, args);
      };
      res.once("close", release);
      next();
    };
    if (rendering < MAX_RENDERS) {
      rendering += 1;
      return start();
    }
    if (waiting.length >= MAX_WAITING) {
      res.setHeader("Retry-After", "1");
      return plainPage(res, 503, "The server is busy just now. Please try again in a second.");
    }
    waiting.push({ res, start });
  };
}

/**
 * The build's assets with their copies compressed at build time (scripts/precompress-assets.mjs):
 * each request gets the copy its Accept-Encoding takes (brotli, then gzip), through the same
 * static handler (length, validators, ranges), labelled with the original's type. No CPU per
 * request; an asset without copies (a build made before them) is sent plain. The build does not
 * change under a running server, so its copies are listed once.
 */
function precompressedAssets(dir, options) {
  const copies = precompressedCopies(dir);
  const serve = express.static(dir, {
    ...options,
    setHeaders(res, file) {
      const encoding = res.locals.assetEncoding;
      if (!encoding) return;
      const type = express.static.mime.lookup(file.slice(0, -encoding.suffix.length));
      const charset = express.static.mime.charsets.lookup(type);
      res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
      res.setHeader("Content-Encoding", encoding.name);
    },
  });
  return (req, res, next) => {
    const available = copies.get(decodeURIComponent(req.path));
    if (available) {
      res.setHeader("Vary", "Accept-Encoding");
      const encoding = preferredEncoding(req.headers["accept-encoding"], available);
      if (encoding) {
        res.locals.assetEncoding = encoding;
        req.url = `${req.path}${encoding.suffix}${req.url.slice(req.path.length)}`;
      }
    }
    serve(req, res, next);
  };
}

/** Asset path (as requested under the mount, decoded) -> the encodings it has a current copy in. */
function precompressedCopies(dir) {
  const copies = new Map();
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : [];
  for (const relative of entries) {
    const file = path.join(dir, relative);
    const plain = fs.statSync(file, { throwIfNoEntry: false });
    if (!plain?.isFile()) continue;
    for (const encoding of ENCODINGS) {
      const copy = fs.statSync(file + encoding.suffix, { throwIfNoEntry: false });
      // A copy older than its file is left over from another build: never send it.
      if (!copy || copy.mtimeMs < plain.mtimeMs) continue;
      const key = `/${relative.split(path.sep).join("/")}`;
      copies.set(key, [...(copies.get(key) ?? []), encoding]);
    }
  }
  return copies;
}

/**
 * The files of `dir` outside the build's folder (served above), listed once at start like the
 * build's copies: only their addresses reach the static handler. Asked for every page and
 * download, it cost a stat and a not-found error object (with its stack) each, for a folder that
 * holds nothing else today. A file added while the server runs is served after a restart.
 */
function publicFiles(dir, buildDir, options) {
  const files = new Set();
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : [];
  for (const relative of entries) {
    const file = path.join(dir, relative);
    if (file === buildDir || file.startsWith(`${buildDir}${path.sep}`)) continue;
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile())
      files.add(`/${relative.split(path.sep).join("/")}`);
  }
  // No index files: a page address such as `/` is never a file here.
  const serve = express.static(dir, { ...options, index: false });
  return (req, res, next) =>
    files.has(decodeURIComponent(req.path)) ? serve(req, res, next) : next();
}

/** The first of `available` (in the server's order) that Accept-Encoding allows, or none. */
function preferredEncoding(header, available) {
  const weights = new Map();
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  return available.find((encoding) => (weights.get(encoding.name) ?? weights.get("*") ?? 0) > 0);
}

/**
 * Remix through Express, as `@remix-run/express` does it, but writing the body as fast as the
 * client takes it. That adapter reads the next chunk without waiting for the last one to leave
 * and flushes the compressor after each: a slow client of a 7 MB CSV had the whole file queued in
 * memory, and each flush cut the gzip stream short. Here the next chunk is read only once the
 * last has drained; an event stream is still flushed chunk by chunk.
 */
function remixHandler({ build, mode, getLoadContext }) {
  const handle = createRemixHandler(build, mode);
  return async (req, res, next) => {
    try {
      const response = await handle(fetchRequest(req, res), getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The Fetch request Remix reads. Only GET and HEAD get this far (requestHygiene), so there is no
 * body; the loaders' signal aborts when the client leaves before the response is finished.
 */
function fetchRequest(req, res) {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host")}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else if (value !== undefined) headers.set(name, value);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(url.href, { method: req.method, headers, signal: controller.signal });
}

async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (!response.body) return res.end();
  const eventStream = /text\/event-stream/i.test(response.headers.get("Content-Type") ?? "");
  if (eventStream) res.flushHeaders();
  // One listener each for the whole response: the compression middleware forwards `drain`
  // listeners to its compressor and cannot remove them again.
  let wake = null;
  const resume = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  res.on("drain", resume);
  res.on("close", resume);
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      const more = res.write(value);
      if (eventStream) res.flush?.();
      if (!more && !res.destroyed) await new Promise((resolve) => (wake = resolve));
    }
    res.end();
  } catch (error) {
    res.destroy(error);
    throw error;
  }
}

const app = express();
app.disable("x-powered-by");
app.disable("etag"); // strong tags come from the data version, not from hashing each body
app.use(requestHygiene());
app.use(securityHeaders());
app.use(
  build.publicPath,
  precompressedAssets(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
);
if (process.env.LOG_REQUESTS !== "off") app.use(morgan("tiny"));
// Compression wraps the response first, so the cache below stores and replays plain bodies
// and each client still gets the encoding it asked for. What passes through here is a miss (a
// cached body is compressed once, at gzip's default level, when first replayed), compressed on
// the one thread while the client waits: the fastest levels. For a 140 KB dashboard page gzip
// level 1 takes about 1 ms against 2.2 ms at level 6, for a body about a fifth larger; brotli at
// quality 1 about 0.35 ms against 1.1 ms at 4, still smaller than gzip at 6.
app.use(
  compression({
    level: 1,
    // zlib hands back compressed output this much at a time: a large download needs a quarter
    // of the thread-pool round trips of the default 16 KB (a page fits in one either way).
    chunkSize: 64 * 1024,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
  }),
);
// Anything else in public/ (small, and not part of the build) is compressed on the way like a miss.
app.use(
  publicFiles(path.join(root, "public"), path.resolve(root, build.assetsBuildDirectory), {
    maxAge: "1h",
  }),
);
app.use(cachedRoutes());
app.use(renderTurns());
app.all(
  "*",
  remixHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      dataVersion: res.locals.dataVersion,
    }),
  }),
);
// Whatever escapes the app: a plain page, never a stack trace.
app.use((error, req, res, next) => {
  if (res.headersSent) return next(error);
  if (isDatabaseUnavailable(error)) return unavailable(res);
  // Errors that Express or a middleware marked as the client's (400, 413, 416, ...): say no more.
  const status = Number(error?.status ?? error?.statusCode);
  if (status >= 400 && status < 500) return plainPage(res, status, "Bad request.");
  console.error(error);
  plainPage(res, 500, "Something went wrong on our side.");
});

const database = process.env.DATABASE_URL
  ? "PostgreSQL"
  : `PGlite at ${process.env.PGLITE_DIR ?? ".data/pglite"}`;
const server = app.listen(port, () =>
  console.log(`Listening on http://localhost:${port} (${database})`),
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive sockets can hold close() open; don't wait on them.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
