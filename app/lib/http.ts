/** Content-Disposition for a download, with an ASCII-safe file name. */
export function attachmentHeader(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${safe}"`;
}
