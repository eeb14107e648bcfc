import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/index";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/fixtures/upstream");
let dir: string;

function runImport(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: path.join(dir, "db") };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-"));
  const bad = fs
    .readFileSync(path.join(FIXTURES, "IMPCH.excerpt.csv"), "utf8")
    .replace("1985-04-01,283.300000", "1985-04-01,28x3.3");
  fs.writeFileSync(path.join(dir, "IMPCH-bad.csv"), bad);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run import", () => {
  it("imports good files, reports a bad one as file:line: column: reason, and exits 1", () => {
    const run = runImport([
      path.join(FIXTURES, "DEXUSUK.excerpt.csv"),
      path.join(dir, "IMPCH-bad.csv"),
      path.join(FIXTURES, "usa-china-trade-data.excerpt.csv"),
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /DEXUSUK\.excerpt\.csv: 30 added, 0 updated, 0 unchanged \(fred-csv; 1 series; import #\d+\)$/,
    );
    expect(lines[1]).toMatch(
      /usa-china-trade-data\.excerpt\.csv: 45 added, 0 updated, 0 unchanged/,
    );
    expect(lines[2]).toBe("total: 3 files, 1 failed; 75 added, 0 updated, 0 unchanged");
    expect(run.stderr).toContain(
      `${path.join(dir, "IMPCH-bad.csv")}:5: column IMPCH: non-numeric value "28x3.3"`,
    );
  });

  it("refuses a date outside the accepted span, naming file, line and column, and writes nothing", async () => {
    const file = path.join(dir, "early.csv");
    fs.writeFileSync(file, "date,early_price\n2019-01-02,6.8\n2019-01-03,6.9\n1850-01-04,7.0\n");
    const run = runImport([file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${file}:4: column date: date "1850-01-04" is outside the accepted span (1900–2100)`,
    );
    const handle = await createDb({ pgliteDir: path.join(dir, "db") });
    try {
      const result = (await handle.db.execute(
        sql`select count(*)::int as n from series where slug like '%early%'`,
      )) as unknown as { rows: { n: number }[] };
      expect(Number(result.rows[0].n)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it("imports the catalogue without arguments, then finds nothing to change", async () => {
    const first = runImport([]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      "data/us_china_trade_monthly.csv: 1454 added, 0 updated, 0 unchanged",
    );
    const second = runImport([]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      "data/us_china_trade_monthly.csv: 0 added, 0 updated, 1454 unchanged (tidy-csv; 3 series; no change, nothing recorded)",
    );
    expect(second.stdout).toMatch(/total: 8 files, 0 failed; 0 added, 0 updated, \d+ unchanged/);

    const handle = await createDb({ pgliteDir: path.join(dir, "db") });
    try {
      const result = (await handle.db.execute(
        sql`select count(*)::int as n from observations o join series s on s.id = o.series_id where s.slug = 'fred-impch'`,
      )) as unknown as { rows: { n: number }[] };
      // The bad IMPCH file wrote nothing.
      expect(Number(result.rows[0].n)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it("refuses a value that is not a number and a file with nothing in it, keeping what is stored", async () => {
    const prices = path.join(dir, "prices.csv");
    fs.writeFileSync(prices, "date,price\n2035-01-02,6.8\n");
    expect(runImport([prices]).code).toBe(0);

    const files: Record<string, string> = {
      "first-na.csv": "date,price\n2035-01-02,N/A\n2035-01-03,6.9\n",
      "header-only.csv": "date,price\n",
      "empty.csv": "",
      "all-missing.csv": "date,price\n2035-01-02,\n",
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    // The same file again, now with an overflowing value after a good line (the byte scan's path).
    fs.writeFileSync(prices, "date,price\n2035-01-02,7.1\n2035-01-03,1e400\n");
    const run = runImport([prices, ...Object.keys(files).map((name) => path.join(dir, name))]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("total: 5 files, 5 failed; 0 added, 0 updated, 0 unchanged");
    for (const message of [
      `${prices}:3: column price: non-numeric value "1e400"`,
      `${path.join(dir, "first-na.csv")}:2: column price: non-numeric value "N/A"`,
      `${path.join(dir, "header-only.csv")}:1: no data rows: the file has only a header`,
      `${path.join(dir, "empty.csv")}:1: empty file: no header`,
      `${path.join(dir, "all-missing.csv")}:1: no values: every data cell is empty or missing`,
    ])
      expect(run.stderr).toContain(message);

    const handle = await createDb({ pgliteDir: path.join(dir, "db") });
    try {
      const result = (await handle.db.execute(
        sql`select o.date::text as date, o.value from observations o join series s on s.id = o.series_id where o.date >= '2035-01-01' order by o.date`,
      )) as unknown as { rows: { date: string; value: number }[] };
      expect(result.rows.map((row) => [row.date, Number(row.value)])).toEqual([
        ["2035-01-02", 6.8],
      ]);
    } finally {
      await handle.close();
    }
  });

  it("rejects unknown options with exit code 2", () => {
    const run = runImport(["--frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("import: unknown option --frobnicate");
  });
});
