import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { importFile, type ImportFileResult } from "~/models/imports.server";
import { openTestDb } from "../setup/db";

const FILE = "data/tariff_actions.csv";
const TEXT = fs.readFileSync(path.resolve(__dirname, "../..", FILE), "utf8");

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
});

afterAll(async () => {
  await handle?.close();
});

async function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await handle.db.execute(text)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

function ok(result: ImportFileResult): Extract<ImportFileResult, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** Every stored register row, and the row versions (an identical rewrite would still change xmin). */
async function stored() {
  return query<Record<string, unknown>>(
    sql`select xmin::text as version, id, date::text as date, actor, measure, list, action,
          rate_before_pct, rate_after_pct, trade_covered_usd_bn, action_id,
          announced_on::text as announced_on, ends_on::text as ends_on, replaces, status, citation,
          disagreement, covers_all_goods
        from tariff_events where source = 'register' order by id`,
  );
}

function lineOf(id: string): number {
  return TEXT.split("\n").findIndex((line) => line.startsWith(`${id},`)) + 1;
}

describe("importing the tariff-action register", () => {
  it("stores one event per row with its citation, authority and dates", async () => {
    const first = ok(await importFile(handle.db, { fileName: FILE, text: TEXT }));
    expect(first.format).toBe("tariff-actions-register");
    const rows = await stored();
    expect(first.events).toEqual({ added: rows.length, updated: 0, unchanged: 0 });
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.find((r) => r.action_id === "US-301-L3-2019")).toMatchObject({
      date: "2019-05-10",
      announced_on: "2019-05-05",
      actor: "US",
      measure: "Section 301",
      list: "List 3",
      action: "increase",
      rate_before_pct: 10,
      rate_after_pct: 25,
      trade_covered_usd_bn: 200,
      replaces: "US-301-L3",
      status: "in force",
    });
    expect(rows.every((r) => typeof r.citation === "string" && r.citation !== "")).toBe(true);
  });

  it("changes nothing when imported a second time", async () => {
    const before = await stored();
    const [{ n: importsBefore }] = await query<{ n: number }>(
      sql`select count(*)::int as n from imports`,
    );
    const again = ok(await importFile(handle.db, { fileName: FILE, text: TEXT }));
    expect(again).toMatchObject({ noop: true, importId: null });
    expect(again.events).toEqual({ added: 0, updated: 0, unchanged: before.length });
    expect(await stored()).toEqual(before);
    const [{ n: importsAfter }] = await query<{ n: number }>(
      sql`select count(*)::int as n from imports`,
    );
    expect(Number(importsAfter)).toBe(Number(importsBefore));
  });

  it("replaces a corrected row instead of keeping the old version beside it", async () => {
    const corrected = TEXT.replace(
      "US-301-L4A,US,Section 301,List 4A,impose,2019-08-13,2019-09-01,",
      "US-301-L4A,US,Section 301,List 4A,impose,2019-08-13,2019-09-02,",
    );
    const result = ok(await importFile(handle.db, { fileName: FILE, text: corrected }));
    expect(result.events.added).toBe(1);
    expect(result.events.updated).toBe(1);
    const list4a = (await stored()).filter((r) => r.action_id === "US-301-L4A");
    expect(list4a.map((r) => r.date)).toEqual(["2019-09-02"]);
    // Back to the shipped version for the tests that follow.
    ok(await importFile(handle.db, { fileName: FILE, text: TEXT }));
  });

  it("rejects a malformed row, naming file, line and column, and keeps what is stored", async () => {
    const before = await stored();
    const broken = TEXT.replace(
      "US-301-L2,US,Section 301,List 2,impose,2018-08-07,2018-08-23,",
      "US-301-L2,US,Section 301,List 2,impose,2018-08-07,2018-08-32,",
    );
    const result = await importFile(handle.db, { fileName: FILE, text: broken });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        file: FILE,
        line: lineOf("US-301-L2"),
        column: "effective_date",
        reason: 'unparseable date "2018-08-32"',
      },
    ]);
    expect(await stored()).toEqual(before);
  });

  it("rejects a row without a citation or with an unknown status", async () => {
    const lines = TEXT.split("\n");
    const at = lineOf("CN-RET-L1") - 1;
    const cells = lines[at].split(",");
    const statusIndex = cells.indexOf("in force");
    cells[statusIndex] = "rumoured";
    lines[at] = cells.join(",");
    const result = await importFile(handle.db, { fileName: FILE, text: lines.join("\n") });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: FILE, line: at + 1, column: "status" });
    expect(result.errors[0].reason).toContain('"rumoured" is not one of');
  });
});
