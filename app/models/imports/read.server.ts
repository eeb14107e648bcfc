/**
 * Reading an import's input: one pass over the bytes that hashes them, finds the layout from the
 * header and hands the points on as `COPY` batches (see docs/decisions/020-series-import-pipeline.md).
 */
import crypto from "node:crypto";
import { copyNumber, createSeriesParser, type SeriesParser } from "~/lib/import/parser";
import type { TariffEventInput } from "~/lib/import/types";

export interface ImportProgress {
  bytes: number;
  points: number;
}

export interface ImportFileOptions {
  /** Recorded on the import row and used in error reports; also matched (by base name) against the catalogue. */
  fileName: string;
  /** The file content, when it is already in memory. */
  text?: string;
  /**
   * The file content as a one-shot stream, read once in constant memory. Such an import always goes
   * through the staging table, since a direct load may need to read the file a second time.
   */
  stream?: AsyncIterable<Uint8Array | string>;
  /**
   * Open the file content as a fresh stream (e.g. `() => fs.createReadStream(path)`); preferred over
   * `stream`. Usually called once; twice when a direct load meets a repeated date and falls back.
   */
  openStream?(): AsyncIterable<Uint8Array | string>;
  /** Points per staging batch (default 10,000). */
  batchSize?: number;
  onProgress?(progress: ImportProgress): void;
}

const DEFAULT_BATCH = 10_000;
const TEXT_SLICE = 256 * 1024;

/** The input once, from the start, as bytes: the text, a fresh stream from `openStream`, or the one-shot `stream`. */
async function* inputChunks(options: ImportFileOptions): AsyncGenerator<Uint8Array> {
  const source: AsyncIterable<Uint8Array | string> | null =
    options.openStream?.() ?? options.stream ?? null;
  if (source) {
    for await (const chunk of source) {
      yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    }
    return;
  }
  const bytes = Buffer.from(options.text ?? "", "utf8");
  for (let start = 0; start < bytes.length; start += TEXT_SLICE) {
    yield bytes.subarray(start, start + TEXT_SLICE);
  }
}

/** Whether the input can be read a second time (needed to fall back from the direct load). */
export function canReadAgain(options: ImportFileOptions): boolean {
  return options.openStream !== undefined || options.stream === undefined;
}

/** One parsed point as a `COPY` text row (tab-separated, newline-terminated). */
export type RowFormat = (column: number, date: string, cell: string, line: number) => string;

/**
 * One pass over the input: bytes are hashed and parsed chunk by chunk. `readHeader` reads just far
 * enough to know the layout and columns; the caller then picks the output: points as `COPY` text
 * rows (`batches`), or, for a `date,value` layout, the data lines as CSV (`csvBatches`).
 */
export interface ReadPass {
  readonly parser: SeriesParser;
  readonly events: TariffEventInput[];
  readHeader(): Promise<void>;
  /** Every point of the file as `COPY` text batches in the given row format. */
  batches(format: RowFormat): AsyncGenerator<string>;
  /** Every point of the file as `date,value` lines for `COPY … (FORMAT csv)`, in byte batches. */
  csvBatches(): AsyncGenerator<Uint8Array>;
  contentHash(): string;
  /** Close the input if it is still open (a load that failed before reading it to the end). */
  close(): Promise<void>;
}

export function startReadPass(options: ImportFileOptions, columns: string[] | undefined): ReadPass {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const hash = crypto.createHash("sha256");
  const events: TariffEventInput[] = [];
  const input = inputChunks(options);
  let rowFormat: RowFormat | null = null;
  let buffer: string[] = [];
  let bytes = 0;
  let ended = false;
  /** Bytes after the header, read with it, held until the output is picked. */
  let afterHeader: Uint8Array | null = null;
  let headerDone = false;
  /** Set once `batches` or `csvBatches` runs: bytes after the header then go straight to the parser. */
  let outputPicked = false;

  const parser: SeriesParser = createSeriesParser({
    fileName: options.fileName,
    columns,
    onPoint(column, date, value, line, text) {
      if (parser.errorCount > 0) return;
      if (!rowFormat) throw new Error("importFile: a point arrived before the output was picked");
      buffer.push(rowFormat(column, date, copyNumber(value, text), line));
    },
    onEvent(event) {
      events.push(event);
    },
  });

  /** Feed the next chunk to the parser; false once the input is exhausted (or not worth reading). */
  async function readChunk(): Promise<boolean> {
    if (ended) return false;
    const next = await input.next();
    if (!next.done) {
      const chunk = next.value;
      hash.update(chunk);
      bytes += chunk.byteLength;
      if (headerDone) {
        parser.writeBytes(chunk);
      } else {
        const rest = parser.writeHeaderBytes(chunk);
        headerDone = rest !== null;
        if (rest !== null && outputPicked) parser.writeBytes(rest);
        else afterHeader = rest;
      }
      options.onProgress?.({ bytes, points: parser.points });
      // An unrecognised header makes the rest of the file meaningless: stop reading.
      if (!(parser.format === null && parser.errorCount > 0)) return true;
      await input.return(undefined);
    }
    ended = true;
    parser.end();
    return false;
  }

  /** Read to the end, yielding whatever `take` has gathered after each chunk. */
  async function* drain<T>(take: (final: boolean) => T | null): AsyncGenerator<T> {
    outputPicked = true;
    if (afterHeader) {
      const held = afterHeader;
      afterHeader = null;
      parser.writeBytes(held);
    }
    try {
      while (await readChunk()) {
        const batch = take(false);
        // After a bad row the file is rejected: read on for the error count, send nothing more, so
        // a later row the server would refuse cannot replace the line error with its own.
        if (batch !== null && parser.errorCount === 0) yield batch;
      }
      const last = parser.errorCount === 0 ? take(true) : null;
      if (last !== null) yield last;
    } finally {
      // Abandoned early (the load failed): close the file.
      if (!ended) await input.return(undefined);
    }
  }

  return {
    parser,
    events,
    async readHeader() {
      while (!headerDone && parser.errorCount === 0 && (await readChunk()));
    },
    batches(format) {
      rowFormat = format;
      return drain((final) => {
        if (buffer.length === 0 || (!final && buffer.length < batchSize)) return null;
        const text = buffer.join("");
        buffer = [];
        return text;
      });
    },
    csvBatches() {
      if (!headerDone && !ended)
        throw new Error("importFile: csvBatches before the header was read");
      let parts: Uint8Array[] = [];
      let size = 0;
      parser.emitCsv((part) => {
        parts.push(part);
        size += part.byteLength;
      });
      // One batch per input chunk: the runs are views into that chunk, so holding them longer
      // would keep whole chunks alive for a few value lines (a file that is mostly missing values).
      return drain(() => {
        if (size === 0) return null;
        const batch = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
        parts = [];
        size = 0;
        return batch;
      });
    },
    contentHash: () => hash.digest("hex"),
    async close() {
      if (!ended) {
        ended = true;
        await input.return(undefined);
      }
    },
  };
}
