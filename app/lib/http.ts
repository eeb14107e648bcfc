/** Content-Disposition for a download, with an ASCII-safe file name. */
export function attachmentHeader(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${safe}"`;
}

/**
 * The data version the server has just read for its response cache, from the load context
 * (decision 059): loaders pass it on so the read model is not asked for it again.
 */
export function knownDataVersion(context: unknown): string | undefined {
  const version = (context as { dataVersion?: unknown } | undefined)?.dataVersion;
  return typeof version === "string" ? version : undefined;
}
