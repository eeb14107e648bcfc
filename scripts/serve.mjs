#!/usr/bin/env node
// The production server: static assets, a response cache for the read-only dashboard routes,
// then Remix. Plain JS so it runs the built app without a TypeScript step.
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import morgan from "morgan";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
const port = Number(process.env.PORT ?? 3000);

/**
 * Dashboard pages and downloads are pure functions of the URL and the stored data, which only
 * changes when someone imports or ingests. Responses are kept per URL and data version; the
 * version is re-read at most once per VERSION_TTL_MS, so a new import shows within that time.
 * PAGE_CACHE=off disables it (the HTTP benchmark measures both).
 */
const CACHEABLE = /^\/(?:|download\/[\w.]+|articles|articles\/\d+|sources)$/;
const VERSION_TTL_MS = 1000;
const MAX_ENTRIES = 128;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const cacheEnabled = process.env.PAGE_CACHE !== "off";
const entries = new Map();
let version = { value: null, checkedAt: 0, pending: null };

async function currentVersion() {
  const now = Date.now();
  if (version.value !== null && now - version.checkedAt < VERSION_TTL_MS) return version.value;
  version.pending ??= build.entry.module
    .dataVersion()
    .then((value) => {
      if (value !== version.value) entries.clear();
      version = { value, checkedAt: Date.now(), pending: null };
      return value;
    })
    .catch((error) => {
      version.pending = null;
      throw error;
    });
  return version.pending;
}

function responseCache() {
  return async (req, res, next) => {
    if (!cacheEnabled || req.method !== "GET" || !CACHEABLE.test(req.path)) return next();
    let dataVersion;
    try {
      dataVersion = await currentVersion();
    } catch {
      return next();
    }
    const key = req.originalUrl;
    const hit = entries.get(key);
    if (hit && hit.version === dataVersion) {
      entries.delete(key);
      entries.set(key, hit);
      res.status(hit.status);
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Cache", "hit");
      res.setHeader("Vary", "Accept-Encoding");
      // Compress a cached body once, not on every hit; the compression middleware skips
      // responses that already carry a Content-Encoding.
      if (hit.body.length > 1024 && req.acceptsEncodings("gzip") === "gzip") {
        hit.gzipBody ??= zlib.gzipSync(hit.body, { level: 6 });
        res.setHeader("Content-Encoding", "gzip");
        return res.end(hit.gzipBody);
      }
      return res.end(hit.body);
    }
    // Capture what Remix writes so the next identical request is served from memory.
    const chunks = [];
    let size = 0;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      if (chunk) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        size += buffer.length;
        if (size <= MAX_BODY_BYTES) chunks.push(buffer);
      }
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== "function") {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        size += buffer.length;
        if (size <= MAX_BODY_BYTES) chunks.push(buffer);
      }
      if (res.statusCode === 200 && size <= MAX_BODY_BYTES) {
        const skip = ["content-length", "content-encoding", "x-cache", "set-cookie"];
        const headers = Object.entries(res.getHeaders()).filter(([name]) => !skip.includes(name));
        entries.set(key, {
          version: dataVersion,
          status: res.statusCode,
          headers,
          body: Buffer.concat(chunks),
        });
        while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
      }
      return end(chunk, ...rest);
    };
    res.setHeader("X-Cache", "miss");
    next();
  };
}

const app = express();
app.disable("x-powered-by");
app.use(
  build.publicPath,
  express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
);
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
if (process.env.LOG_REQUESTS !== "off") app.use(morgan("tiny"));
// Compression wraps the response first, so the cache below stores and replays plain bodies
// and each client still gets the encoding it asked for.
app.use(compression());
app.use(responseCache());
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(port, () => console.log(`Listening on http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive sockets can hold close() open; don't wait on them.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
