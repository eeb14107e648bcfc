/**
 * Extraction benchmark: `npm run bench:extract`.
 *
 * Generates a deterministic corpus of article-like text (seeded PRNG, in memory), then reports
 *  - the whole CLI as users run it (`npm run --silent extract -- --json DIR > out.json`) on 20 MB
 *    in 200 files, beside a naive one-regex scan of the same files in its own Node process
 *    (`--only cli` runs just this part),
 *  - peak memory while extracting articles one by one from 5 MB and from 20 MB (should be flat),
 *  - extractor throughput on 5, 10 and 20 MB of separate articles, and on one 20 MB document
 *    (time should grow linearly),
 *  - `compromise` money + percentage recognition on a 1 MB slice, side by side with the extractor.
 * Runs in well under two minutes on a laptop core.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import nlp from "compromise";
import { extractFromText } from "../app/lib/extract";
import { createFxTable, type FxTable } from "../app/lib/fx";
import { expandArticlePaths } from "../app/models/article-files.server";
import { parseCommandLine } from "./lib/args";

const MB = 1_000_000;
const SEED = 20190628;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ArticleGenerator {
  private readonly r: () => number;
  private n = 0;

  constructor(seed: number) {
    this.r = prng(seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  private dec(lo: number, hi: number, digits = 1): string {
    return (lo + this.r() * (hi - lo)).toFixed(digits);
  }

  private money(): string {
    const bn = this.int(2, 550);
    switch (this.int(0, 11)) {
      case 0:
        return `$${bn}bn`;
      case 1:
        return `US$${bn} billion`;
      case 2:
        return `${this.int(10, 3000)} billion yuan`;
      case 3:
        return `RMB ${this.int(10, 3000)} billion`;
      case 4:
        return `£${this.dec(1, 400)}bn`;
      case 5:
        return `€${this.dec(1, 400)}bn`;
      case 6:
        return `USD${this.dec(1, 900)}m`;
      case 7:
        return `$${this.dec(0.5, 3, 2)} trillion`;
      case 8:
        return `$${bn} billion`;
      case 9:
        return `${bn} billion dollars`;
      case 10:
        return `$${this.int(1, 999)},${String(this.int(0, 999)).padStart(3, "0")}`;
      default:
        return `$${bn}bn (£${this.dec(1, 400)}bn)`;
    }
  }

  private rate(): string {
    const v = this.pick([5, 7.5, 10, 15, 20, 25, 30, 34, 50, 84, 100, 125, 145]);
    return this.pick([`${v}%`, `${v} per cent`, `${v} percent`, `${v} pc`, `${v}-percent`]);
  }

  private range(): string {
    const a = this.int(2, 15);
    const b = a + this.int(5, 20);
    return this.pick([
      `between ${a}% and ${b}%`,
      `${a}-${b}%`,
      `${a} or ${b} percent`,
      `from ${a}% to ${b}%`,
      `between $${a}bn and $${b}bn`,
      `$${a}bn-$${b}bn`,
    ]);
  }

  /** Background and quotes: most sentences of a news story carry no figure. */
  private narrative(): string {
    const who = this.pick([
      "Officials in Beijing",
      "A White House spokeswoman",
      "Analysts",
      "Farm groups",
      "The commerce ministry",
      "European diplomats",
      "Executives",
      "Negotiators",
    ]);
    switch (this.int(0, 9)) {
      case 0:
        return `${who} said the talks had been "constructive" but that important differences remained.`;
      case 1:
        return `The dispute has unsettled supply chains that took decades to build, and companies are weighing where to invest next.`;
      case 2:
        return `${who} declined to comment on the timing of the next round of negotiations.`;
      case 3:
        return `Critics argue that the measures hurt American consumers more than Chinese exporters, a claim the administration rejects.`;
      case 4:
        return `"We are prepared to fight to the end if necessary," ${who.toLowerCase()} told reporters on Friday.`;
      case 5:
        return `The announcement came hours after a phone call between the two leaders, according to people familiar with the matter.`;
      case 6:
        return `Soybean farmers in Iowa and Illinois have been among the hardest hit, as buyers turned to Brazil instead.`;
      case 7:
        return `${who} said any agreement would have to address technology transfer, intellectual property and market access.`;
      case 8:
        return `Markets in Asia were mixed in early trading, with investors waiting for details of the proposal.`;
      default:
        return `The move is likely to be challenged at the World Trade Organization, where both sides have filed complaints.`;
    }
  }

  private sentence(): string {
    if (this.r() < 0.5) return this.narrative();
    const country = this.pick([
      "China",
      "the US",
      "Beijing",
      "Washington",
      "the EU",
      "Canada",
      "Mexico",
      "Japan",
      "India",
    ]);
    const goods = this.pick([
      "Chinese goods",
      "US products",
      "American soybeans",
      "Chinese imports",
      "steel and aluminium",
      "US farm goods",
      "electronics",
      "solar panels",
    ]);
    const year = this.int(2015, 2025);
    const day = this.int(1, 28);
    const month = this.pick(["January", "March", "May", "June", "July", "September", "December"]);
    switch (this.int(0, 21)) {
      case 0:
        return `${country} imposed tariffs of ${this.rate()} on ${this.money()} of ${goods} on ${day} ${month}.`;
      case 1:
        return `Officials said duties on ${this.money()} worth of ${goods} would rise ${this.range()} in ${year}.`;
      case 2:
        return `The Dow fell ${this.int(100, 2500)} points, or ${this.dec(0.5, 6)}%, as investors weighed the G20 talks.`;
      case 3:
        return `${country}'s GDP grew ${this.dec(1, 7)}% in ${year}, the slowest pace since ${year - this.int(10, 30)}.`;
      case 4:
        return `The trade deficit widened to ${this.money()} last year, according to Census data released on ${year}-0${this.int(1, 9)}-1${this.int(0, 9)}.`;
      case 5:
        return `More than ${this.int(100, 900)} companies asked to testify at hearings on List ${this.int(1, 4)}${this.pick(["A", "B", ""])} under Section 301.`;
      case 6:
        return `Goods are entered under heading 9903.88.${String(this.int(1, 16)).padStart(2, "0")} of the US tariff schedule.`;
      case 7:
        return `Mr. ${this.pick(["Lighthizer", "Mnuchin", "Liu"])} said the U.S. and China agreed on a ${this.int(30, 120)}-day truce at ${this.int(10, 11)}:${this.int(10, 59)} a.m.`;
      case 8:
        return `Under the deal, China agreed to buy an additional ${this.money()} of US goods over ${this.int(2, 3)} years.`;
      case 9:
        return `Farmers received ${this.money()} in aid to offset losses from retaliation.`;
      case 10:
        return `Shares of ${this.pick(["Apple", "Caterpillar", "Boeing", "Nvidia"])} slid ${this.dec(0.5, 9)}% in after-hours trading.`;
      case 11:
        return `The average tariff on ${goods} climbed to ${this.dec(3, 30)}% from ${this.dec(1, 20)}%, the Peterson Institute said.`;
      case 12:
        return `The yuan weakened ${this.dec(0.1, 2)}% to ${this.dec(6.3, 7.3, 4)} per dollar.`;
      case 13:
        return `Analysts at the ${this.int(1, 9)}th largest bank expect inflation of ${this.dec(1, 5)}% in ${year}.`;
      case 14:
        return `"We will not back down," a spokesman said on ${month} ${day}, adding that talks would resume in the ${this.pick(["spring", "autumn"])}.`;
      case 15:
        return `Revenue at the ${this.pick(["Shenzhen", "Ohio", "Osaka"])} plant rose to ${this.money()} despite the ${this.rate()} levy.`;
      case 16:
        return `${country} will cut the tariff on ${this.money()} of ${goods} ${this.range()} from ${day} ${month}.`;
      case 17:
        return `The ${year} review covers ${this.int(1000, 9999)} tariff lines and ${this.int(100, 600)} product exclusions.`;
      case 18:
        return `Call +1 202-555-0${this.int(100, 999)} for the ${this.int(2, 9)}rd briefing, the office said.`;
      case 19:
        return `Retaliatory duties ${this.range()} now apply to ${this.int(100, 5000)} ${goods}.`;
      case 20:
        return `Economists estimate the tariffs cost households ${this.money()} a year, or ${this.dec(0.1, 1.5)}% of income.`;
      default:
        return `Negotiators met for ${this.int(2, 9)} days in ${this.pick(["Geneva", "Beijing", "Washington", "Osaka"])} without a breakthrough.`;
    }
  }

  /** One article file's text: title, timestamp, 6–16 paragraphs of 1–4 sentences. */
  next(): string {
    this.n++;
    const year = this.int(2018, 2025);
    const stamp = `${year}-${String(this.int(1, 12)).padStart(2, "0")}-${String(this.int(1, 28)).padStart(2, "0")} ${String(this.int(0, 23)).padStart(2, "0")}:${String(this.int(0, 59)).padStart(2, "0")}:00`;
    const paragraphs: string[] = [];
    const count = this.int(6, 16);
    for (let p = 0; p < count; p++) {
      const sentences: string[] = [];
      const k = this.int(1, 4);
      for (let s = 0; s < k; s++) sentences.push(this.sentence());
      paragraphs.push(sentences.join(" "));
    }
    return `Trade dispute update ${this.n}: ${this.sentence().replace(/\.$/, "")}\n${stamp}\n${paragraphs.join("\n")}\n`;
  }
}

