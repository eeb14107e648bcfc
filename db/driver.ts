/**
 * What differs between the two drivers `createDb` can open (postgres.js and PGlite), in one place:
 * the shape of a raw statement's result, and how `COPY … FROM` is fed. Models use these helpers and
 * never look at the driver underneath.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SQL } from "drizzle-orm";
import type { Db } from "./index";

/** A drizzle transaction (or savepoint) on either driver. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Run a statement and return its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Run a statement and return how many rows it changed. */
export async function executeCount(db: Db | Tx, query: SQL): Promise<number> {
  const result = (await db.execute(query)) as unknown as { count?: number; affectedRows?: number };
  return Number(result.count ?? result.affectedRows ?? 0);
}

/** Whether a statement failed with one of these PostgreSQL error codes, looking through drizzle's wrapping. */
export function failedWith(error: unknown, ...sqlStates: string[]): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === "string" && sqlStates.includes(e.code)) return true;
  }
  return false;
}

/** PGlite takes a COPY per blob: fewer, larger statements load faster (measured: docs/benchmarks/020-series-import.md). */
const PGLITE_COPY_BYTES = 4 * 1024 * 1024;

/**
 * Stream batches into `target` (a table and column list) with `COPY … FROM`, in PostgreSQL's text
 * format or as CSV: through one `COPY … FROM STDIN` on postgres.js (with backpressure), through
 * `COPY … FROM '/dev/blob'` per 4 MB of batches on PGlite. Runs inside the transaction `tx`.
 */
export async function copyFrom(
  tx: Tx,
  target: string,
  batches: AsyncIterable<string | Uint8Array>,
  format: "text" | "csv" = "text",
): Promise<void> {
  const withFormat = format === "csv" ? " with (format csv)" : "";
  const client = driverClient(tx);
  if (client.kind === "postgres") {
    await copyFromStdin(client.sql, `copy ${target} from stdin${withFormat}`, batches);
    return;
  }
  let parts: BlobPart[] = [];
  let size = 0;
  const send = async () => {
    const blob = new Blob(parts);
    parts = [];
    size = 0;
    await client.tx.query(`copy ${target} from '/dev/blob'${withFormat}`, [], { blob });
  };
  for await (const batch of batches) {
    parts.push(batch as string | Uint8Array<ArrayBuffer>);
    size += batch.length;
    if (size >= PGLITE_COPY_BYTES) await send();
  }
  if (size > 0) await send();
}

async function copyFromStdin(
  sql: PostgresTxSql,
  statement: string,
  batches: AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const query = sql.unsafe(statement);
  // NOTE: postgres.js 3.4.9 never settles the writable when the server rejects the COPY after the
  // last row was sent (porsager/postgres#1173): `pipeline` would hang with the transaction open.
  // The server's error still reaches the query's `reject`, so we listen there as well.
  const rejected = new Promise<never>((_, reject) => {
    const settle = query.reject.bind(query);
    query.reject = (error) => {
      reject(error);
      settle(error);
    };
  });
  const source = Readable.from(batches);
  const loaded = pipeline(source, await query.writable());
  try {
    await Promise.race([loaded, rejected]);
  } catch (error) {
    source.destroy();
    throw error;
  } finally {
    loaded.catch(() => {});
    rejected.catch(() => {});
  }
}

/** The driver client behind a drizzle transaction: postgres.js `Sql` or a PGlite `Transaction`. */
type DriverClient = { kind: "postgres"; sql: PostgresTxSql } | { kind: "pglite"; tx: PgliteTx };

interface PostgresTxSql {
  unsafe(query: string): PostgresQuery;
}

interface PostgresQuery {
  writable(): Promise<NodeJS.WritableStream>;
  /** postgres.js settles the query through this property (see `copyFromStdin`). */
  reject(error: unknown): void;
}

interface PgliteTx {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

function driverClient(tx: Tx): DriverClient {
  // NOTE: drizzle keeps the transaction's driver client on its session; there is no public accessor.
  const client = (tx as unknown as { _: { session: { client: unknown } } })._.session.client;
  if (typeof client === "function" && "unsafe" in client) {
    return { kind: "postgres", sql: client as PostgresTxSql };
  }
  if (client && typeof (client as PgliteTx).query === "function") {
    return { kind: "pglite", tx: client as PgliteTx };
  }
  throw new Error("copyFrom: unsupported database driver");
}
