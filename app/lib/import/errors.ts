import type { ParseError } from "./types";

/**
 * One error as `file:line: column <col>: <reason>` (the shape editors and CI annotate);
 * the line is left out for whole-file problems (line 0) and the column when there is none.
 */
export function formatParseError(error: ParseError): string {
  const where = error.line > 0 ? `${error.file}:${error.line}` : error.file;
  return error.column === null
    ? `${where}: ${error.reason}`
    : `${where}: column ${error.column}: ${error.reason}`;
}
