// Migrate the database to the latest schema and load the shipped data when it is empty.
import { createDb } from "../db/index";
import { ensureShippedData } from "../app/models/bootstrap.server";

const handle = await createDb();
try {
  const report = await ensureShippedData(handle.db);
  if (report.importedFiles > 0 || report.articlesStored > 0) {
    console.log(`Loaded ${report.importedFiles} data files and ${report.articlesStored} articles.`);
  }
  for (const failure of [...report.failedFiles, ...report.articlesFailed])
    console.error(`Not loaded: ${failure}`);
  console.log(`Database ready (${handle.driver}: ${handle.location}).`);
  if (report.failedFiles.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
