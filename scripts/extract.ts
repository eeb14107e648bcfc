/**
 * Extract money amounts and percentages from article text files, without a database.
 *
 *   npm run --silent extract -- --json FILE_OR_DIR...   one JSON array on stdout
 *   npm run extract -- FILE_OR_DIR...                   a readable table per file
 *
 * Exchange rates come from the shipped data/fx_*_daily.csv files. Problems with a file are
 * reported on stderr as `file:line: message`; the other files are still processed, and the exit
 * code is 1 when any file failed (2 for a usage error).
 *
 * `npm run extract` runs this file compiled (build/cli/extract.mjs, see scripts/cli.mjs). Output
 * is written file by file as it is ready, so memory stays flat however many files there are; when
 * there is enough work to pay for their start-up (threadsFor), worker threads take batches beside
 * the main thread, and output is still printed in order.
 */
import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  isMainThread,
  MessageChannel,
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  Worker,
  workerData,
} from "node:worker_threads";
import { extractFromText, type ArticleError } from "../app/lib/extract";
import { formatAmount, formatFigureValue } from "../app/lib/extract/format";
import type { FxTable } from "../app/lib/fx";
import { formatFileError } from "../app/lib/file-error";
import { expandArticlePaths } from "../app/models/article-files.server";
import { parseCommandLine, UsageError } from "./lib/args";
import { loadFxTableCached, loadFxTableFromFiles } from "./lib/fx-files";
import { ResultJsonWriter, type FileResult } from "./lib/result-json";

const USAGE = `usage: npm run --silent extract -- [--json] FILE_OR_DIR...

Extracts money amounts and percentages (tariff rates and others) from article text files
(line 1 title, line 2 'YYYY-MM-DD HH:MM:SS' UTC, then the body). A directory stands for its
*.txt files. --json prints one JSON array with an element per file on stdout.`;

/** The repository root: the nearest folder above this module (source or compiled) with a package.json. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

const REPO_ROOT = findRepoRoot();

/**
 * The exchange rates as an earlier run parsed them from data/ (see loadFxTableCached), beside the
 * compiled CLI, whose own identity is part of the cache's key: a rebuilt parser parses again. Run
 * from source, there is no cache.
 */
function loadFxTable(): FxTable {
  const dataDir = path.join(REPO_ROOT, "data");
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith(".ts")) return loadFxTableFromFiles(dataDir);
  return loadFxTableCached(dataDir, path.join(path.dirname(self), "fx-points.cache"), self);
}

export type { FileResult, JsonFigure } from "./lib/result-json";

/**
 * A file's text for the extractor: Node's own decoder where the bytes are valid UTF-8 without NUL
 * bytes (TextDecoder's fatal mode, which textToArticle uses, took about a tenth of the extraction
 * time), with a leading BOM dropped as TextDecoder drops it; anything else stays bytes, for
 * textToArticle's error message.
 */
function articleInput(bytes: Buffer): string | Buffer {
  if (bytes.length === 0 || bytes.includes(0) || !isUtf8(bytes)) return bytes;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString("utf8", bom);
}

/** A file as the extractor takes it (articleInput), or why it could not be read. */
type ArticleInput = string | Uint8Array | { unreadable: string };

