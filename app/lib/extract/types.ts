/** Shapes shared by the extractor, the CLIs, ingestion and the dashboard. */

export type FigureKind = "money" | "tariff_rate";
export type Direction = "us_on_china" | "china_on_us" | "other";

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
  sentence: string;
  /** Index (0-based, in this figure list) of the figure this one restates in another currency. */
  sameAs: number | null;
  /** For a parenthesised conversion: USD per unit implied by the two amounts, and the official rate that day. */
  impliedFxRate: number | null;
  officialFxRate: number | null;
  /** Human-readable warning, e.g. an implied rate more than 3% from the official one. */
  flag: string | null;
}
