import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { ArticleKind } from "../app/lib/article-provenance";
import { DIRECTIONS, FIGURE_KINDS, FIGURE_ROLES } from "../app/lib/extract/types";

/** `column in ('a', 'b', …)`: keeps a text column to the values its TypeScript enum allows. */
function oneOf(column: AnyPgColumn, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}

/** One official series (trade flow, exchange rate, average tariff). Slugs come from the catalogue. */
export const series = pgTable("series", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  unit: text("unit").notNull(),
  frequency: text("frequency").notNull(),
  source: text("source").notNull(),
  sourceUrl: text("source_url").notNull(),
  licence: text("licence").notNull(),
});

/** One imported file: what was read, when, in which layout, and what it changed. */
export const imports = pgTable("imports", {
  id: serial("id").primaryKey(),
  fileName: text("file_name").notNull(),
  contentHash: text("content_hash").notNull(),
  format: text("format").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  rowsAdded: integer("rows_added").notNull().default(0),
  rowsUpdated: integer("rows_updated").notNull().default(0),
  rowsUnchanged: integer("rows_unchanged").notNull().default(0),
});

/**
 * One value of a series on one date: a bulk-loaded fact table keyed by (series_id, date).
 *
 * NOTE: deliberately no foreign keys. `series_id` names a `series` row and `import_id` the `imports`
 * row that last changed the value, but a per-row foreign-key check made a 1M-row load several times
 * slower than the `COPY` itself (docs/decisions/020-series-import-pipeline.md). Integrity is kept by
 * the single writer, `importFile`, which creates the series and import rows in the same transaction
 * as the observations; code that deletes a series must delete its observations itself.
 *
 * NOTE: in the database the table is partitioned by series_id (custom migration
 * 0001_partition_observations), which drizzle-kit cannot express: a first import attaches its own
 * partition, everything else lives in observations_default. Queries use the table as declared here.
 */
export const observations = pgTable(
  "observations",
  {
    seriesId: integer("series_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    value: doublePrecision("value").notNull(),
    importId: integer("import_id"),
  },
  (t) => [primaryKey({ name: "observations_pkey", columns: [t.seriesId, t.date] })],
);

/** Dated tariff actions (the cited register, PIIE timeline labels) for event lines, coverage and summaries. */
export const tariffEvents = pgTable(
  "tariff_events",
  {
    id: serial("id").primaryKey(),
    date: date("date", { mode: "string" }).notNull(),
    actor: text("actor"),
    source: text("source").notNull(),
    measure: text("measure"),
    list: text("list"),
    action: text("action").notNull(),
    rateBeforePct: doublePrecision("rate_before_pct"),
    rateAfterPct: doublePrecision("rate_after_pct"),
    tradeCoveredUsdBn: doublePrecision("trade_covered_usd_bn"),
    note: text("note"),
    description: text("description").notNull(),
    importId: integer("import_id").references(() => imports.id),
    // The register's own fields (source "register", data/tariff_actions.csv); null for other sources.
    // `date` is the effective date, `measure` the legal authority, `list` the instrument.
    actionId: text("action_id"),
    announcedOn: date("announced_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    replaces: text("replaces"),
    rateBeforeLowPct: doublePrecision("rate_before_low_pct"),
    rateAfterLowPct: doublePrecision("rate_after_low_pct"),
    coversAllGoods: boolean("covers_all_goods"),
    tradeBasis: text("trade_basis"),
    status: text("status"),
    citation: text("citation"),
    disagreement: text("disagreement"),
  },
  (t) => [
    unique("tariff_events_natural_key")
      .on(t.source, t.date, t.actor, t.action, t.list, t.actionId)
      .nullsNotDistinct(),
  ],
);

export const articles = pgTable(
  "articles",
  {
    id: serial("id").primaryKey(),
    /**
     * The article's identity: its path inside the folder it was ingested from ("a.txt", or
     * "sub/a.txt"), so the same folder ingested from another place, or an edited file, maps to the
     * same article (docs/decisions/034-article-identity-and-replacement.md).
     */
    sourceKey: text("source_key").notNull().unique(),
    /** sha256 of the stored version's bytes; unique so identical text is never stored twice. */
    contentHash: text("content_hash").notNull().unique(),
    fileName: text("file_name").notNull(),
    /** 1 when first stored, +1 each time an edited file replaces the text and figures. */
    revision: integer("revision").notNull().default(1),
    title: text("title").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull(),
    /** "news" (a report by `outlet`) or "brief" (written by this project); null when not recorded. */
    kind: text("kind").$type<ArticleKind>(),
    /** The publisher of a news report, from the folder's provenance.csv. */
    outlet: text("outlet"),
    /** The file text as read (BOM removed); figure offsets index into it. */
    body: text("body").notNull(),
    ingestedAt: timestamp("ingested_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
  },
  (t) => [index("articles_published_at").on(t.publishedAt)],
);

export const figures = pgTable(
  "figures",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** 1-based position in the article; the page anchor is `figure-N`. */
    ordinal: integer("ordinal").notNull(),
    kind: text("kind", { enum: FIGURE_KINDS }).notNull(),
    text: text("text").notNull(),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    value: doublePrecision("value").notNull(),
    currency: text("currency"),
    rateFrom: doublePrecision("rate_from"),
    rangeLow: doublePrecision("range_low"),
    rangeHigh: doublePrecision("range_high"),
    tariffRelated: boolean("tariff_related").notNull(),
    direction: text("direction", { enum: DIRECTIONS }),
    /** What the figure is (rate in force, threat, goods covered, pledge, ...); see FIGURE_ROLES. */
    role: text("role", { enum: FIGURE_ROLES }).notNull().default("other"),
    /** Found in the title line; offsets still index into the whole file text. */
    inTitle: boolean("in_title").notNull().default(false),
    valueUsd: doublePrecision("value_usd"),
    sentence: text("sentence").notNull(),
    /** Ordinal of the figure this one restates in another currency (`$200bn (£159.2bn)`). */
    sameAsOrdinal: integer("same_as_ordinal"),
    impliedFxRate: doublePrecision("implied_fx_rate"),
    officialFxRate: doublePrecision("official_fx_rate"),
    flag: text("flag"),
  },
  (t) => [
    uniqueIndex("figures_article_ordinal").on(t.articleId, t.ordinal),
    check("figures_kind_known", oneOf(t.kind, FIGURE_KINDS)),
    check("figures_direction_known", oneOf(t.direction, DIRECTIONS)),
    check("figures_role_known", oneOf(t.role, FIGURE_ROLES)),
  ],
);

export type Series = typeof series.$inferSelect;
export type Observation = typeof observations.$inferSelect;
export type TariffEvent = typeof tariffEvents.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type Figure = typeof figures.$inferSelect;
export type NewFigure = typeof figures.$inferInsert;