function generate(targetBytes: number): { articles: string[]; bytes: number[] } {
  const gen = new ArticleGenerator(SEED);
  const articles: string[] = [];
  const bytes: number[] = [];
  let total = 0;
  while (total < targetBytes) {
    const a = gen.next();
    const b = Buffer.byteLength(a, "utf8");
    articles.push(a);
    bytes.push(b);
    total += b;
  }
  return { articles, bytes };
}

/** A constant-rate table: the benchmark measures extraction, not FX lookups. */
const fx: FxTable = createFxTable({
  CNY: [{ date: "2000-01-01", value: 6.9 }],
  GBP: [{ date: "2000-01-01", value: 1.27 }],
  EUR: [{ date: "2000-01-01", value: 1.13 }],
  JPY: [{ date: "2000-01-01", value: 108 }],
});

/**
 * CPU time (user + system, all threads of this process, so GC helpers count against us) and wall
 * time of `fn`. The machine may be shared: CPU time is what "single core" throughput means there.
 */
function measure<T>(fn: () => T): { cpuMs: number; wallMs: number; result: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs, result };
}

interface Timing {
  cpuMs: number;
  wallMs: number;
  figures: number;
}

function runExtractor(articles: string[], count: number): Timing {
  const m = measure(() => {
    let figures = 0;
    for (let i = 0; i < count; i++) figures += extractFromText(articles[i], fx).figures.length;
    return figures;
  });
  return { cpuMs: m.cpuMs, wallMs: m.wallMs, figures: m.result };
}

