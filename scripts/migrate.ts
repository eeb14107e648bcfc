// Bring the configured database (DATABASE_URL, else PGlite at PGLITE_DIR) to the latest schema.
import { createDb } from "../db/index";

try {
  const handle = await createDb();
  console.log(`Migrated ${handle.driver} database at ${handle.location}.`);
  await handle.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
