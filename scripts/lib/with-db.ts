import { createDb, type DbHandle } from "../../db/index";

/**
 * Open the configured database (DATABASE_URL, else PGlite), run `work` on it and close it.
 * A failure to open or an error from `work` becomes one line on stderr, `command: message`, and
 * exit code 1; otherwise `work`'s exit code is returned.
 */
export async function withDb(
  command: string,
  work: (handle: DbHandle) => Promise<number>,
): Promise<number> {
  let handle: DbHandle;
  try {
    handle = await createDb();
  } catch (error) {
    console.error(`${command}: ${errorMessage(error)}`);
    return 1;
  }
  try {
    return await work(handle);
  } catch (error) {
    console.error(`${command}: ${errorMessage(error)}`);
    return 1;
  } finally {
    await handle.close();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
