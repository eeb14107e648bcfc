import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { newestMtime } from "../../../db/newest-mtime.mjs";

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Build when the build is missing or older than the sources (as `npm start` does), so server
 * tests never run yesterday's code. A lock directory keeps test files from building at once.
 */
async function ensureFreshBuild(root: string): Promise<void> {
  const stale = () =>
    newestMtime(path.join(root, "build/index.js")) <
    Math.max(
      ...["app", "db", "remix.config.js"].map((entry) => newestMtime(path.join(root, entry))),
    );
  const lock = path.join(
    os.tmpdir(),
    `tw-build-${Buffer.from(root).toString("hex").slice(-32)}.lock`,
  );
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than five minutes was left by a crash.
      if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 300_000)
        fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (!stale()) return;
    const build = spawnSync(process.execPath, [path.join(root, "scripts/build-app.mjs")], {
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("scripts/build-app.mjs failed");
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Start the built server on a fresh PGlite directory (or the given PostgreSQL database) loaded
 * with the shipped data, as `npm start` would, on a free port.
 */
export async function startServer(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const root = process.cwd();
  await ensureFreshBuild(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    PGLITE_DIR: path.join(dataDir, "pglite"),
    NODE_ENV: "production",
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const setup = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/setup.ts"], {
    env,
    encoding: "utf8",
  });
  if (setup.status !== 0) throw new Error(`setup failed: ${setup.stderr}${setup.stdout}`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`server did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    async stop() {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
        const exited = await Promise.race([
          new Promise((resolve) => child.once("exit", () => resolve(true))),
          new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
        ]);
        if (!exited) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A request sent exactly as given (any method and request target, including ones fetch refuses
 * or normalises, such as TRACE or `*`), its body kept as received (fetch would decode it).
 */
export function rawRequest(
  baseUrl: string,
  options: {
    method?: string;
    target: string;
    headers?: http.OutgoingHttpHeaders;
    agent?: http.Agent;
  },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(baseUrl);
  const { method = "GET", target, headers, agent } = options;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method, path: target, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end();
  });
}
