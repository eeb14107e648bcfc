import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, count, desc, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/index";
import { articles, figures, type Article, type Figure, type NewFigure } from "../../db/schema";
import type { DateRange } from "~/lib/date-range";
import { formatFileError } from "~/lib/file-error";
import { articleToFigures, textToArticle } from "~/lib/extract";
import type { ExtractedFigure, FigureKind, StoredFigureFields } from "~/lib/extract/types";
import { FX_CURRENCIES, type FxTable } from "~/lib/fx";
import {
  parseArticleProvenance,
  PROVENANCE_FILE,
  UNRECORDED,
  type ArticleProvenance,
} from "~/lib/article-provenance";
import { expandArticlePaths, type SkippedPath } from "~/models/article-files.server";
import { getFxTable } from "~/models/series.server";

/**
 * "stored": a new article; "updated": an edited file replaced the article stored under its name
 * (text and figures, in one transaction); "unchanged": nothing to do.
 */
export type IngestStatus = "stored" | "updated" | "unchanged" | "failed";

export interface IngestError {
  /** 1-based line of the file, or null when the problem is the file as a whole. */
  line: number | null;
  message: string;
}

export interface IngestResult {
  status: IngestStatus;
  articleId?: number;
  figureCount?: number;
  errors: IngestError[];
}

export interface IngestFileResult {
  /** The path as given or as found in a folder. */
  file: string;
  status: IngestStatus;
  errors: IngestError[];
}

export interface IngestSummary {
  stored: number;
  updated: number;
  unchanged: number;
  failed: number;
  results: IngestFileResult[];
  /** Problems with the run as a whole that did not fail a file (e.g. no exchange rates imported). */
  warnings: string[];
  /** What the folders held that was deliberately not read (hidden entries, folders read already). */
  skipped: SkippedPath[];
}

export interface IngestProgress {
  /** Files finished so far, this one included. */
  done: number;
  total: number;
  file: string;
  status: IngestStatus;
}

