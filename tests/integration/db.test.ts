import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/driver";
import { createDb, DatabaseInUseError, type DbHandle } from "../../db/index";
import { series } from "../../db/schema";
import { openTestDb, testDriver } from "../setup/db";

describe(`migrations on ${testDriver}`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => handle?.close());

  it("creates every table of the schema", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      "articles",
      "figures",
      "imports",
      "observations",
      "observations_default",
      "series",
      "tariff_events",
    ]);
  });
});

describe.runIf(testDriver === "postgres")("PostgreSQL connections", () => {
  it("read doubles back exactly even where the server rounds them by default", async () => {
    const handle = await openTestDb();
    try {
      // A database-level setting applies to connections opened after it: open a new handle.
      const [{ name }] = (await handle.db.execute(
        sql`select current_database() as name`,
      )) as unknown as { name: string }[];
      await handle.db.execute(sql.raw(`alter database "${name}" set extra_float_digits = 0`));
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const fresh = await createDb({ databaseUrl: url.toString() });
      try {
        const [row] = (await fresh.db.execute(
          sql`select 0.1::float8 + 0.2::float8 as sum`,
        )) as unknown as { sum: number }[];
        expect(row.sum).toBe(0.1 + 0.2);
      } finally {
        await fresh.close();
      }
    } finally {
      await handle.close();
    }
  });
});

describe("file-backed PGlite", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-pglite-"));
  const dataDir = path.join(dir, "nested", "pglite");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates missing parent directories, keeps data across reopen, and migrates idempotently", async () => {
    const first = await createDb({ pgliteDir: dataDir });
    await first.db.insert(series).values({
      slug: "probe",
      name: "Probe",
      unit: "n",
      frequency: "daily",
      source: "test",
      sourceUrl: "http://example.invalid",
      licence: "none",
    });
    await first.close();
    const second = await createDb({ pgliteDir: dataDir });
    const [{ n }] = await second.db.select({ n: count() }).from(series);
    expect(n).toBe(1);
    await second.close();
  });

  it("refuses a second process with an error naming the holder, and works again once it is gone", async () => {
    const holder = await createDb({ pgliteDir: dataDir });
    try {
      const script = `import { createDb } from ${JSON.stringify(path.resolve("db/index.ts"))};
        try { await createDb({ pgliteDir: ${JSON.stringify(dataDir)} }); console.log("opened"); }
        catch (e) { console.log(e.constructor.name + ": " + e.message); process.exitCode = 3; }`;
      const scriptFile = path.join(dir, "second-process.mts");
      fs.writeFileSync(scriptFile, script);
      const child = spawnSync(path.resolve("node_modules/.bin/tsx"), [scriptFile], {
        encoding: "utf8",
      });
      expect(child.status).toBe(3);
      expect(child.stdout).toContain("DatabaseInUseError");
      expect(child.stdout).toContain(`in use by process ${process.pid}`);
    } finally {
      await holder.close();
    }
    const again = await createDb({ pgliteDir: dataDir });
    await again.close();
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    fs.writeFileSync(path.join(dataDir, "app.lock"), "999999999 some dead process");
    const handle = await createDb({ pgliteDir: dataDir });
    await handle.close();
    expect(fs.existsSync(path.join(dataDir, "app.lock"))).toBe(false);
  });

  it("exports the error type for callers that want to tell it apart", () => {
    expect(new DatabaseInUseError("x")).toBeInstanceOf(Error);
  });
});
