import fs from "node:fs";
import path from "node:path";

/**
 * A file to read, or a path that gave none, with the reason. `key` is the article's identity when
 * ingested: its path inside the folder given (so the same folder read from elsewhere keeps its
 * keys), or the file's name when it was named directly (docs/decisions/034).
 */
export type ArticlePath =
  { file: string; key: string; error: null } | { file: string; key: null; error: string };

/**
 * The article files that command-line paths name, in order: a file is taken whatever its
 * extension, a folder stands for its `*.txt` files (any case, sorted by name, not recursive).
 * A path that cannot be read, or a folder without such files, comes back with its reason.
 * The ingest and extract commands share this, so both read the same files.
 */
export function expandArticlePaths(paths: readonly string[]): ArticlePath[] {
  const out: ArticlePath[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "no such file or folder" : `cannot read: ${code ?? error}`;
      out.push({ file: given, key: null, error: reason });
      continue;
    }
    if (!stat.isDirectory()) {
      out.push({ file: given, key: path.basename(given), error: null });
      continue;
    }
    const inside = fs
      .readdirSync(given, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(".txt"))
      .map((entry) => entry.name)
      .sort();
    if (inside.length === 0) {
      out.push({ file: given, key: null, error: "folder has no *.txt files" });
    }
    for (const name of inside) out.push({ file: path.join(given, name), key: name, error: null });
  }
  return out;
}
