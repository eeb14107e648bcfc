/**
 * The `extract` CLI contract other tools rely on: stdout is exactly one JSON array, errors go to
 * stderr as `file:line: message`, bad files do not stop the others, exit codes 0/1/2.
 * It runs the CLI as `npm run extract` does: compiled, through scripts/cli.mjs.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SEED = path.join(ROOT, "data/articles/000_503bb6a917ae5585.txt");

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/cli.mjs"), "extract", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As `run`, with stdout a regular file (which the CLI writes from the thread pool). */
function runToFile(args: string[], env: Record<string, string> = {}) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "extract-cli-out-"));
  const outFile = path.join(outDir, "out.json");
  const fd = fs.openSync(outFile, "w");
  try {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "scripts/cli.mjs"), "extract", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", fd, "pipe"],
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    return { status: r.status, stdout: fs.readFileSync(outFile, "utf8"), stderr: r.stderr };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

const FIGURE_KEYS = [
  "text",
  "start",
  "end",
  "kind",
  "value",
  "currency",
  "rateFrom",
  "rangeLow",
  "rangeHigh",
  "tariffRelated",
  "direction",
  "role",
  "inTitle",
  "valueUsd",
  "sentence",
  "sameAs",
  "flag",
].sort();

describe("scripts/extract.ts, compiled", () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "extract-cli-"));
    fs.writeFileSync(
      path.join(dir, "a-good.txt"),
      "Tariffs rise\n2019-05-10 08:00:00\nThe US raised tariffs on $200bn of Chinese goods to 25% from 10%.\n",
    );
    fs.writeFileSync(path.join(dir, "b-bad-date.txt"), "Title\n2019-02-30 10:00:00\nBody $5bn.\n");
    fs.writeFileSync(
      path.join(dir, "c-latin1.txt"),
      Buffer.from([...Buffer.from("T\n2019-01-01 00:00:00\ncaf"), 0xe9, 0x0a]),
    );
    fs.writeFileSync(path.join(dir, "ignored.md"), "not an article");
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps argument order and the exact JSON layout when many files go to worker threads", () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), "extract-cli-many-"));
    try {
      // Later arguments are smaller, so workers finish them first: order must still hold.
      const files = Array.from({ length: 24 }, (_, i) => {
        const file = path.join(many, `n${String(i).padStart(2, "0")}.txt`);
        const filler = "Talks went on. ".repeat((24 - i) * 200);
        fs.writeFileSync(
          file,
          `Note ${i} — “café” 🇨🇳\n2019-05-10 08:00:00\n${filler}The US raised tariffs on $${i + 1}bn of goods to 25%.\n`,
        );
        return file;
      });
      // Two threads whatever the machine's load (on a busy machine the CLI would use one).
      const r = run(["--json", ...[...files].reverse()], { EXTRACT_THREADS: "2" });
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as Array<{
        file: string;
        title: string;
        figures: Array<{ text: string }>;
      }>;
      expect(r.stdout).toBe(`${JSON.stringify(out, null, 2)}\n`);
      expect(out.map((x) => x.file)).toEqual([...files].reverse());
      // Workers hand their text over as UTF-8 bytes: non-ASCII must arrive intact.
      expect(out.map((x) => x.title)).toEqual(
        files.map((_, i) => `Note ${i} — “café” 🇨🇳`).reverse(),
      );
      expect(out.map((x) => x.figures[0]?.text)).toEqual(
        files.map((_, i) => `$${i + 1}bn`).reverse(),
      );
      // Written to a file, from the thread pool, by one thread or two: the same bytes.
      for (const threads of ["1", "2"]) {
        const toFile = runToFile(["--json", ...[...files].reverse()], { EXTRACT_THREADS: threads });
        expect(toFile.status).toBe(0);
        expect(toFile.stdout).toBe(r.stdout);
      }
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });

  it("prints one JSON array, one element per file, with the contract's fields", () => {
    const r = run(["--json", SEED]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0]).sort()).toEqual([
      "errors",
      "figures",
      "file",
      "publishedAt",
      "title",
    ]);
    expect(out[0]).toMatchObject({
      file: SEED,
      publishedAt: "2019-06-29T02:47:04.000Z",
      errors: [],
    });
    expect(out[0].figures.map((f: { text: string }) => f.text)).toEqual(["$200bn", "£159.2bn"]);
    for (const f of out[0].figures) expect(Object.keys(f).sort()).toEqual(FIGURE_KEYS);
    expect(out[0].figures[1]).toMatchObject({
      sameAs: 0,
      flag: null,
      currency: "GBP",
      direction: "us_on_china",
      // a conversion takes the role of the figure it restates
      role: "goods_covered",
      inTitle: false,
    });
  });

  it("expands folders to their sorted *.txt files, keeps going after bad files, exits 1", () => {
    const r = run(["--json", dir]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as Array<{
      file: string;
      title: string | null;
      publishedAt: string | null;
      figures: unknown[];
      errors: Array<{ line: number | null; message: string }>;
    }>;
    expect(out.map((x) => path.basename(x.file))).toEqual([
      "a-good.txt",
      "b-bad-date.txt",
      "c-latin1.txt",
    ]);
    expect(out[0].figures).toHaveLength(2);
    expect(out[1]).toMatchObject({
      title: null,
      publishedAt: null,
      figures: [],
      errors: [{ line: 2, message: "'2019-02-30 10:00:00' is not a valid date" }],
    });
    expect(out[2].errors[0]).toMatchObject({ line: 3 });
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      `${path.join(dir, "b-bad-date.txt")}:2: '2019-02-30 10:00:00' is not a valid date`,
      expect.stringMatching(/c-latin1\.txt:3: not valid UTF-8/),
    ]);
  });

  it("reads files on a reader thread as the workers read them: missing, not UTF-8, bad dates", () => {
    // Eight or more files: one thread has a reader thread beside it, two threads a worker that
    // reads its own files. Both must give the same elements, messages and exit code.
    const names = ["a-good.txt", "nope.txt", "b-bad-date.txt", "c-latin1.txt", "a-good.txt"];
    const args = ["--json", ...names.map((n) => path.join(dir, n)), SEED, SEED, dir];
    const one = run(args, { EXTRACT_THREADS: "1" });
    const two = run(args, { EXTRACT_THREADS: "2" });
    expect(one.status).toBe(1);
    expect(one).toEqual(two);
    const out = JSON.parse(one.stdout) as Array<{ errors: Array<{ message: string }> }>;
    expect(out).toHaveLength(10);
    expect(out[1].errors[0].message).toMatch(/no such file or folder/);
    expect(out[3].errors[0].message).toMatch(/not valid UTF-8/);
  });

  it("reports a missing file and still processes the others", () => {
    const r = run(["--json", path.join(dir, "nope.txt"), SEED]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.map((x: { figures: unknown[] }) => x.figures.length)).toEqual([0, 2]);
    expect(r.stderr).toMatch(/nope\.txt: no such file or folder/);
  });

  it("prints a readable table without --json", () => {
    const r = run([path.join(dir, "a-good.txt")]);
    expect(r.status).toBe(0);
    expect(runToFile([path.join(dir, "a-good.txt")]).stdout).toBe(r.stdout);
    expect(r.stdout).toMatch(
      /^.*a-good\.txt: Tariffs rise \(2019-05-10T08:00:00\.000Z\)\n#\s+text\s+kind\s+value\s+currency\s+USD value\s+tariff\?\s+direction/,
    );
    expect(r.stdout).toMatch(/\$200bn\s+money\s+200bn\s+USD\s+200bn\s+yes\s+us_on_china/);
    expect(r.stdout).toMatch(/25% from 10%\s+rate\s+10→25%\s+yes\s+us_on_china/);
  });

  it("prints usage on stderr and exits 2 without arguments or with an unknown option", () => {
    for (const args of [[], ["--jsn", SEED]]) {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/usage: npm run --silent extract -- \[--json\] FILE_OR_DIR/);
    }
  });
});
