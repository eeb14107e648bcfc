/**
 * A problem in a file as `file:line: message`, the shape editors and CI annotate, or
 * `file: message` when it concerns the whole file. Messages never repeat the line themselves:
 * it is a field of every error and said once, here.
 */
export function formatFileError(file: string, line: number | null, message: string): string {
  return line === null ? `${file}: ${message}` : `${file}:${line}: ${message}`;
}
