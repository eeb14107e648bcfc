import { sql } from "drizzle-orm";
import { createDb, isDatabaseUnavailable, type Db, type DbHandle } from "../db/index";
import { ensureShippedData } from "~/models/bootstrap.server";

/** A page never waits longer than this on one query (PostgreSQL); the CLIs have no limit. */
const STATEMENT_TIMEOUT_MS = 10_000;

export { isDatabaseUnavailable };

declare global {
  var __tradewarDb: Promise<DbHandle> | undefined;
}

/**
 * The server's one database handle, kept on globalThis so dev rebuilds reuse it.
 * Opening migrates to the latest schema and loads the shipped data into an empty database
 * (unless `npm start` has already made sure of it: SHIPPED_DATA_CHECKED=1).
 */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalThis.__tradewarDb) {
    const opening = (async () => {
      const handle = await createDb({ statementTimeoutMs: STATEMENT_TIMEOUT_MS });
      // `npm start` has just run (or, nothing having changed, skipped) the same check in its
      // setup step and says so; a server started any other way checks for itself.
      if (process.env.SHIPPED_DATA_CHECKED !== "1") await ensureShippedData(handle.db);
      return handle;
    })();
    // A failed open must not be cached, or every later request fails the same way.
    opening.catch(() => {
      if (globalThis.__tradewarDb === opening) globalThis.__tradewarDb = undefined;
    });
    globalThis.__tradewarDb = opening;
  }
  return globalThis.__tradewarDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/**
 * Null when the database answers `select 1` within `deadlineMs`, else what went wrong, in words
 * that name no internals (for the readiness probe).
 */
export async function checkDatabase(deadlineMs: number): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("the database did not answer in time"), deadlineMs);
  });
  const check = (async () => {
    await (await getDb()).execute(sql`select 1`);
    return null;
  })().catch((error: unknown) =>
    isDatabaseUnavailable(error) ? "the database is unreachable" : "the database check failed",
  );
  try {
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