/** Best of `reps` runs, by CPU time. */
function best(reps: number, run: () => Timing): Timing {
  let b: Timing | null = null;
  for (let i = 0; i < reps; i++) {
    const t = run();
    if (!b || t.cpuMs < b.cpuMs) b = t;
  }
  return b as Timing;
}

function prefixFor(bytes: number[], target: number): { count: number; bytes: number } {
  let total = 0;
  let count = 0;
  while (count < bytes.length && total < target) total += bytes[count++];
  return { count, bytes: total };
}

const fmt = (x: number, d = 1) => x.toFixed(d);
const mib = (x: number) => `${fmt(x / 1024 / 1024)} MiB`;

/** A way to force a full GC without requiring `node --expose-gc`. */
function getGc(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

function memoryRun(
  targetBytes: number,
  gc: () => void,
): { articles: number; peakRss: number; peakHeap: number; endHeap: number } {
  const gen = new ArticleGenerator(SEED + 1);
  gc();
  let total = 0;
  let n = 0;
  let peakRss = 0;
  let peakHeap = 0;
  while (total < targetBytes) {
    const text = gen.next();
    total += Buffer.byteLength(text, "utf8");
    extractFromText(text, fx);
    if (++n % 50 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  gc();
  return { articles: n, peakRss, peakHeap, endHeap: process.memoryUsage().heapUsed };
}

/** 200 files of about 100 kB each, generated articles run together under one title and date. */
function writeCliCorpus(dir: string, files: number, bytesPerFile: number): number {
  const gen = new ArticleGenerator(SEED + 2);
  let total = 0;
  for (let i = 0; i < files; i++) {
    let body = "";
    while (body.length < bytesPerFile) {
      const article = gen.next();
      body += article.slice(article.indexOf("\n", article.indexOf("\n") + 1) + 1);
    }
    const text = `Trade dispute digest ${i + 1}\n2019-06-29 12:00:00\n${body}`;
    fs.writeFileSync(path.join(dir, `digest-${String(i + 1).padStart(3, "0")}.txt`), text);
    total += Buffer.byteLength(text, "utf8");
  }
  return total;
}

/** A naive extractor: one regular expression over each file, matches written out as JSON. */
const NAIVE_SCAN = `
const fs = require("node:fs");
const path = require("node:path");
const dir = process.argv[1];
const pattern = /(?:US\\$|[$£€]|RMB ?|USD ?)?\\d[\\d,]*(?:\\.\\d+)?(?:\\s*(?:%|per ?cent|pc|trillion|billion|million|bn|m|yuan|dollars))?/g;
const out = [];
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".txt")).sort()) {
  const text = fs.readFileSync(path.join(dir, name), "utf8");
  const figures = [];
  for (const m of text.matchAll(pattern)) figures.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  out.push({ file: name, figures });
}
process.stdout.write(JSON.stringify(out, null, 2) + "\\n");
`;

function timeProcess(command: string, args: string[], outFile: string): number {
  const out = fs.openSync(outFile, "w");
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ["ignore", out, "inherit"] });
  const ms = performance.now() - started;
  fs.closeSync(out);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return ms;
}

/** The CLI as users run it, whole process, against a naive regex scan; best of three each. */
function cliRun(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-extract-"));
  try {
    const corpus = path.join(dir, "articles");
    fs.mkdirSync(corpus);
    const bytes = writeCliCorpus(corpus, 200, 100 * 1000);
    const cli: number[] = [];
    const naive: number[] = [];
    for (let i = 0; i < 3; i++) {
      cli.push(
        timeProcess(
          "npm",
          ["run", "--silent", "extract", "--", "--json", corpus],
          path.join(dir, "cli.json"),
        ),
      );
      naive.push(
        timeProcess(process.execPath, ["-e", NAIVE_SCAN, corpus], path.join(dir, "naive.json")),
      );
    }
    const cliRate = bytes / MB / (Math.min(...cli) / 1000);
    const naiveRate = bytes / MB / (Math.min(...naive) / 1000);
    const outputMb = fs.statSync(path.join(dir, "cli.json")).size / MB;
    console.log(
      `\nWhole process on ${fmt(bytes / MB)} MB in 200 files (wall clock, best of 3; ${os.cpus().length} cores):`,
    );
    console.log(
      `  npm run --silent extract -- --json DIR  ${fmt(Math.min(...cli), 0).padStart(6)} ms  ${fmt(cliRate).padStart(6)} MB/s  (${fmt(outputMb)} MB of JSON)`,
    );
    console.log(
      `  naive one-regex scan (node -e)          ${fmt(Math.min(...naive), 0).padStart(6)} ms  ${fmt(naiveRate).padStart(6)} MB/s`,
    );
    console.log(
      `  CLI / naive: ${fmt(cliRate / naiveRate, 2)}x. Goals: >= 20 MB/s ${cliRate >= 20 ? "met" : "NOT met"}; >= 0.5x naive ${cliRate / naiveRate >= 0.5 ? "met" : "NOT met"}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const started = performance.now();
  console.log(
    `bench:extract: deterministic article-like corpus, seed ${SEED}; node ${process.version}, load average ${os
      .loadavg()
      .map((x) => fmt(x, 2))
      .join(" ")} on ${os.cpus().length} cores`,
  );
  cliRun();
  if (parseCommandLine(process.argv.slice(2), { only: { type: "string" } }).values.only === "cli")
    return;

  // 1. Memory: one article at a time, generated on the fly, so only the extractor's own state can grow.
  const gc = getGc();
  console.log(
    "\nMemory while extracting articles one by one (generated on the fly; sampled every 50 articles):",
  );
  for (const size of [5 * MB, 20 * MB]) {
    const m = memoryRun(size, gc);
    console.log(
      `  ${fmt(size / MB, 0).padStart(2)} MB, ${String(m.articles).padStart(5)} articles: peak rss ${mib(m.peakRss)}, peak heapUsed ${mib(m.peakHeap)}, heapUsed after GC ${mib(m.endHeap)}`,
    );
  }

  // 2. Throughput on separate articles.
  const corpus = generate(20 * MB);
  const totalBytes = corpus.bytes.reduce((a, b) => a + b, 0);
  console.log(
    `\nCorpus: ${corpus.articles.length} articles, ${fmt(totalBytes / MB)} MB (mean ${fmt(totalBytes / corpus.articles.length / 1000)} kB per article)`,
  );
  runExtractor(corpus.articles, prefixFor(corpus.bytes, 2 * MB).count); // warm-up
  console.log(
    "\nExtractor throughput (best of 5 by CPU time; MB/s from CPU time, wall-clock in brackets):",
  );
  const header = `  ${"input".padEnd(22)} ${"articles".padStart(8)} ${"cpu ms".padStart(8)} ${"MB/s".padStart(7)} ${"(wall)".padStart(8)} ${"articles/s".padStart(11)} ${"figures".padStart(8)}`;
  console.log(header);
  const line = (label: string, count: number, bytes: number, t: Timing) =>
    console.log(
      `  ${label.padEnd(22)} ${String(count).padStart(8)} ${fmt(t.cpuMs, 0).padStart(8)} ${fmt(bytes / MB / (t.cpuMs / 1000)).padStart(7)} ${`(${fmt(bytes / MB / (t.wallMs / 1000))})`.padStart(8)} ${fmt(count / (t.cpuMs / 1000), 0).padStart(11)} ${String(t.figures).padStart(8)}`,
    );
  const rows: Array<{ mb: number; t: Timing }> = [];
  for (const size of [5 * MB, 10 * MB, 20 * MB]) {
    const { count, bytes } = prefixFor(corpus.bytes, size);
    const t = best(5, () => runExtractor(corpus.articles, count));
    rows.push({ mb: bytes / MB, t });
    line(`${fmt(bytes / MB)} MB, separate`, count, bytes, t);
  }
  // one big document: the same text as a single article body
  const body = corpus.articles
    .map((a) => a.slice(a.indexOf("\n", a.indexOf("\n") + 1) + 1))
    .join("");
  const oneDoc = `One document\n2019-06-29 12:00:00\n${body}`;
  const oneBytes = Buffer.byteLength(oneDoc, "utf8");
  line(
    `${fmt(oneBytes / MB)} MB, one document`,
    1,
    oneBytes,
    best(2, () => runExtractor([oneDoc], 1)),
  );
  // the shipped demo articles: dense, figure-heavy briefs, repeated to 10 MB
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data/articles");
  const shipped = fs.existsSync(dir)
    ? expandArticlePaths([dir]).files.map(({ file }) => fs.readFileSync(file, "utf8"))
    : [];
  if (shipped.length > 0) {
    const repeated: string[] = [];
    let shippedBytes = 0;
    while (shippedBytes < 10 * MB) {
      for (const a of shipped) {
        repeated.push(a);
        shippedBytes += Buffer.byteLength(a, "utf8");
      }
    }
    line(
      `${fmt(shippedBytes / MB)} MB, data/articles`,
      repeated.length,
      shippedBytes,
      best(3, () => runExtractor(repeated, repeated.length)),
    );
  }
  const perMb = rows.map((r) => r.t.cpuMs / r.mb);
  console.log(`  CPU time per MB: ${perMb.map((x) => `${fmt(x)} ms`).join(", ")} (flat = linear)`);

  // 3. Baseline: compromise money + percentages on a 1 MB slice, same articles, one by one.
  const slice = prefixFor(corpus.bytes, 1 * MB);
  const sliceArticles = corpus.articles.slice(0, slice.count);
  const ours = best(5, () => runExtractor(sliceArticles, slice.count));
  const theirs = measure(() => {
    let money = 0;
    let percentages = 0;
    for (const a of sliceArticles) {
      const doc = nlp(a);
      money += doc.money().length;
      percentages += doc.percentages().length;
    }
    return { money, percentages };
  });
  const oursRate = slice.bytes / MB / (ours.cpuMs / 1000);
  const theirRate = slice.bytes / MB / (theirs.cpuMs / 1000);
  console.log(
    `\nBaseline on a ${fmt(slice.bytes / MB, 2)} MB slice (${slice.count} articles), CPU time:`,
  );
  console.log(
    `  extractor                          ${fmt(ours.cpuMs, 0).padStart(7)} ms  ${fmt(oursRate, 2).padStart(8)} MB/s  ${ours.figures} figures`,
  );
  console.log(
    `  compromise money() + percentages() ${fmt(theirs.cpuMs, 0).padStart(7)} ms  ${fmt(theirRate, 3).padStart(8)} MB/s  ${theirs.result.money} money, ${theirs.result.percentages} percentages`,
  );
  console.log(`  ratio: ${fmt(oursRate / theirRate, 0)}x`);

  const slowest = Math.min(...rows.map((r) => r.mb / (r.t.cpuMs / 1000)));
  console.log(
    `\nGoals: >= 20 MB/s on news text: ${slowest >= 20 ? "met" : "NOT met"} (slowest generated-corpus run ${fmt(slowest)} MB/s); ` +
      `>= 100x compromise: ${oursRate / theirRate >= 100 ? "met" : "NOT met"}`,
  );
  console.log(`Total bench time ${fmt((performance.now() - started) / 1000)} s`);
}

main();
