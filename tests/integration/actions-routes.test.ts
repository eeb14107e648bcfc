import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import type { ListedAction } from "~/lib/action-list";
import { ensureShippedData } from "~/models/bootstrap.server";
import { loader as actionsLoader } from "~/routes/actions";
import { loader as downloadLoader } from "~/routes/download.$file";
import { openTestDb, testDriver } from "../setup/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
  const report = await ensureShippedData(handle.db);
  expect(report.failedFiles).toEqual([]);
  globalThis.__tradewarDb = Promise.resolve(handle);
});
afterAll(async () => {
  globalThis.__tradewarDb = undefined;
  await handle?.close();
});

async function call(
  loader: typeof actionsLoader | typeof downloadLoader,
  url: string,
  params: Record<string, string> = {},
) {
  try {
    return (await loader({
      request: new Request(`http://localhost${url}`),
      params,
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

interface ActionsPage {
  total: number;
  actions: ListedAction[];
}

const page = async (query: string) =>
  (await (await call(actionsLoader, `/actions${query}`)).json()) as ActionsPage;

describe(`/actions on the shipped register (${testDriver})`, () => {
  it("lists every stored register action with its citation", async () => {
    const all = await page("");
    const stored = await handle.db.execute(
      sql`select count(*)::int as n from tariff_events where source = 'register'`,
    );
    const rows = (Array.isArray(stored) ? stored : (stored as { rows: unknown[] }).rows) as {
      n: number;
    }[];
    expect(all.total).toBe(rows[0].n);
    expect(all.actions).toHaveLength(all.total);
    expect(all.actions.every((a) => a.citation.length > 0)).toBe(true);
  });

  it("filters by side, authority, status and effective-date range from the URL", async () => {
    const selected = await page("?actor=China&from=2018-07-01&to=2019-12-31&sort=trade&dir=desc");
    expect(selected.actions.length).toBeGreaterThan(0);
    for (const action of selected.actions) {
      expect(action.actor).toBe("China");
      expect(action.effectiveDate >= "2018-07-01" && action.effectiveDate <= "2019-12-31").toBe(
        true,
      );
    }
    const trade = selected.actions.map((a) => a.tradeCoveredUsdBn ?? -1);
    expect(trade).toEqual([...trade].sort((x, y) => y - x));
    const ieepa = await page("?authority=IEEPA&status=in+force");
    expect(ieepa.actions.length).toBeGreaterThan(0);
    expect(ieepa.actions.every((a) => a.authority === "IEEPA" && a.status === "in force")).toBe(
      true,
    );
  });

  it("refuses unknown filters and bad dates with 400 and a reason", async () => {
    const badActor = await call(actionsLoader, "/actions?actor=EU");
    expect(badActor.status).toBe(400);
    expect(await badActor.json()).toContain('Unknown actor "EU"');
    expect((await call(actionsLoader, "/actions?from=2019-02-30")).status).toBe(400);
  });
});

describe(`/download/actions.* (${testDriver})`, () => {
  const download = (file: string, query: string) =>
    call(downloadLoader, `/download/${file}${query}`, { file });

  it("downloads the same selection as the page in CSV and JSON", async () => {
    const query = "?actor=US&authority=Section+301&from=2018&to=2019";
    const shown = await page(query);
    const csvResponse = await download("actions.csv", query);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toContain(
      "tariff-actions_2018-01-01_2019-12-31.csv",
    );
    const lines = (await csvResponse.text()).trim().split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(
      shown.actions.map((a) => a.id),
    );
    const body = await (await download("actions.json", query)).json();
    expect(body.actions).toEqual(shown.actions);
    expect(body.selection).toMatchObject({
      actor: "US",
      authority: "Section 301",
      effectiveFrom: "2018-01-01",
      effectiveTo: "2019-12-31",
    });
  });

  it("answers bad filters with 400 and an unknown file with 404", async () => {
    expect((await download("actions.csv", "?status=maybe")).status).toBe(400);
    expect((await download("actions.zip", "")).status).toBe(404);
  });
});