export interface IngestPathsOptions {
  onProgress?: (progress: IngestProgress) => void;
  /** Files larger than this fail without being read (default 10 MB); articles are a few kB. */
  maxFileBytes?: number;
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** First key of the per-article advisory lock taken while storing or replacing ("ingt" in ASCII). */
const INGEST_LOCK_KEY = 0x696e6774;

/** Rows per figures insert: far below PostgreSQL's 65,535 bind parameters at ~20 columns a row. */
const FIGURE_BATCH = 500;

export function contentHash(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * Store one article file and its figures, converted with `fx`.
 *
 * The article's identity is `sourceKey` (its path inside the ingested folder; the file name when
 * not given). Same key and same bytes: "unchanged". Same key, new bytes: the stored article keeps
 * its id and gets the new text and figures ("updated"). Bytes already stored under another key:
 * "unchanged" with a warning, so identical text is never plotted twice.
 * Each write is one transaction, so a failure leaves the earlier version as it was.
 * Never throws for a bad file or a database error on it: those come back as "failed" with errors.
 */
export async function ingestArticle(
  db: Db,
  input: {
    fileName: string;
    sourceKey?: string;
    bytes: Uint8Array;
    provenance?: ArticleProvenance;
  },
  fx: FxTable,
): Promise<IngestResult> {
  const hash = contentHash(input.bytes);
  const sourceKey = input.sourceKey ?? input.fileName;
  const provenance = input.provenance ?? UNRECORDED;
  try {
    const current = await findArticleByKey(db, sourceKey);
    if (current?.contentHash === hash) {
      // The text is the same, but its manifest entry may be new (a database from before provenance);
      // written only when it differs, so an unchanged start writes nothing.
      if (
        input.provenance &&
        (current.kind !== provenance.kind || current.outlet !== provenance.outlet)
      )
        await db
          .update(articles)
          .set({ kind: provenance.kind, outlet: provenance.outlet })
          .where(eq(articles.id, current.id));
      return { status: "unchanged", articleId: current.id, errors: [] };
    }
    const sameText = await findArticleByHash(db, hash);
    // A concurrent run may have stored this very version under this key since the lookup above.
    if (sameText?.sourceKey === sourceKey) {
      return { status: "unchanged", articleId: sameText.id, errors: [] };
    }
    if (sameText !== null) return sameTextElsewhere(sameText, current !== null);

    const parsed = textToArticle(input.bytes);
    if (!parsed.article) {
      const errors =
        parsed.errors.length > 0 ? parsed.errors : [{ line: null, message: "not an article" }];
      return { status: "failed", errors };
    }
    const article = parsed.article;
    const extracted = articleToFigures(article, fx);
    const mismatch = checkOffsets(article.text, extracted);
    if (mismatch) return { status: "failed", errors: [mismatch] };
    const version = {
      contentHash: hash,
      fileName: input.fileName,
      title: article.title,
      publishedAt: article.publishedAt,
      kind: provenance.kind,
      outlet: provenance.outlet,
      body: article.text,
    };

    const outcome = await db.transaction(async (tx): Promise<IngestResult> => {
      // Two runs on the same key (e.g. two ingests of one folder) take turns here: the second
      // then finds the first one's version and reports it unchanged instead of storing a twin.
      await tx.execute(
        sql`select pg_advisory_xact_lock(${INGEST_LOCK_KEY}::int, hashtext(${sourceKey}))`,
      );
      const [stored] = await tx
        .select({ id: articles.id, contentHash: articles.contentHash })
        .from(articles)
        .where(eq(articles.sourceKey, sourceKey));
      if (stored?.contentHash === hash) {
        return { status: "unchanged", articleId: stored.id, errors: [] };
      }
      let articleId: number;
      if (stored) {
        const [row] = await tx
          .update(articles)
          .set({ ...version, ingestedAt: new Date(), revision: sql`${articles.revision} + 1` })
          .where(eq(articles.id, stored.id))
          .returning({ id: articles.id });
        await tx.delete(figures).where(eq(figures.articleId, row.id));
        articleId = row.id;
      } else {
        const [row] = await tx
          .insert(articles)
          .values({ ...version, sourceKey })
          // Only the hash can clash here (the key is locked): the same text arrived under
          // another name since the check above.
          .onConflictDoNothing({ target: articles.contentHash })
          .returning({ id: articles.id });
        if (!row) return { status: "unchanged", errors: [] };
        articleId = row.id;
      }
      const rows = extracted.map((figure, index) =>
        toFigureRow(articleId, figure, index, extracted.length),
      );
      for (let i = 0; i < rows.length; i += FIGURE_BATCH) {
        await tx.insert(figures).values(rows.slice(i, i + FIGURE_BATCH));
      }
      return {
        status: stored ? "updated" : "stored",
        articleId,
        figureCount: extracted.length,
        errors: parsed.errors,
      };
    });
    if (outcome.status === "unchanged" && outcome.articleId === undefined) {
      const winner = await findArticleByHash(db, hash);
      return winner ? sameTextElsewhere(winner, false) : outcome;
    }
    return outcome;
  } catch (error) {
    return { status: "failed", errors: [{ line: null, message: describeError(error) }] };
  }
}

/**
 * The bytes are already stored as another article. A new name is a copy or a rename: nothing
 * to store, but say so. An edited file that now equals another article would leave its own
 * stored version stale, so it fails rather than pretend to be up to date.
 */
function sameTextElsewhere(
  other: { id: number; sourceKey: string | null },
  replacing: boolean,
): IngestResult {
  const where = `article ${other.id}${other.sourceKey ? ` (${other.sourceKey})` : ""}`;
  if (replacing) {
    return {
      status: "failed",
      errors: [
        {
          line: null,
          message: `the edited text is identical to ${where}; an article is not stored twice`,
        },
      ],
    };
  }
  return {
    status: "unchanged",
    articleId: other.id,
    errors: [{ line: null, message: `same text as ${where}, which is stored already` }],
  };
}

/**
 * Ingest files and folders (a folder means its `*.txt` files, sorted by name; not recursive).
 * Files are read and stored one at a time so memory stays flat however many there are,
 * and one bad file does not stop the rest. The exchange-rate table is loaded once for the run.
 */
export async function ingestPaths(
  db: Db,
  paths: string[],
  options: IngestPathsOptions = {},
): Promise<IngestSummary> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const summary: IngestSummary = {
    stored: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    results: [],
    warnings: [],
    skipped: [],
  };
  const record = (file: string, status: IngestStatus, errors: IngestError[], total: number) => {
    summary[status] += 1;
    summary.results.push({ file, status, errors });
    options.onProgress?.({ done: summary.results.length, total, file, status });
  };

