/** Upstream series files → points and tariff events. Pure: no db, fs or env. */
export { createSeriesParser, parseSeriesFile, parseTidySeries } from "./parser";
export type {
  SeriesParser,
  SeriesParserOptions,
  ParseSeriesFileOptions,
  TidySeriesResult,
} from "./parser";
export { readDateValuePoints } from "./date-value-scan";
export { formatParseError } from "./errors";
export { parseDayMonYear, parseIsoDate, parseMonthYear, parseNumber } from "./values";
export type * from "./types";
