import { formatFileError } from "~/lib/file-error";
import type { ParseError } from "./types";

/**
 * One error as `file:line: column <col>: <reason>` (the shape editors and CI annotate);
 * the line is left out for whole-file problems (line 0) and the column when there is none.
 */
export function formatParseError(error: ParseError): string {
  const reason = error.column === null ? error.reason : `column ${error.column}: ${error.reason}`;
  return formatFileError(error.file, error.line > 0 ? error.line : null, reason);
}