  const { files: entries, skipped } = expandArticlePaths(paths);
  summary.skipped = skipped;
  const fx = await getFxTable(db);
  if (!hasAnyRate(fx)) {
    summary.warnings.push(
      "No exchange-rate series are imported, so non-USD amounts get no USD value: run `npm run import` first.",
    );
  }

  // Each folder's provenance.csv, read once: which files are news reports (and by whom) or briefs.
  const manifests = new Map<string, Promise<ManifestRead>>();
  const manifestOf = (dir: string) => {
    if (!manifests.has(dir)) manifests.set(dir, readManifest(dir));
    return manifests.get(dir)!;
  };
  const keysSeen = new Map<string, string>();
  for (const entry of entries) {
    if (entry.error !== null) {
      record(entry.file, "failed", [{ line: null, message: entry.error }], entries.length);
      continue;
    }
    const earlier = keysSeen.get(entry.key);
    if (earlier !== undefined) {
      // Same name from two folders in one run: the second would silently replace the first.
      const message = `has the same name (${entry.key}) as ${earlier} in this run; ingest the folders separately if one should replace the other`;
      record(entry.file, "failed", [{ line: null, message }], entries.length);
      continue;
    }
    keysSeen.set(entry.key, entry.file);
    const manifest = await manifestOf(path.dirname(entry.file));
    if (manifest.errors.length > 0) {
      record(entry.file, "failed", manifest.errors, entries.length);
      continue;
    }
    let result: IngestResult;
    try {
      const stat = await fs.stat(entry.file);
      if (!stat.isFile()) {
        result = { status: "failed", errors: [{ line: null, message: "not a regular file" }] };
      } else if (stat.size > maxBytes) {
        result = {
          status: "failed",
          errors: [
            {
              line: null,
              message: `file is ${stat.size} bytes, over the ${maxBytes}-byte limit for an article`,
            },
          ],
        };
      } else {
        const bytes = await fs.readFile(entry.file);
        const fileName = path.basename(entry.file);
        const provenance = manifest.entries.get(fileName);
        result = await ingestArticle(db, { fileName, sourceKey: entry.key, bytes, provenance }, fx);
      }
    } catch (error) {
      result = { status: "failed", errors: [{ line: null, message: describeError(error) }] };
    }
    record(entry.file, result.status, result.errors, entries.length);
  }
  return summary;
}

interface ManifestRead {
  entries: Map<string, ArticleProvenance>;
  errors: IngestError[];
}

/** A folder's provenance manifest; none means nothing is recorded about its articles. */
async function readManifest(dir: string): Promise<ManifestRead> {
  const file = path.join(dir, PROVENANCE_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { entries: new Map(), errors: [] };
    return {
      entries: new Map(),
      errors: [{ line: null, message: `${file}: ${describeError(error)}` }],
    };
  }
  const parsed = parseArticleProvenance(text);
  return {
    entries: parsed.entries,
    // The article is fine; its folder's manifest is not, so name the manifest's line in the message.
    errors: parsed.errors.map((error) => ({
      line: null,
      message: formatFileError(file, error.line, error.message),
    })),
  };
}

export type ReextractStatus = "changed" | "unchanged" | "failed";

