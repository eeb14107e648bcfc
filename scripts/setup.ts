// Migrate the database to the latest schema and load the shipped data when it is empty.
import { createDb } from "../db/index";
import { ensureShippedData } from "../app/models/bootstrap.server";

const handle = await createDb();
try {
  await ensureShippedData(handle.db);
  console.log(`Database ready (${handle.driver}: ${handle.location}).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
