import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../db/throwaway";
import { startServer, type RunningServer } from "./support/server";

/**
 * The response cache must never show stale data for long: an ingest by another process (possible
 * on PostgreSQL, where the CLI and the server share the database) shows within about a second.
 */
const serverUrl = process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const probe = postgres(serverUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

const reachable = await postgresReachable();
if (!reachable) {
  const reason = `cache invalidation e2e skipped: no PostgreSQL at ${serverUrl}`;
  if (process.env.CI === "true") throw new Error(`${reason}; CI=true requires it`);
  console.warn(reason);
}

describe.runIf(reachable)("response cache follows the data (PostgreSQL)", () => {
  let server: RunningServer;
  let database: ThrowawayDatabase;
  let databaseUrl: string;

  beforeAll(async () => {
    database = await createThrowawayDatabase(serverUrl, "tw_e2e");
    databaseUrl = database.url;
    server = await startServer({ databaseUrl });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("serves a cached page until an ingest changes the data, then the new page", async () => {
    const page = `${server.baseUrl}/articles?from=2026-01-01&to=2026-12-31`;
    const before = await (await fetch(page)).text();
    expect((await fetch(page)).headers.get("x-cache")).toBe("hit");
    expect(before).not.toContain("Tariff truce renewed in a made-up test");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-e2e-article-"));
    fs.writeFileSync(
      path.join(dir, "new.txt"),
      "Tariff truce renewed in a made-up test\n2026-03-02 09:00:00\nBoth sides kept tariffs of 10% on $50bn of goods.\n",
    );
    const ingest = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/ingest.ts", dir], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(ingest.status, ingest.stderr).toBe(0);

    let after = "";
    for (let attempt = 0; attempt < 20 && !after.includes("made-up test"); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await (await fetch(page)).text();
    }
    expect(after).toContain("Tariff truce renewed in a made-up test");
  });
});
