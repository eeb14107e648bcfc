/** Article figure extraction: pure functions shared by the CLIs, ingestion and the routes. */
export { textToArticle, bodyOffset, parseTimestamp, type ArticleOptions } from "./article";
export {
  articleToFigures,
  extractFromText,
  articleDate,
  FX_FLAG_THRESHOLD,
  type Extraction,
} from "./figures";
export {
  DIRECTIONS,
  FIGURE_KINDS,
  FIGURE_ROLES,
  MONEY_ROLES,
  RATE_ROLES,
  type ArticleError,
  type Direction,
  type ExtractedFigure,
  type FigureKind,
  type FigureRole,
  type MoneyRole,
  type ParsedArticle,
  type RateRole,
  type StoredFigureFields,
} from "./types";
