import { createDb, type DbHandle } from "../../db/index";
import { createThrowawayDatabase } from "../../db/throwaway";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped by `close`).
 */
export async function openTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return createDb({ pgliteDir: "memory://" });

  const database = await createThrowawayDatabase(serverUrl, "tw_test");
  const handle = await createDb({ databaseUrl: database.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

export const testDriver = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
