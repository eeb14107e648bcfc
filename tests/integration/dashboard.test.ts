import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { ensureShippedData } from "~/models/bootstrap.server";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as downloadLoader } from "~/routes/download.$file";
import { openTestDb, testDriver } from "../setup/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
  await ensureShippedData(handle.db);
  globalThis.__tradewarDb = Promise.resolve(handle);
});
afterAll(async () => {
  globalThis.__tradewarDb = undefined;
  await handle?.close();
});

const call = async (loader: typeof dashboardLoader | typeof downloadLoader, url: string, params = {}) => {
  try {
    return await loader({ request: new Request(`http://localhost${url}`), params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

describe(`dashboard loaders on ${testDriver}`, () => {
  it("charts the monthly trade series over the requested range", async () => {
    const response = (await call(dashboardLoader, "/?from=2019-01&to=2019-03")) as Response;
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.trade.rows.map((row: { date: string }) => row.date)).toEqual([
      "2019-01-01",
      "2019-02-01",
      "2019-03-01",
    ]);
    expect(body.trade.rows[0]).toMatchObject({ importsUsdBn: 41.3025, exportsUsdBn: 7.1054 });
    expect(body.rangeWords).toBe("1 Jan 2019 – 31 Mar 2019");
  });

  it("answers bad ranges with a 400 and a message", async () => {
    const response = (await call(dashboardLoader, "/?from=2019-02-30")) as Response;
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual(["Start date: The date 2019-02-30 does not exist."]);
    const reversed = (await call(downloadLoader, "/download/trade.csv?from=2020&to=2019", { file: "trade.csv" })) as Response;
    expect(reversed.status).toBe(400);
  });

  it("downloads exactly the charted rows as an attachment", async () => {
    const response = (await call(downloadLoader, "/download/trade.csv?from=2019-01&to=2019-03", { file: "trade.csv" })) as Response;
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="trade_2019-01-01_2019-03-31.csv"');
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toEqual([
      "date,exports_to_china_usd_bn,imports_from_china_usd_bn,balance_usd_bn",
      "2019-01-01,7.1054,41.3025,-34.1971",
      "2019-02-01,8.0836,33.0278,-24.9442",
      "2019-03-01,10.5743,31.0787,-20.5044",
    ]);
  });
});
