/**
 * The server under concurrent uncached load with one render turn (MAX_RENDERS=1): requests wait
 * their turn and all finish, a client that stops reading a large download does not hold the turn,
 * and health checks never wait. (PGlite pass only, like the other HTTP tests.)
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the server under load", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { LOG_REQUESTS: "off", MAX_RENDERS: "1" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const status = async (path: string) => {
    const response = await fetch(`${server.baseUrl}${path}`);
    await response.arrayBuffer();
    return response.status;
  };

  it("finishes every one of many concurrent uncached requests, one render at a time", async () => {
    const paths = Array.from({ length: 30 }, (_, i) => {
      const day = `2018-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
      return i % 3 === 0 ? `/download/tariffs.json?from=${day}` : `/?from=${day}`;
    });
    const ready = fetch(`${server.baseUrl}/healthz/ready`).then((response) => response.status);
    const statuses = await Promise.all(paths.map(status));
    expect(statuses).toEqual(paths.map(() => 200));
    expect(await ready).toBe(200);
  });

  it("gives the turn back once a download's headers are out, even if the client stops reading", async () => {
    const url = new URL(`${server.baseUrl}/download/currency.json?from=1971&fx=eur,gbp,jpy`);
    // A client that takes the headers of a 15 MB download and then reads nothing more.
    const stalled = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.get(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}` },
        resolve,
      );
      request.on("error", reject);
    });
    stalled.pause();
    try {
      expect(stalled.statusCode).toBe(200);
      // Were the turn still held, this would wait for the stalled client (until the test times out).
      expect(await status("/?from=2016-02-03")).toBe(200);
    } finally {
      stalled.destroy();
    }
  });
});
