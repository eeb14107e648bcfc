/**
 * Faults on a throwaway PostgreSQL cluster of our own (never the shared server): the database
 * stops under traffic and comes back, and several processes migrate an empty database at once.
 * Needs root (to run initdb as the postgres user) and the PostgreSQL server binaries.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";

const pgVersion = fs.existsSync("/usr/lib/postgresql")
  ? fs.readdirSync("/usr/lib/postgresql").sort().at(-1)
  : undefined;
const pgBin = pgVersion ? `/usr/lib/postgresql/${pgVersion}/bin` : "";
const canRunCluster =
  process.getuid?.() === 0 && Boolean(pgBin) && fs.existsSync(`${pgBin}/initdb`);

function asPostgres(command: string): void {
  execFileSync("su", ["postgres", "-c", command], { stdio: "pipe" });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

class ThrowawayCluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-pg-"));
  port = 0;
  async init(): Promise<void> {
    this.port = await freePort();
    fs.chmodSync(this.dir, 0o755);
    execFileSync("chown", ["postgres", this.dir]);
    asPostgres(`${pgBin}/initdb -D ${this.dir}/data -U postgres -A trust >/dev/null`);
    this.start();
  }
  start(): void {
    asPostgres(
      `${pgBin}/pg_ctl -D ${this.dir}/data -o "-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1" -l ${this.dir}/log -w start`,
    );
  }
  stop(): void {
    asPostgres(`${pgBin}/pg_ctl -D ${this.dir}/data -m fast -w stop`);
  }
  url(database = "postgres"): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

async function timed(url: string) {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return { response, body, ms: performance.now() - started };
}

describe.skipIf(!canRunCluster || Boolean(process.env.TEST_DATABASE_URL))(
  "faults on a throwaway PostgreSQL cluster",
  () => {
    const cluster = new ThrowawayCluster();
    let server: RunningServer;
    beforeAll(async () => {
      await cluster.init();
      server = await startServer({ databaseUrl: cluster.url(), env: { LOG_REQUESTS: "off" } });
    });
    afterAll(async () => {
      await server?.stop();
      cluster.destroy();
    });

    it("answers 503 within a second while the database is down, serves cached pages as stale, and recovers", async () => {
      const base = server.baseUrl;
      const cachedPage = `${base}/?from=2019`;
      expect((await timed(cachedPage)).response.status).toBe(200);
      expect((await timed(`${base}/healthz/ready`)).response.status).toBe(200);
      // Traffic keeps running while the database stops.
      let running = true;
      const traffic = (async () => {
        for (let i = 0; running; i++)
          await fetch(
            `${base}/download/trade.csv?from=2018&to=2018-${String((i % 12) + 1).padStart(2, "0")}`,
          ).then((r) => r.arrayBuffer());
      })();
      cluster.stop();
      // The version check is cached for up to a second: past that, the outage shows.
      await new Promise((resolve) => setTimeout(resolve, 1200));

      for (let day = 1; day <= 5; day++) {
        const uncached = await timed(`${base}/?from=2018-03-0${day}`);
        expect(uncached.response.status).toBe(503);
        expect(uncached.ms).toBeLessThan(1500);
        expect(uncached.response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(uncached.body).toMatch(/database is not reachable/);
        expect(uncached.body).not.toMatch(/ECONNREFUSED|postgres|at \w+ \(/);
      }
      const download = await timed(`${base}/download/tariffs.csv?from=2017-05-05`);
      expect(download.response.status).toBe(503);
      expect(download.ms).toBeLessThan(1500);

      const stale = await timed(cachedPage);
      expect(stale.response.status).toBe(200);
      expect(stale.response.headers.get("x-cache")).toBe("stale");
      expect(stale.response.headers.get("warning")).toMatch(/stale/i);
      expect(stale.ms).toBeLessThan(1500);

      const ready = await timed(`${base}/healthz/ready`);
      expect(ready.response.status).toBe(503);
      expect(ready.ms).toBeLessThan(1500);
      expect((await timed(`${base}/healthz/live`)).response.status).toBe(200);

      cluster.start();
      const restarted = performance.now();
      let recoveredAfter = Infinity;
      while (performance.now() - restarted < 10_000) {
        const probe = await timed(`${base}/?from=2018-04-01`);
        if (probe.response.status === 200) {
          recoveredAfter = performance.now() - restarted;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      running = false;
      await traffic;
      expect(recoveredAfter).toBeLessThan(2500);
      expect((await timed(`${base}/healthz/ready`)).response.status).toBe(200);
      const fresh = await timed(cachedPage);
      expect(fresh.response.status).toBe(200);
      expect(fresh.response.headers.get("x-cache")).not.toBe("stale");
    });

    it("lets several processes migrate one empty database at once", async () => {
      execFileSync("psql", [cluster.url(), "-qc", "create database migrate_race"]);
      const runs = Array.from(
        { length: 4 },
        () =>
          new Promise<{ code: number | null; output: string }>((resolve) => {
            const child = spawn(
              path.join(process.cwd(), "node_modules/.bin/tsx"),
              ["scripts/migrate.ts"],
              { env: { ...process.env, DATABASE_URL: cluster.url("migrate_race") } },
            );
            let output = "";
            child.stdout.on("data", (chunk) => (output += chunk));
            child.stderr.on("data", (chunk) => (output += chunk));
            child.on("exit", (code) => resolve({ code, output }));
          }),
      );
      for (const run of await Promise.all(runs)) {
        expect(run.output).toMatch(/^Migrated postgres/);
        expect(run.code).toBe(0);
      }
    });
  },
);
