/** Shapes shared by the extractor, the CLIs, ingestion and the dashboard. */

export const FIGURE_KINDS = ["money", "tariff_rate"] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Who imposes a tariff on whom; `unknown` when nothing in the text says. */
export const DIRECTIONS = ["us_on_china", "china_on_us", "other", "unknown"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * What a figure is (docs/decisions/031-figure-roles.md). Rates: `rate` (imposed, in force, agreed),
 * `previous` (the old level of a change, a past level quoted for comparison), `threat`
 * (threatened, proposed, conditional), `share` (of trade covered or hit), `other`. Money:
 * `goods_covered` (goods targeted by or exempted from tariffs), `trade` (imports, exports,
 * deficits), `pledge` (purchase commitments), `other`.
 */
export const RATE_ROLES = ["rate", "previous", "threat", "share", "other"] as const;
export const MONEY_ROLES = ["goods_covered", "trade", "pledge", "other"] as const;
export const FIGURE_ROLES = [
  "rate",
  "previous",
  "threat",
  "share",
  "goods_covered",
  "trade",
  "pledge",
  "other",
] as const satisfies ReadonlyArray<RateRole | MoneyRole>;
export type RateRole = (typeof RATE_ROLES)[number];
export type MoneyRole = (typeof MONEY_ROLES)[number];
export type FigureRole = (typeof FIGURE_ROLES)[number];

export interface ParsedArticle {
  title: string;
  /** Line 2 of the file, read as UTC. */
  publishedAt: Date;
  /** The whole file text as read, BOM removed; every figure offset indexes into it. */
  text: string;
}

export interface ArticleError {
  /** 1-based line number, or null when the problem is the file as a whole. */
  line: number | null;
  message: string;
}

export interface ExtractedFigure {
  text: string;
  start: number;
  end: number;
  kind: FigureKind;
  /** Money: full amount in its currency; rate: percent; for a range, the high end. */
  value: number;
  /** ISO 4217 code for money; null for rates. */
  currency: string | null;
  rateFrom: number | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  tariffRelated: boolean;
  direction: Direction | null;
  valueUsd: number | null;
  /** What the figure is; a conversion takes the role of the figure it restates. */
  role: FigureRole;
  /** Found in the title line rather than the body. */
  inTitle: boolean;
  sentence: string;
  /** Index (0-based, in this figure list) of the figure this one restates in another currency. */
  sameAs: number | null;
  /** For a parenthesised conversion: USD per unit implied by the two amounts, and the official rate that day. */
  impliedFxRate: number | null;
  officialFxRate: number | null;
  /** Human-readable warning, e.g. an implied rate more than 3% from the official one. */
  flag: string | null;
}

/**
 * A figure as pages, charts and downloads see it once stored: the extracted fields, with the
 * conversion link as the 1-based ordinal of the figure it restates.
 */
export type StoredFigureFields = Omit<ExtractedFigure, "sameAs"> & {
  ordinal: number;
  sameAsOrdinal: number | null;
};