function readArticleInput(file: string): ArticleInput {
  try {
    return articleInput(fs.readFileSync(file));
  } catch (e) {
    return { unreadable: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

function extractInput(file: string, input: ArticleInput, fx: FxTable): FileResult {
  if (typeof input === "object" && "unreadable" in input)
    return {
      file,
      title: null,
      publishedAt: null,
      figures: [],
      errors: [{ line: null, message: `cannot read: ${input.unreadable}` }],
    };
  // articleInput decodes only bytes without NUL
  const { article, figures, errors } = extractFromText(input, fx, { nulChecked: true });
  return {
    file,
    title: article ? article.title : null,
    publishedAt: article ? article.publishedAt.toISOString() : null,
    figures,
    errors,
  };
}

export function extractFile(file: string, fx: FxTable): FileResult {
  return extractInput(file, readArticleInput(file), fx);
}

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const MAX_TEXT = 40;

function renderTable(result: FileResult): string {
  const head = `${result.file}: ${result.title ?? "(no title)"}${result.publishedAt ? ` (${result.publishedAt})` : ""}`;
  if (result.title === null) return `${head}\n  not extracted, see errors\n`;
  if (result.figures.length === 0) return `${head}\n  no figures\n`;
  const rows = [
    ["#", "text", "kind", "value", "currency", "USD value", "tariff?", "direction", "role", "note"],
  ];
  result.figures.forEach((f, i) => {
    const text = f.text.length > MAX_TEXT ? `${f.text.slice(0, MAX_TEXT - 1)}…` : f.text;
    const note = [f.sameAs !== null ? `same as #${f.sameAs}` : "", f.flag ?? ""]
      .filter(Boolean)
      .join("; ");
    rows.push([
      String(i),
      text,
      f.kind === "money" ? "money" : "rate",
      formatFigureValue({ ...f, currency: null }),
      f.currency ?? "",
      f.valueUsd === null ? "" : formatAmount(f.valueUsd),
      f.tariffRelated ? "yes" : "no",
      f.direction ?? "",
      f.inTitle ? `${f.role} (title)` : f.role,
      note,
    ]);
  });
  return `${head}\n${table(rows, new Set([0, 3, 5]))}\n`;
}

/**
 * One file's output: its JSON array element as UTF-8 bytes (indented to sit inside the array), or
 * its table. A worker hands the text over as bytes, moved rather than copied.
 */
interface FileOutput {
  text: string | Uint8Array<ArrayBuffer>;
  stderr: string;
  failed: boolean;
}

/** Writes JSON elements as UTF-8 bytes (one per thread: it reuses its buffer). */
let jsonWriter: ResultJsonWriter | null = null;

function outputOf(result: FileResult, json: boolean): FileOutput {
  return {
    text: json ? (jsonWriter ??= new ResultJsonWriter()).element(result) : renderTable(result),
    stderr: result.errors
      .map((e) => `${formatFileError(result.file, e.line, e.message)}\n`)
      .join(""),
    failed: result.errors.length > 0,
  };
}

type Entry = { file: string; error: ArticleError | null };

/** The size of the files to extract, for choosing the thread count (unreadable ones count 0). */
function articleMegabytes(entries: Entry[]): number {
  let bytes = 0;
  for (const { file, error } of entries) {
    if (error) continue;
    try {
      bytes += fs.statSync(file).size;
    } catch {
      // reported when the file is read
    }
  }
  return bytes / 1e6;
}

function articleEntries(paths: string[]): Entry[] {
  const { files, skipped } = expandArticlePaths(paths);
  for (const entry of skipped) process.stderr.write(`skipped ${entry.path}: ${entry.reason}\n`);
  return files.map(({ file, error }) => ({
    file,
    error: error === null ? null : { line: null, message: error },
  }));
}

function outputsFor(entries: Entry[], fx: FxTable, json: boolean): FileOutput[] {
  return entries.map((entry) => outputFor(entry, null, fx, json));
}

/** One entry's output, from its input when a reader thread has read it already. */
function outputFor(
  { file, error }: Entry,
  input: ArticleInput | null,
  fx: FxTable,
  json: boolean,
): FileOutput {
  return outputOf(
    error
      ? { file, title: null, publishedAt: null, figures: [], errors: [error] }
      : extractInput(file, input ?? readArticleInput(file), fx),
    json,
  );
}

/** Files a reader thread keeps read ahead of the main thread (memory stays flat). */
const READ_AHEAD_FILES = 8;
/** Files the main thread takes before it wakes the reader again (a wake-up is a system call). */
const READ_BATCH_FILES = 4;
const READER_FLAG = "tradewar-extract-reader";

/** Cells of the state the main thread and the reader share (Int32Array on a SharedArrayBuffer). */
const WANTED = 0; // the file the main thread is at
const DELIVERED = 1; // files the reader has posted
const STOP = 2; // 1 once the main thread needs no more
const CLAIMS = 3; // then one cell per file: who reads it
const UNCLAIMED = 0;
const BY_READER = 1;
const BY_MAIN = 2;

/** How long the main thread blocks for a file the reader is reading before letting events in. */
const READER_WAIT_MS = 50;

/**
 * Reads and decodes the files on another thread, in order, while the main thread extracts
 * (reading and decoding were about a tenth of one thread's time on the bench corpus).
 *
 * Each file is claimed by one side through shared memory: the reader claims the files ahead of the
 * main thread, and the main thread reads a file itself when the reader has not claimed it yet (the
 * first ones, while the reader starts). The main thread takes the reader's files synchronously
 * from the port and blocks only while the reader finishes one it is reading: waiting on the event
 * loop, it got the reader's files in bursts and waited for some of them (about 60 times).
 */
class ArticleReader {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private readonly received = new Map<number, ArticleInput>();
  private failure: Error | null = null;
  private exited = false;

  constructor(private readonly files: string[]) {
    this.state = new Int32Array(new SharedArrayBuffer(4 * (CLAIMS + files.length)));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL(import.meta.url), {
      workerData: { [READER_FLAG]: true, files, state: this.state, port: port2 },
      transferList: [port2],
    });
    this.worker.on("error", (error) => (this.failure ??= error));
    this.worker.on("exit", () => (this.exited = true));
  }

  /** The input of file `index` (the files are asked for in order). */
  async input(index: number): Promise<ArticleInput> {
    const state = this.state;
    Atomics.store(state, WANTED, index);
    // The reader sleeps until it may read more; woken every few files, it reads a few in a row.
    if (index % READ_BATCH_FILES === 0) Atomics.notify(state, WANTED);
    if (Atomics.compareExchange(state, CLAIMS + index, UNCLAIMED, BY_MAIN) === UNCLAIMED)
      return readArticleInput(this.files[index]);
    for (;;) {
      const delivered = Atomics.load(state, DELIVERED);
      for (let m; (m = receiveMessageOnPort(this.port));) {
        const { index: i, input } = m.message as { index: number; input: ArticleInput };
        this.received.set(i, input);
      }
      const input = this.received.get(index);
      if (input !== undefined) {
        this.received.delete(index);
        return input;
      }
      if (this.failure) throw this.failure;
      // every file the reader claimed was posted before it ended
      if (this.exited) throw new Error(`the file reader ended without ${this.files[index]}`);
      if (Atomics.wait(state, DELIVERED, delivered, READER_WAIT_MS) === "timed-out")
        await new Promise((resolve) => setImmediate(resolve)); // lets the worker's events in
    }
  }

  close(): Promise<number> {
    Atomics.store(this.state, STOP, 1);
    Atomics.notify(this.state, WANTED);
    this.port.close();
    return this.worker.terminate();
  }
}

/** The reader thread's loop: each file the main thread has not claimed, up to a few files ahead. */
function runReader(): void {
  const { files, state, port } = workerData as {
    files: string[];
    state: Int32Array;
    port: MessagePort;
  };
  for (let i = 0; i < files.length; i++) {
    for (let wanted; i >= (wanted = Atomics.load(state, WANTED)) + READ_AHEAD_FILES;) {
      if (Atomics.load(state, STOP)) break;
      Atomics.wait(state, WANTED, wanted);
    }
    if (Atomics.load(state, STOP)) break;
    if (Atomics.compareExchange(state, CLAIMS + i, UNCLAIMED, BY_READER) !== UNCLAIMED) continue;
    port.postMessage({ index: i, input: readArticleInput(files[i]) });
    Atomics.add(state, DELIVERED, 1);
    Atomics.notify(state, DELIVERED);
  }
  port.close();
}

/** The shipped exchange rates could not be read: nothing can be converted, so nothing is extracted. */
class FxLoadError extends Error {}

/** Fewer files than this are extracted on the main thread: workers cost more than they save. */
const MIN_FILES_FOR_WORKERS = 8;
const WORKER_FLAG = "tradewar-extract-worker";

/**
 * What one more extracting thread costs, in megabytes of article text a warm thread extracts and
 * writes in the same CPU time (about 35 ms per MB; measured on the bench corpus, docs/decisions/065):
 * starting a worker and loading the extractor into it (about 80 ms before it takes any work); its
 * exchange rates and first, slow files on the thread itself; and V8's optimising compiler on
 * background threads, about 0.4 s, which need a core of their own meanwhile.
 */
const THREAD_START_COST_MB = 2;
const THREAD_OWN_COST_MB = 7;
const THREAD_COMPILE_COST_MB = 11;

/**
 * Threads to extract `megabytes` on `cores` cores: the count the costs above say finishes first.
 * With `k` threads the run takes at least the CPU of all of them spread over the cores, and at
 * least one thread's own warm-up plus its share of the work (workers starting late). On two cores
 * one thread, its compiler using the other core, comes out ahead below about 24 MB. When the load
 * average is already at or above the core count there is no idle core, and the main thread works
 * alone (docs/decisions/058).
 */
export function threadsFor(megabytes: number, cores: number, loadAverage: number): number {
  if (loadAverage >= cores) return 1;
  const estimate = (k: number) =>
    Math.max(
      (k * (THREAD_OWN_COST_MB + THREAD_COMPILE_COST_MB) +
        (k - 1) * THREAD_START_COST_MB +
        megabytes) /
        cores,
      THREAD_OWN_COST_MB + ((k - 1) * THREAD_START_COST_MB + megabytes) / k,
    );
  let best = 1;
  for (let k = 2; k <= cores; k++) if (estimate(k) < estimate(best)) best = k;
  return best;
}

/** `EXTRACT_THREADS` when set (a whole number from 1), otherwise threadsFor this machine. */
function threadCount(megabytes: number): number {
  const forced = process.env.EXTRACT_THREADS;
  if (forced !== undefined && /^[1-9]\d*$/.test(forced)) return Number(forced);
  return threadsFor(megabytes, os.availableParallelism(), os.loadavg()[0]);
}

/**
 * Outputs in file order. With many files, the main thread extracts batches itself and one worker
 * per further core takes batches as it finishes its last; finished batches wait only for the
 * ones before them. (A worker per core, with the main thread only writing, spent more on its
 * extra start-up and warm-up than it gave back on two cores.)
 */
async function* orderedOutputs(
  entries: Entry[],
  json: boolean,
  loadFx: () => FxTable,
): AsyncGenerator<FileOutput[]> {
  const workerCount = Math.min(
    threadCount(articleMegabytes(entries)) - 1,
    Math.floor(entries.length / 4),
  );
  // Run from source (tsx), a worker could not load this TypeScript file: stay on one thread.
  const compiled = !import.meta.url.endsWith(".ts");
  if (!compiled || entries.length < MIN_FILES_FOR_WORKERS) {
    const fx = loadFx();
    for (const entry of entries) yield outputsFor([entry], fx, json);
    return;
  }
  if (workerCount < 1) {
    const readable = entries.filter((e) => !e.error);
    const reader = new ArticleReader(readable.map((e) => e.file));
    try {
      const fx = loadFx();
      let read = 0;
      for (const entry of entries)
        yield [outputFor(entry, entry.error ? null : await reader.input(read++), fx, json)];
    } finally {
      await reader.close();
    }
    return;
  }
  const threads = workerCount + 1;
  const batchSize = Math.max(1, Math.min(16, Math.ceil(entries.length / (threads * 8))));
  const batches: Entry[][] = [];
  for (let i = 0; i < entries.length; i += batchSize) batches.push(entries.slice(i, i + batchSize));
  const done = new Map<number, FileOutput[]>();
  let next = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  // The first batch is the main thread's: it can start at once, while workers start up.
  let mine = next++;
  const workers = Array.from({ length: workerCount }, () => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { [WORKER_FLAG]: true, json },
    });
    let queued = 0;
    const give = () => {
      if (next < batches.length) {
        worker.postMessage({ id: next, entries: batches[next++] });
        queued++;
      } else if (queued === 0) void worker.terminate();
    };
    worker.on("message", (message: { id: number; outputs: FileOutput[] } | { fatal: string }) => {
      if ("fatal" in message) failure ??= new FxLoadError(message.fatal);
      else {
        done.set(message.id, message.outputs);
        queued--;
        give();
      }
      wake?.();
    });
    worker.on("error", (error) => {
      failure ??= error;
      wake?.();
    });
    // Two batches each to start, so a worker always has the next one queued and never waits
    // for the main thread (on a busy machine, a round trip can take a scheduler time slice).
    give();
    give();
    return worker;
  });
  try {
    const fx = loadFx();
    for (let id = 0; id < batches.length; id++) {
      while (!done.has(id)) {
        if (failure) throw failure;
        if (mine < 0 && next < batches.length) mine = next++;
        if (mine < 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        // File by file, letting the workers' messages in between, so that a worker that
        // finishes a batch gets its next one at once.
        const outputs: FileOutput[] = [];
        for (const entry of batches[mine]) {
          outputs.push(...outputsFor([entry], fx, json));
          await new Promise((resolve) => setImmediate(resolve));
        }
        done.set(mine, outputs);
        mine = -1;
      }
      yield done.get(id)!;
      done.delete(id);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Where the output goes: each write resolves once more may be written, `end` once all is out. */
interface Sink {
  write(text: string | Uint8Array): Promise<void> | void;
  end(): Promise<void>;
}

/** Writes waiting at most, in bytes, before the main thread waits for the disk. */
const MAX_PENDING_BYTES = 16 << 20;
/** Bytes after which the main thread lets the event loop run, so that writes keep going. */
const YIELD_BYTES = 1 << 20;

/**
 * A regular file is written from libuv's thread pool while the main thread extracts the next files
 * (writing the bench's 57 MB blocked the main thread for about 40 ms when done in line). What
 * arrives while a write is under way is written next, all at once (one `writev`): the main thread
 * returns to the event loop only now and then, so writing element by element left most of the
 * output waiting. Pipes and terminals keep process.stdout, which knows their non-blocking mode (a
 * pipe shared with stderr may be in it) and readers that close early.
 */
class FileSink implements Sink {
  private queued: Uint8Array[] = [];
  /** Bytes queued or being written. */
  private pending = 0;
  private writing = false;
  /** Bytes given since the main thread last let the event loop run. */
  private sinceYield = 0;
  private failure: Error | null = null;
  private roomWaiters: Array<() => void> = [];
  private doneWaiters: Array<() => void> = [];

  constructor(private readonly fd: number) {}

  write(text: string | Uint8Array): Promise<void> | void {
    if (this.failure) throw this.failure;
    const bytes = typeof text === "string" ? Buffer.from(text) : text;
    this.queued.push(bytes);
    this.pending += bytes.length;
    if (!this.writing) this.writeQueued();
    if (this.pending > MAX_PENDING_BYTES)
      return new Promise((resolve) => this.roomWaiters.push(resolve));
    this.sinceYield += bytes.length;
    if (this.sinceYield >= YIELD_BYTES) {
      // the main thread rarely waits for anything: let a finished write's callback in
      this.sinceYield = 0;
      return new Promise((resolve) => setImmediate(resolve));
    }
  }

  private writeQueued(): void {
    const batch = this.queued;
    this.queued = [];
    this.writing = batch.length > 0 && !this.failure;
    if (this.writing) this.writeBatch(batch);
    else for (const resolve of this.doneWaiters.splice(0)) resolve();
  }

  private writeBatch(batch: Uint8Array[]): void {
    fs.writev(this.fd, batch, (error, written) => {
      if (error) {
        this.failure ??= error;
        this.queued = [];
        this.pending = 0;
      } else if (written === 0 && batch.some((bytes) => bytes.length > 0)) {
        this.failure ??= new Error("output file took no bytes");
        this.queued = [];
        this.pending = 0;
      } else {
        this.pending -= written;
        // a short write leaves the rest of the batch to write first
        let done = 0;
        while (done < batch.length && written >= batch[done].length)
          written -= batch[done++].length;
        if (done < batch.length) {
          const rest = batch.slice(done);
          rest[0] = rest[0].subarray(written);
          this.writeBatch(rest);
          return;
        }
      }
      while (this.roomWaiters.length > 0 && (this.pending <= MAX_PENDING_BYTES || this.failure))
        this.roomWaiters.shift()!();
      this.writeQueued();
    });
  }

  async end(): Promise<void> {
    if (this.writing) await new Promise<void>((resolve) => this.doneWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }
}

class StreamSink implements Sink {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  /** Resolves once the stream can take more, so output never piles up in memory. */
  write(text: string | Uint8Array): Promise<void> | void {
    const stream = this.stream;
    if (!stream.write(text)) return new Promise((resolve) => stream.once("drain", () => resolve()));
  }

  async end(): Promise<void> {}
}

function stdoutSink(): Sink {
  let regularFile = false;
  try {
    regularFile = fs.fstatSync(1).isFile();
  } catch {
    // not open: process.stdout reports it as Node does
  }
  if (regularFile) return new FileSink(1);
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as other CLIs do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  return new StreamSink(process.stdout);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv, { json: { type: "boolean" } });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`extract: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals: paths } = parsed;
  const json = values.json === true;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (paths.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  const out = stdoutSink();
  const loadFx = () => {
    try {
      return loadFxTable();
    } catch (e) {
      throw new FxLoadError((e as Error).message);
    }
  };
  let failed = false;
  let first = true;
  try {
    for await (const outputs of orderedOutputs(articleEntries(paths), json, loadFx)) {
      for (const output of outputs) {
        if (output.stderr) process.stderr.write(output.stderr);
        if (output.failed) failed = true;
        const separator = first ? (json ? "[\n" : "") : json ? ",\n" : "\n";
        first = false;
        if (typeof output.text === "string") await out.write(separator + output.text);
        else {
          if (separator) await out.write(separator);
          await out.write(output.text);
        }
      }
    }
    if (json) await out.write(first ? "[]\n" : "\n]\n");
    await out.end();
  } catch (e) {
    process.stderr.write(
      e instanceof FxLoadError
        ? `extract: cannot load exchange rates: ${e.message}\n`
        : `extract: ${(e as Error).message}\n`,
    );
    return 1;
  }
  return failed ? 1 : 0;
}

/** A worker's loop: load the exchange rates once, then extract each batch it is given. */
function runWorker(): void {
  let fx: FxTable;
  try {
    fx = loadFxTable();
  } catch (e) {
    parentPort!.postMessage({ fatal: (e as Error).message });
    return;
  }
  const json = (workerData as { json: boolean }).json;
  const encoder = new TextEncoder();
  parentPort!.on("message", ({ id, entries }: { id: number; entries: Entry[] }) => {
    // Encoded here, in parallel, and transferred: the main thread only writes the bytes. (A JSON
    // element is a view into the writer's buffer, copied so that only its own bytes move.)
    const outputs = outputsFor(entries, fx, json).map((output) => ({
      ...output,
      text:
        typeof output.text === "string" ? encoder.encode(output.text) : new Uint8Array(output.text),
    }));
    parentPort!.postMessage(
      { id, outputs },
      outputs.map((output) => output.text.buffer),
    );
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  runWorker();
} else if (!isMainThread && (workerData as Record<string, unknown> | null)?.[READER_FLAG]) {
  runReader();
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