export interface ReextractSummary {
  changed: number;
  unchanged: number;
  failed: number;
  figuresBefore: number;
  figuresAfter: number;
  /** Articles whose figures changed or could not be re-extracted. */
  results: { articleId: number; file: string; status: ReextractStatus; errors: IngestError[] }[];
  warnings: string[];
}

export interface ReextractOptions {
  onProgress?: (progress: { done: number; total: number; status: ReextractStatus }) => void;
}

/** An article as stored: enough to show it or extract its figures again. */
const STORED_ARTICLE = {
  id: articles.id,
  fileName: articles.fileName,
  title: articles.title,
  publishedAt: articles.publishedAt,
  kind: articles.kind,
  outlet: articles.outlet,
  body: articles.body,
};

/** Articles read per query while re-extracting, so memory does not grow with the archive. */
const REEXTRACT_PAGE = 100;
/** First key of the per-article advisory lock taken while re-extracting ("reex" in ASCII). */
const REEXTRACT_LOCK_KEY = 0x72656578;

/**
 * Extract the figures of every stored article again, from its stored text, with the current
 * extractor and exchange rates. An article whose figures come out different gets the new ones in a
 * single transaction (delete, then insert); one whose figures are equal is left alone; a failure
 * keeps the figures it had. Used after the extractor improves, or after exchange rates arrive that
 * were missing when the articles were ingested.
 */
export async function reextractArticles(
  db: Db,
  options: ReextractOptions = {},
): Promise<ReextractSummary> {
  const summary: ReextractSummary = {
    changed: 0,
    unchanged: 0,
    failed: 0,
    figuresBefore: 0,
    figuresAfter: 0,
    results: [],
    warnings: [],
  };
  const fx = await getFxTable(db);
  if (!hasAnyRate(fx)) {
    summary.warnings.push(
      "No exchange-rate series are imported, so non-USD amounts get no USD value: run `npm run import` first.",
    );
  }
  const [{ total }] = await db.select({ total: count() }).from(articles);
  let done = 0;
  for (let after = 0; ;) {
    const page = await db
      .select(STORED_ARTICLE)
      .from(articles)
      .where(gt(articles.id, after))
      .orderBy(asc(articles.id))
      .limit(REEXTRACT_PAGE);
    if (page.length === 0) break;
    for (const article of page) {
      const outcome = await reextractArticle(db, article, fx);
      summary[outcome.status] += 1;
      summary.figuresBefore += outcome.before;
      summary.figuresAfter += outcome.after;
      if (outcome.status !== "unchanged") {
        summary.results.push({
          articleId: article.id,
          file: article.fileName,
          status: outcome.status,
          errors: outcome.errors,
        });
      }
      options.onProgress?.({ done: ++done, total: Number(total), status: outcome.status });
    }
    after = page[page.length - 1].id;
  }
  return summary;
}

async function reextractArticle(
  db: Db,
  article: { id: number; title: string; publishedAt: Date; body: string },
  fx: FxTable,
): Promise<{ status: ReextractStatus; before: number; after: number; errors: IngestError[] }> {
  try {
    const extracted = articleToFigures(
      { title: article.title, publishedAt: article.publishedAt, text: article.body },
      fx,
    );
    const rows = extracted.map((figure, index) =>
      toFigureRow(article.id, figure, index, extracted.length),
    );
    return await db.transaction(async (tx) => {
      // Two re-extractions at once would both delete and both insert the same ordinals: the
      // second waits here, then finds the first one's figures and leaves them.
      await tx.execute(
        sql`select pg_advisory_xact_lock(${REEXTRACT_LOCK_KEY}::int, ${article.id}::int)`,
      );
      const stored = await tx
        .select()
        .from(figures)
        .where(eq(figures.articleId, article.id))
        .orderBy(asc(figures.ordinal));
      const before = stored.length;
      const mismatch = checkOffsets(article.body, extracted);
      if (mismatch) return { status: "failed", before, after: before, errors: [mismatch] };
      if (sameFigures(stored, rows)) {
        return { status: "unchanged", before, after: before, errors: [] };
      }
      await tx.delete(figures).where(eq(figures.articleId, article.id));
      for (let i = 0; i < rows.length; i += FIGURE_BATCH) {
        await tx.insert(figures).values(rows.slice(i, i + FIGURE_BATCH));
      }
      return { status: "changed", before, after: rows.length, errors: [] };
    });
  } catch (error) {
    // The transaction rolled back: the article keeps the figures it had.
    const kept = await db
      .select({ n: count() })
      .from(figures)
      .where(eq(figures.articleId, article.id))
      .then(([row]) => Number(row.n))
      .catch(() => 0);
    return {
      status: "failed",
      before: kept,
      after: kept,
      errors: [{ line: null, message: describeError(error) }],
    };
  }
}

