import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { newestMtime } from "./newest-mtime.mjs";
import * as schema from "./schema";

export { schema };

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  /** "pglite" or "postgres": benchmarks and error messages say which one ran. */
  driver: "pglite" | "postgres";
  /** Where the data lives (PGlite directory or the URL without password). */
  location: string;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a gzipped tarball (what `seed` loads). */
  dumpDataDir?(): Promise<Blob>;
}

export interface CreateDbOptions {
  /** PostgreSQL URL; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** Run migrations before returning (default true): every entry point works on the latest schema. */
  migrate?: boolean;
  /** postgres.js `search_path` schema, used by tests to isolate runs on a shared server. */
  searchPath?: string;
  maxConnections?: number;
  /**
   * A new PGlite directory starts from this data directory tarball instead of an empty cluster
   * (`npm run build` prepares build/pglite-seed.tar.gz: migrated, shipped data loaded). Ignored
   * when the directory already holds a database, and for PostgreSQL.
   */
  seed?: string;
  /**
   * PostgreSQL only: give up on a statement after this long. The web server sets it so a stuck
   * query cannot hold a request for ever; the CLIs leave it unset, since a large COPY takes time.
   */
  statementTimeoutMs?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Migrations live beside the schema; resolved from cwd first so the bundled server finds them too. */
export function migrationsFolder(): string {
  const fromCwd = path.resolve(process.cwd(), "db/migrations");
  if (fs.existsSync(fromCwd)) return fromCwd;
  return path.resolve(here, "migrations");
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/** Where `npm run build` puts the prepared PGlite data directory (scripts/build-seed.ts). */
export const SEED_FILE = "build/pglite-seed.tar.gz";

/**
 * The prepared data directory, when it is newer than everything it was made from (the shipped
 * data, the migrations and the code that loads them); otherwise undefined, and a new directory
 * is created and loaded the slow way rather than from an outdated seed.
 */
export function freshSeed(root = process.cwd()): string | undefined {
  const seed = path.join(root, SEED_FILE);
  if (!fs.existsSync(seed)) return undefined;
  const builtAt = fs.statSync(seed).mtimeMs;
  const inputs = ["data", "db", "app/models", "app/lib/import", "app/lib/extract"];
  return inputs.every((input) => newestMtime(path.join(root, input)) <= builtAt) ? seed : undefined;
}

export class DatabaseInUseError extends Error {}

/**
 * Build a database handle from explicit options or the environment
 * (`DATABASE_URL`, else PGlite at `PGLITE_DIR` or `.data/pglite`). Nothing connects on import.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  const handle = databaseUrl
    ? openPostgres(databaseUrl, options)
    : await openPglite(
        options.pgliteDir ?? process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR,
        options.seed,
      );
  if (options.migrate !== false) {
    try {
      await migrateDb(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/**
 * Any number of processes may start together on an empty PostgreSQL database (several CLIs, or
 * replicas of the server): a session-level advisory lock lets one migrate while the others wait,
 * and those then find nothing left to do. A PGlite directory already has one process at a time.
 */
export const MIGRATION_LOCK_KEY = 0x7472_6164; // "trad"

export async function migrateDb(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as Parameters<typeof migratePglite>[0], config);
    return;
  }
  // One connection, so the lock and the migration share a session.
  const session = (handle as PostgresHandle).openSession();
  try {
    await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    const sessionDb = drizzlePostgres(session, { schema });
    await migratePostgres(sessionDb, config);
    await session`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    // Closing the session releases the lock too, should the migration have failed.
    await session.end({ timeout: 5 });
  }
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, query_canceled (timeout)
  "57P01",
  "57P02",
  "57P03",
  "57014",
]);

/**
 * Whether an error (or one it wraps) means the database could not be reached or timed out,
 * as opposed to a bug: the server answers those with 503 and Retry-After.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08")))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface PostgresHandle extends DbHandle {
  /** A separate single-connection client for work that needs one session (the migration lock). */
  openSession(): postgres.Sql;
}

/** Seconds: a server that does not answer a connection attempt is treated as down. */
const CONNECT_TIMEOUT_S = 2;

function openPostgres(url: string, options: CreateDbOptions): PostgresHandle {
  const clientOptions = {
    connect_timeout: CONNECT_TIMEOUT_S,
    // postgres.js backs off exponentially between reconnects (up to 20 s), which delays recovery
    // long after the server is back; a failed connect to a down server is cheap, so retry soon.
    backoff: () => 0.1,
    onnotice: () => {},
    // Doubles must read back exactly (re-extraction compares stored figures with new ones, charts
    // and downloads show stored values): a server configured with extra_float_digits <= 0 would
    // round them. Any positive value gives exact output on PostgreSQL 12 and later.
    connection: {
      extra_float_digits: 3,
      ...(options.searchPath ? { search_path: options.searchPath } : {}),
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  };
  const client = postgres(url, { ...clientOptions, max: options.maxConnections ?? 10 });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return {
    db,
    openSession: () => postgres(url, { ...clientOptions, max: 1 }),
    driver: "postgres",
    location: safeUrl,
    close: () => client.end({ timeout: 5 }),
  };
}

/** Present while a seed is being unpacked into a directory: if it survives, the unpacking did not finish. */
const SEEDING_MARK = "seeding-in-progress";

async function openPglite(dir: string, seed: string | undefined): Promise<DbHandle> {
  const inMemory = dir.includes("://");
  let releaseLock = () => {};
  let seedData: Blob | undefined;
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = acquireDirectoryLock(dir);
    const mark = path.join(dir, SEEDING_MARK);
    if (fs.existsSync(mark)) {
      // An earlier start died while unpacking the seed: start that directory over.
      for (const entry of fs.readdirSync(dir))
        if (entry !== LOCK_FILE) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
    if (seed && fs.existsSync(seed) && !fs.existsSync(path.join(dir, "PG_VERSION"))) {
      fs.writeFileSync(mark, "");
      seedData = new Blob([fs.readFileSync(seed)]);
    }
  }
  let client: PGlite;
  try {
    client = new PGlite(
      inMemory ? dir : path.resolve(dir),
      seedData ? { loadDataDir: seedData } : {},
    );
    await client.waitReady;
    if (seedData) fs.rmSync(path.join(dir, SEEDING_MARK), { force: true });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    driver: "pglite",
    location: inMemory ? dir : path.resolve(dir),
    dumpDataDir: async () => client.dumpDataDir("gzip"),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

const LOCK_FILE = "app.lock";

/**
 * PGlite has no multi-process protection: two processes writing one directory corrupt it.
 * A lock file with the holder's pid turns that into a clear error; a lock left by a dead process is taken over.
 */
function acquireDirectoryLock(dir: string): () => void {
  const lockPath = path.join(dir, LOCK_FILE);
  const holder = `${process.pid} ${process.argv.slice(1).join(" ")}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, holder, { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === holder) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const existing = readLock(lockPath);
      if (existing && existing.pid !== process.pid && isAlive(existing.pid)) {
        throw new DatabaseInUseError(
          `The embedded database at ${path.resolve(dir)} is in use by process ${existing.pid} (${existing.command || "unknown command"}). ` +
            `Stop that process first, or set PGLITE_DIR to another directory or DATABASE_URL to a PostgreSQL server.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not take the lock ${lockPath}.`);
}

function readLock(lockPath: string): { pid: number; command: string } | null {
  try {
    const text = fs.readFileSync(lockPath, "utf8");
    const [pid, ...rest] = text.split(" ");
    const parsed = Number(pid);
    return Number.isInteger(parsed) ? { pid: parsed, command: rest.join(" ") } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
