// Migrate the database to the latest schema, load whatever of the shipped data is missing and
// replace shipped articles whose file changed (docs/decisions/034). A new
// PGlite directory starts from the seed `npm run build` prepared, when it is up to date.
// `npm start` runs it compiled (`node scripts/cli.mjs setup`), which saves a TypeScript loader start.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, freshSeed, type DbHandle } from "../db/index";
import { describeBootstrap, ensureShippedData } from "../app/models/bootstrap.server";

export async function main(): Promise<number> {
  // PGLITE_SEED=off loads data/ the slow way, as when the seed is out of date.
  const seed =
    process.env.DATABASE_URL || process.env.PGLITE_SEED === "off" ? undefined : freshSeed();
  let handle: DbHandle | undefined;
  try {
    // Inside the try: a PGlite directory held by another process is a one-line error.
    handle = await createDb({ seed });
    const report = await ensureShippedData(handle.db, {
      // A first load takes a while: say what is happening, one line per file.
      onFileStart: (file, index, total) => console.log(`Loading ${file} (${index} of ${total})…`),
    });
    for (const line of describeBootstrap(report)) console.log(line);
    console.log(`Database ready (${handle.driver}: ${handle.location}).`);
    return report.failedFiles.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`npm start: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await handle?.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