/** Stored figures equal new rows in every column but the row id. */
function sameFigures(stored: Figure[], rows: NewFigure[]): boolean {
  if (stored.length !== rows.length) return false;
  return stored.every((figure, i) => {
    const row = rows[i] as Record<string, unknown>;
    return Object.entries(figure).every(
      ([column, value]) => column === "id" || Object.is(value, row[column] ?? null),
    );
  });
}

function hasAnyRate(fx: FxTable): boolean {
  return FX_CURRENCIES.some((currency) => fx.rateOn(currency, "9999-12-31") !== null);
}

async function findArticleByKey(
  db: Db,
  sourceKey: string,
): Promise<{ id: number; contentHash: string; kind: string | null; outlet: string | null } | null> {
  const [row] = await db
    .select({
      id: articles.id,
      contentHash: articles.contentHash,
      kind: articles.kind,
      outlet: articles.outlet,
    })
    .from(articles)
    .where(eq(articles.sourceKey, sourceKey));
  return row ?? null;
}

async function findArticleByHash(
  db: Db,
  hash: string,
): Promise<{ id: number; sourceKey: string | null } | null> {
  const [row] = await db
    .select({ id: articles.id, sourceKey: articles.sourceKey })
    .from(articles)
    .where(eq(articles.contentHash, hash));
  return row ?? null;
}

/** Offsets must index into the stored body, or every highlight on the article page would be wrong. */
function checkOffsets(body: string, extracted: ExtractedFigure[]): IngestError | null {
  for (const [index, figure] of extracted.entries()) {
    if (body.slice(figure.start, figure.end) !== figure.text) {
      return {
        line: lineOf(body, figure.start),
        message: `figure ${index + 1} ("${figure.text}") does not match the text at offsets ${figure.start}–${figure.end}`,
      };
    }
  }
  return null;
}

function lineOf(body: string, offset: number): number | null {
  if (offset < 0 || offset > body.length) return null;
  let line = 1;
  for (let i = body.indexOf("\n"); i !== -1 && i < offset; i = body.indexOf("\n", i + 1)) line += 1;
  return line;
}

/** Whether two types have the same fields, each of the same type. */
type SameFields<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * A stored figure is the extracted one with its article and ordinal: the `figures` table and the
 * extractor's type agree field for field, or this does not compile (a new field goes in both).
 */
const _figureRowIsTheExtractedFigure: SameFields<
  Omit<Figure, "id" | "articleId">,
  StoredFigureFields
> = true;

function toFigureRow(
  articleId: number,
  figure: ExtractedFigure,
  index: number,
  total: number,
): NewFigure {
  const { sameAs, ...fields } = figure;
  return {
    ...fields,
    articleId,
    ordinal: index + 1,
    sameAsOrdinal: sameAs !== null && sameAs >= 0 && sameAs < total ? sameAs + 1 : null,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    // drizzle wraps driver errors ("Failed query: …"); the driver's own message is the useful part.
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return `database error: ${cause.message}`;
    return error.message;
  }
  return String(error);
}

// ---------------------------------------------------------------------------------------------
// Queries for pages, charts and downloads

