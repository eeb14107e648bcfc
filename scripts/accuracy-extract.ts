/**
 * Extraction accuracy report: `npm run accuracy:extract [-- --misses]`.
 *
 * Scores the extractor on the labelled corpora in tests/fixtures/extraction: the newsroom corpus
 * (tune half, used while developing, and the holdout half, never tuned on) and the original
 * corpus. --misses lists every disagreement on the tune half and the original corpus; the holdout
 * only ever prints its aggregate figures, so nobody tunes on its passages by accident.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadFxTableFromFiles } from "./lib/fx-files";
import { formatConfusion, formatScore, loadCorpus, scoreCorpus } from "./lib/extraction-score";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/extraction");

export const CORPORA = [
  { name: "newsroom holdout (never tuned on)", file: "newsroom-holdout.json", blind: true },
  { name: "newsroom tune", file: "newsroom-tune.json", blind: false },
  { name: "newsroom tune 2", file: "newsroom-tune-2.json", blind: false },
  { name: "newsroom tune 3", file: "newsroom-tune-3.json", blind: false },
  { name: "newsroom tune 4", file: "newsroom-tune-4.json", blind: false },
  { name: "newsroom tune 5a", file: "newsroom-tune-5a.json", blind: false },
  { name: "newsroom tune 5b", file: "newsroom-tune-5b.json", blind: false },
  { name: "newsroom tune 6", file: "newsroom-tune-6.json", blind: false },
  { name: "newsroom tune 7", file: "newsroom-tune-7.json", blind: false },
  { name: "original corpus", file: "corpus.json", blind: false },
] as const;

function main(): number {
  const { values } = parseArgs({ options: { misses: { type: "boolean", default: false } } });
  const fx = loadFxTableFromFiles(path.join(REPO_ROOT, "data"));
  for (const corpus of CORPORA) {
    const score = scoreCorpus(loadCorpus(path.join(FIXTURES, corpus.file)), fx);
    console.log(formatScore(corpus.name, score));
    if (score.roleTotal > 0) console.log(formatConfusion(score));
    if (values.misses && !corpus.blind && score.misses.length > 0)
      console.log(`  misses:\n    ${score.misses.join("\n    ")}`);
    console.log("");
  }
  return 0;
}

process.exitCode = main();
