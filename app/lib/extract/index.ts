/** Article figure extraction: pure functions shared by the CLIs, ingestion and the routes. */
export { textToArticle, bodyOffset, parseTimestamp } from "./article";
export {
  articleToFigures,
  extractFromText,
  articleDate,
  FX_FLAG_THRESHOLD,
  type Extraction,
} from "./figures";
export type { ArticleError, Direction, ExtractedFigure, FigureKind, ParsedArticle } from "./types";
