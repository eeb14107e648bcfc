/**
 * Prepare build/pglite-seed.tar.gz: a PGlite data directory, migrated and loaded with the shipped
 * data, so the first `npm start` unpacks it (PGlite `loadDataDir`) instead of creating a cluster
 * and importing everything. Part of `npm run build` (and so of `npm ci`); never committed.
 */
import fs from "node:fs";
import path from "node:path";
import { createDb, SEED_FILE } from "../db/index";
import { ensureShippedData } from "../app/models/bootstrap.server";

const started = performance.now();
const handle = await createDb({ pgliteDir: "memory://" });
try {
  const report = await ensureShippedData(handle.db);
  const failures = [...report.failedFiles, ...report.articlesFailed];
  if (failures.length > 0) {
    for (const failure of failures) console.error(`Not loaded: ${failure}`);
    throw new Error("the shipped data did not load; no seed written");
  }
  const tarball = Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer());
  fs.mkdirSync(path.dirname(SEED_FILE), { recursive: true });
  // Written beside and renamed, so a reader never sees half a file.
  const partial = `${SEED_FILE}.${process.pid}.partial`;
  fs.writeFileSync(partial, tarball);
  fs.renameSync(partial, SEED_FILE);
  console.log(
    `Seed database ${SEED_FILE}: ${report.importedFiles} data files, ${report.articlesStored} articles, ${(tarball.length / 1e6).toFixed(1)} MB, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`build-seed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
