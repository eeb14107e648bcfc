import { createDb, type Db, type DbHandle } from "../db/index";
import { ensureShippedData } from "~/models/bootstrap.server";

declare global {
  var __tradewarDb: Promise<DbHandle> | undefined;
}

/**
 * The server's one database handle, kept on globalThis so dev rebuilds reuse it.
 * Opening migrates to the latest schema and loads the shipped data into an empty database.
 */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalThis.__tradewarDb) {
    const opening = (async () => {
      const handle = await createDb();
      await ensureShippedData(handle.db);
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
