import fs from "node:fs";
import path from "node:path";

/**
 * A file to read, or a path that gave none, with the reason. `key` is the article's identity when
 * ingested: its path inside the folder given, with `/` between folders (so the same folder read
 * from elsewhere keeps its keys), or the file's name when it was named directly (docs/decisions/034).
 */
export type ArticlePath =
  { file: string; key: string; error: null } | { file: string; key: null; error: string };

/** Something inside a folder that was deliberately not read, and why; callers print these. */
export interface SkippedPath {
  path: string;
  reason: string;
}

export interface ArticleFiles {
  files: ArticlePath[];
  skipped: SkippedPath[];
}

const isArticleName = (name: string) => name.toLowerCase().endsWith(".txt");

/**
 * The article files that command-line paths name, in order: a file is taken whatever its
 * extension; a folder stands for its `*.txt` files and those of its subfolders, walked
 * recursively in name order. Symbolic links are followed, to files and to folders; a folder reached
 * a second time (a link loop, or two links to one folder) is read once. What is passed over is
 * returned in `skipped` with its reason: hidden entries (`.name`, such as editor lock files) and
 * folders already read. Other non-`.txt` files (a README, the provenance manifest) are not articles
 * and are passed over silently, as the commands' usage says. A path that cannot be read, a broken
 * link to a `.txt` name, or a folder without any article file comes back with its reason.
 * The ingest and extract commands share this, so both read the same files.
 */
export function expandArticlePaths(paths: readonly string[]): ArticleFiles {
  const files: ArticlePath[] = [];
  const skipped: SkippedPath[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      files.push({ file: given, key: null, error: unreadable(error) });
      continue;
    }
    if (!stat.isDirectory()) {
      files.push({ file: given, key: path.basename(given), error: null });
      continue;
    }
    const before = files.length;
    walkFolder(given, given, new Map(), files, skipped);
    if (files.length === before) {
      files.push({ file: given, key: null, error: "folder has no *.txt files" });
    }
  }
  return { files, skipped };
}

/** `visited`: real path of every folder read in this walk → the path it was read as. */
function walkFolder(
  root: string,
  dir: string,
  visited: Map<string, string>,
  files: ArticlePath[],
  skipped: SkippedPath[],
): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (error) {
    skipped.push({ path: dir, reason: unreadable(error) });
    return;
  }
  const earlier = visited.get(real);
  if (earlier !== undefined) {
    skipped.push({ path: dir, reason: `links to ${earlier}, which is read already` });
    return;
  }
  visited.set(real, dir);
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (error) {
    skipped.push({ path: dir, reason: unreadable(error) });
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (name.startsWith(".")) {
      if (isArticleName(name) || isFolder(full))
        skipped.push({ path: full, reason: "hidden (its name starts with a dot)" });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full); // follows symbolic links
    } catch (error) {
      // A link whose target is gone (or loops) names a file someone meant to be read: say so.
      if (isArticleName(name))
        files.push({ file: full, key: null, error: unreadable(error, isLink(full)) });
      continue;
    }
    if (stat.isDirectory()) walkFolder(root, full, visited, files, skipped);
    else if (isArticleName(name) && !stat.isFile())
      files.push({ file: full, key: null, error: "not a regular file" });
    else if (isArticleName(name))
      files.push({
        file: full,
        key: path.relative(root, full).split(path.sep).join("/"),
        error: null,
      });
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function unreadable(error: unknown, link = false): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return link ? "a symbolic link to nothing (its target is gone)" : "no such file or folder";
  if (code === "ELOOP") return "a symbolic link that leads back to itself";
  return `cannot read: ${code ?? error}`;
}