/** `publishedAt` is a UTC instant; a range of ISO days covers [from 00:00Z, to + 1 day 00:00Z). */
function publishedInRange(range: DateRange): SQL | undefined {
  const conditions: SQL[] = [];
  if (range.from) conditions.push(gte(articles.publishedAt, new Date(`${range.from}T00:00:00Z`)));
  if (range.to) {
    const end = new Date(`${range.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    conditions.push(lt(articles.publishedAt, end));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export interface ArticleListItem {
  id: number;
  title: string;
  publishedAt: Date;
  kind: "news" | "brief" | null;
  outlet: string | null;
  figureCount: number;
  tariffRateCount: number;
  moneyCount: number;
  tariffRelatedCount: number;
}

/** Articles published in the range (UTC days, inclusive), newest first, with figure counts. */
export async function listArticles(db: Db, range: DateRange): Promise<ArticleListItem[]> {
  const countWhere = (condition: SQL) =>
    sql<number>`count(${figures.id}) filter (where ${condition})`.mapWith(Number);
  return db
    .select({
      id: articles.id,
      title: articles.title,
      publishedAt: articles.publishedAt,
      kind: articles.kind,
      outlet: articles.outlet,
      figureCount: sql<number>`count(${figures.id})`.mapWith(Number),
      tariffRateCount: countWhere(sql`${figures.kind} = ${"tariff_rate" satisfies FigureKind}`),
      moneyCount: countWhere(sql`${figures.kind} = ${"money" satisfies FigureKind}`),
      tariffRelatedCount: countWhere(sql`${figures.tariffRelated}`),
    })
    .from(articles)
    .leftJoin(figures, eq(figures.articleId, articles.id))
    .where(publishedInRange(range))
    .groupBy(articles.id)
    .orderBy(desc(articles.publishedAt), desc(articles.id));
}

export type ArticleWithFigures = Omit<Article, "contentHash" | "sourceKey" | "revision"> & {
  figures: Figure[];
};

/** One article with its figures in ordinal order, or null when there is no such article. */
export async function getArticleWithFigures(
  db: Db,
  id: number,
): Promise<ArticleWithFigures | null> {
  const [article] = await db
    .select({ ...STORED_ARTICLE, ingestedAt: articles.ingestedAt })
    .from(articles)
    .where(eq(articles.id, id));
  if (!article) return null;
  const rows = await db
    .select()
    .from(figures)
    .where(eq(figures.articleId, id))
    .orderBy(asc(figures.ordinal));
  return { ...article, figures: rows };
}

export type ArticleFigureRow = Figure & {
  articleTitle: Article["title"];
  publishedAt: Article["publishedAt"];
  articleKind: Article["kind"];
  outlet: Article["outlet"];
};

/**
 * Figures of the articles published in the range, with their article's title and date:
 * chart points and downloads. Oldest first, then by article and ordinal.
 */
export async function getArticleFigures(
  db: Db,
  options: { range: DateRange; kind?: FigureKind; tariffRelatedOnly?: boolean },
): Promise<ArticleFigureRow[]> {
  const conditions: (SQL | undefined)[] = [publishedInRange(options.range)];
  if (options.kind) conditions.push(eq(figures.kind, options.kind));
  if (options.tariffRelatedOnly) conditions.push(eq(figures.tariffRelated, true));
  const rows = await db
    .select({
      figure: figures,
      articleTitle: articles.title,
      publishedAt: articles.publishedAt,
      articleKind: articles.kind,
      outlet: articles.outlet,
    })
    .from(figures)
    .innerJoin(articles, eq(articles.id, figures.articleId))
    .where(and(...conditions))
    .orderBy(asc(articles.publishedAt), asc(articles.id), asc(figures.ordinal));
  return rows.map((row) => ({
    ...row.figure,
    articleTitle: row.articleTitle,
    publishedAt: row.publishedAt,
    articleKind: row.articleKind,
    outlet: row.outlet,
  }));
}

export async function countArticles(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(articles);
  return row?.n ?? 0;
}
