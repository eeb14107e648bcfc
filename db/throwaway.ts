import crypto from "node:crypto";
import postgres from "postgres";

export interface ThrowawayDatabase {
  name: string;
  /** The server URL with this database's name as its path. */
  url: string;
  /** Drop the database (closing its connections) and the admin connection; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A new, empty database on the PostgreSQL server at `serverUrl`, for one test file or benchmark
 * run, named `<prefix>_<random hex>` so runs on a shared server never meet. Nothing else on the
 * server is touched.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  prefix: string,
): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}
