/**
 * Stage 2 of extraction: decide from the words around a figure whether it is about tariffs, and
 * who imposes them on whom. Each figure reads at most WINDOW tokens of its own sentence either
 * side, plus the ends of the two sentences before it when its own sentence has no cue, so the
 * cost per figure is bounded whatever the input.
 *
 * The rules are deliberately small and local; docs/decisions/010-extraction-design.md explains
 * them and what they get wrong.
 */
import {
  ALWAYS_TARGET,
  BUY,
  CHANGE_NOUN,
  COMMIT,
  COUNTRY_NOUN,
  COVER_PREP,
  FIG,
  FILLER,
  GLOBAL_PRODUCT,
  FROM,
  GOODS,
  MADE,
  MOVE,
  NAT_CN,
  NAT_OTHER,
  NAT_US,
  NATION,
  NEG,
  OF_PREP,
  RATE_FIG,
  RATE_WORD,
  RETAL,
  STOP,
  TARIFF,
  THREAT,
  TRADE,
  VALUE_WORD,
  PAST,
  COMPARED,
  CHANGE_VERB,
  MODAL,
  MONEY_FIG,
  AFTER_COMMA,
  markWords,
} from "./lexicon";
import type { SentenceTokens } from "./tokenizer";
import type { Direction, FigureRole, MoneyRole, RateRole } from "./types";

/** How many words "fell 3%"-style movement and exclusion cues may sit from the figure. */
const ADJACENT_REACH = 4;
/** How far back "the rate"/"rates of up to" may stand before a percentage. */
const RATE_WORD_REACH = 5;
/** Words read after a money figure for "(worth) of (Chinese) goods". */
const GOODS_AFTER_REACH = 6;
/** Fillers skipped to the left of a money figure ("on another nearly $Xbn"). */
const FILLER_REACH = 6;
/**
 * Objects usually follow the figure ("25% on Chinese goods"): a target mark before it counts as
 * this many times further away than one after it.
 */
const EARLIER_TARGET_PENALTY = 1.5;
/** Words read for a tariff word left of a coverage preposition ("tariffs ... on $Xbn"). */
const COVER_CUE_REACH = 8;
/** Words read for a purchase verb before ("agreed to buy an additional $Xbn") and after a figure. */
const BUY_LEFT_REACH = 10;
const BUY_RIGHT_REACH = 5;
/** Words read after a nation for what it qualifies ("Chinese electric vehicles", "China's tariffs"). */
const QUALIFIED_REACH = 4;
/** Words read before "from"/"in" for the goods they come from ("cars made in China"). */
const ORIGIN_REACH = 3;
/** Money figures further apart than this many tokens are not items of one list. */
const LIST_ITEM_REACH = 7;

export interface Classification {
  tariffRelated: boolean;
  direction: Direction | null;
  /** A purchase commitment (trade-deal buying pledge) rather than goods covered by tariffs. */
  purchase: boolean;
  role: FigureRole;
}

// Word lists that rules test token by token in their loops are marks (markWords in ./lexicon.ts),
// read as `t.marks[k] & LIST`; lists the rules rarely reach stay Sets (there are 31 mark bits).
const ADVERBS_BEFORE_NUMBER = markWords([
  "by",
  "about",
  "nearly",
  "almost",
  "roughly",
  "some",
  "around",
  "more",
  "than",
  "over",
  "another",
  "a",
  "further",
  "just",
  "only",
  "approximately",
  "as",
  "much",
  "sharply",
  "percent",
  "still",
]);

/** Present-tense movement verbs of headlines ("Exports Slump 34.5%"), only right before a figure. */
const MOVE_NOW = markWords(
  (
    "slump slumps fall falls rise rises jump jumps drop drops surge surges plunge plunges sink " +
    "sinks climb climbs tumble tumbles slide slides soar soars dip dips gain gains shrink shrinks"
  ).split(" "),
);

/** Words read left of a movement verb for the tariff or rate that moved. */
const MOVED_SUBJECT_REACH = 8;
/** Prepositions that open a phrase inside the subject ("the rate paid by US consumers"). */
const SUBJECT_PREPS = markWords(["by", "on", "of", "for", "in"]);

/**
 * "the effective tariff rate ... has jumped to 22.5%": the level a tariff moved to is a tariff
 * rate. "tariff revenue jumped to 20%" is not: a word naming something else stands between the
 * tariff and the verb outside a prepositional phrase ("paid by US consumers", "on imports").
 */
function tariffMovedTo(t: SentenceTokens, moveAt: number): boolean {
  const clause = t.clause[moveAt];
  let other = false;
  for (let k = moveAt - 1, s = 0; k >= 0 && s < MOVED_SUBJECT_REACH; k--, s++) {
    const fl = t.flags[k];
    // "the rate on $200 billion of goods rose to 25%": the amount covered is inside the subject
    if (t.clause[k] !== clause || fl & RATE_FIG) return false;
    // "the jobless rate rose to 4.1%": a rate of something else
    if (fl & RATE_WORD && !(fl & TARIFF) && k > 0 && t.flags[k - 1] & NEG) return false;
    if (fl & (TARIFF | RATE_WORD)) return !other;
    if (fl & (NEG | TRADE | VALUE_WORD)) other = true;
    else if ((t.marks[k] & SUBJECT_PREPS) !== 0) other = false;
  }
  return false;
}

/** Is a movement verb directly in front of the figure ("fell 3%", "rose by about 5%")? */
function movedOrValuedBetween(t: SentenceTokens, from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (t.flags[k] & (VALUE_WORD | MOVE)) return true;
  return false;
}

/** Words between a verb of movement and "by X%" in which its object (a flow, a price) stands. */
const MOVED_OBJECT_REACH = 8;

function movedBy(t: SentenceTokens, idx: number): boolean {
  if (idx > 0 && (t.marks[idx - 1] & MOVE_NOW) !== 0) return true;
  // "tariffs cut US soybean exports to China by 75%": how far a flow or a price moved
  if (idx > 1 && t.words[idx - 1] === "by") {
    let flow = false;
    for (let k = idx - 2, s = 0; k >= 0 && s < MOVED_OBJECT_REACH; k--, s++) {
      const fl = t.flags[k];
      if (fl & (TARIFF | RATE_WORD | FIG)) break;
      if (fl & (TRADE | VALUE_WORD)) flow = true;
      if (fl & (MOVE | CHANGE_VERB)) return flow;
    }
  }
  for (let k = idx - 1, steps = 0; k >= 0 && steps < ADJACENT_REACH; k--, steps++) {
    if (t.flags[k] & MOVE) return true;
    if ((t.marks[k] & ADVERBS_BEFORE_NUMBER) === 0) return false;
  }
  return false;
}

/** Distance in words (figure placeholders not counted) to the nearest word with `flag`, or -1. */
function nearest(
  t: SentenceTokens,
  idx: number,
  flag: number,
  dir: -1 | 1,
  limit = Infinity,
): number {
  let d = 0;
  for (let k = idx + dir; k >= 0 && k < t.words.length; k += dir) {
    if (t.flags[k] & FIG) continue;
    d++;
    if (d > limit) return -1;
    if (t.flags[k] & flag) return d;
  }
  return -1;
}

function minDist(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

const NEG_LEFT_SKIP = markWords([
  "of",
  "a",
  "an",
  "the",
  "its",
  "in",
  "worth",
  "at",
  "record",
  "about",
  "around",
  "nearly",
  "some",
  "roughly",
  "almost",
]);
const NEG_RIGHT_SKIP = markWords([
  "of",
  "in",
  "worth",
  "farm",
  "federal",
  "emergency",
  "annual",
  "a",
  "the",
  "new",
  "net",
  "direct",
  "us",
  "usa",
  "from",
]);

/** Is the figure directly qualified by an exclusion word ("deficit of $419bn", "$12bn in farm aid")? */
function negAdjacent(t: SentenceTokens, idx: number): boolean {
  for (let k = idx - 1, steps = 0; k >= 0 && steps < ADJACENT_REACH; k--, steps++) {
    if (t.flags[k] & FIG) break;
    if (t.flags[k] & NEG) return true;
    if ((t.marks[k] & NEG_LEFT_SKIP) === 0) break;
  }
  for (let k = idx + 1, steps = 0; k < t.words.length && steps < ADJACENT_REACH; k++, steps++) {
    const fl = t.flags[k];
    if (fl & FIG) break;
    if (fl & NEG) return true;
    if (fl & (GOODS | TARIFF)) break;
    if ((t.marks[k] & NEG_RIGHT_SKIP) === 0) break;
  }
  return false;
}

const NOT_IN_TARIFF_NOUN_PHRASE = markWords([
  "as",
  "to",
  "up",
  "at",
  "than",
  "of",
  "next",
  "last",
  "this",
  "year",
  "years",
  "month",
  "months",
  "week",
  "day",
  "days",
  "time",
  "when",
  "if",
]);

/** Is the rate the modifier of a tariff noun within four words ("a 25% retaliatory tariff")? */
function tariffNounFollows(t: SentenceTokens, idx: number): boolean {
  for (let k = idx + 1, s = 0; k < t.words.length && s < ADJACENT_REACH; k++, s++) {
    const fl = t.flags[k];
    if (fl & TARIFF) return true;
    if (
      fl & (STOP | MOVE | NEG | FIG | CHANGE_NOUN) ||
      (t.marks[k] & NOT_IN_TARIFF_NOUN_PHRASE) !== 0
    )
      return false;
  }
  return false;
}

/** Words read left of "to"/"at" for the tariff noun phrase it completes. */
const SET_TO_REACH = 7;
/** Words between "to" and the rate: "to as much as 25%", "to about 47%". */
const SET_TO_SKIP = markWords([
  "as",
  "much",
  "high",
  "low",
  "about",
  "around",
  "roughly",
  "nearly",
  "up",
  "between",
]);
/** At most this many SET_TO_SKIP words stand between "to" and the rate ("to as much as"). */
const SET_TO_SKIP_MAX = 3;

/**
 * "tariffs on Chinese solar cells will rise to 50%", "its tariff on Indian goods to 50 per cent":
 * the rate follows "to"/"at" that completes a tariff noun phrase, with no verb of another subject,
 * movement or exclusion word between them.
 */
function tariffPhraseSetTo(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  for (let s = 0; k >= 0 && s < SET_TO_SKIP_MAX && (t.marks[k] & SET_TO_SKIP) !== 0; s++) k--;
  if (k < 1 || (t.words[k] !== "to" && t.words[k] !== "at")) return false;
  for (let j = k - 1, s = 0; j >= 0 && s < SET_TO_REACH; j--, s++) {
    const fl = t.flags[j];
    // "the jobless rate rose to 4.1%": a rate of something else
    if (fl & RATE_WORD && !(fl & TARIFF) && j > 0 && t.flags[j - 1] & NEG) return false;
    if (fl & (TARIFF | RATE_WORD)) return true;
    // "the rate on $200 billion of goods to 25%": the amount covered stands inside the phrase
    if (fl & (RATE_FIG | MOVE | NEG)) return false;
    if (fl & STOP && !(fl & (COVER_PREP | OF_PREP))) return false;
  }
  return false;
}

/** "the 25% rate", "the List 3 rate from 10% to 25%", "rates of up to 25%". */
function nearRateWord(t: SentenceTokens, idx: number): boolean {
  if (idx + 1 < t.words.length && t.flags[idx + 1] & RATE_WORD) return true;
  for (let k = idx - 1, s = 0; k >= 0 && s < RATE_WORD_REACH; k--, s++)
    if (t.flags[k] & RATE_WORD) return true;
  return false;
}

function rateTariffRelated(t: SentenceTokens, idx: number, ctx: Context): boolean {
  if (movedBy(t, idx)) return false;
  // "the effective tariff rate paid by US consumers has jumped to 22.5%"
  if (idx >= 2 && t.words[idx - 1] === "to" && t.flags[idx - 2] & MOVE && tariffMovedTo(t, idx - 2))
    return true;
  // "a 5% rise in prices", "6% growth"
  if (idx + 1 < t.words.length && t.flags[idx + 1] & (CHANGE_NOUN | NEG)) return false;
  // "a weekly decline of nearly 11 per cent"
  let before = idx - 1;
  while (before > 0 && (t.marks[before] & AMOUNT_HEDGES) !== 0) before--;
  if (before > 0 && t.words[before] === "of" && t.flags[before - 1] & CHANGE_NOUN) return false;
  // "25% tariffs", "25 per cent retaliatory duties", "the 34% US reciprocal tariff", "15% List 4B tariff"
  if (tariffNounFollows(t, idx)) return true;
  // "raised its tariff on Indian goods to 50 per cent": the level the tariff phrase is set to
  if (tariffPhraseSetTo(t, idx)) return true;
  // "the 145% rate would come down": a rate named as such, unless an exclusion word qualifies it
  // ("the 3.5% unemployment rate" has the word between and never reaches here)
  // "cut to 10%, with the remaining 24% suspended": the rest of a tariff rate named before
  if (continuesCoverage(t, idx) && (t.all & (TARIFF | RATE_WORD) || ctx.tariffEarlier)) return true;
  // "the 34% reciprocal rate": the tariff's own adjectives may stand between
  let word = idx + 1;
  while (word < idx + 3 && word < t.words.length && t.flags[word] & FILLER) word++;
  if (word < t.words.length && t.flags[word] & RATE_WORD && !negAdjacent(t, idx)) return true;
  const pos = minDist(nearest(t, idx, TARIFF, -1), nearest(t, idx, TARIFF, 1));
  const neg = minDist(nearest(t, idx, NEG, -1), nearest(t, idx, NEG, 1));
  if (pos > 0) return neg < 0 || pos < neg;
  if (neg >= 0) return false;
  // no tariff word in the sentence: a continuation of a tariff sentence ("Washing machines face
  // 20% ..."), or "the rate" in an article that has been talking about tariffs
  return prevHasTariff(ctx) || (ctx.tariffEarlier && nearRateWord(t, idx));
}

/** Index of the nearest word left of idx that matches `flag`, within `limit` words. */
function indexLeft(t: SentenceTokens, idx: number, flag: number, limit: number): number {
  let d = 0;
  for (let k = idx - 1; k >= 0; k--) {
    if (t.flags[k] & flag) return k;
    if (t.flags[k] & FIG) continue;
    if (++d > limit) return -1;
  }
  return -1;
}

function tariffNearby(t: SentenceTokens, ctx: Context): boolean {
  return (t.all & TARIFF) !== 0 || prevHasTariff(ctx);
}

const APPROXIMATORS = markWords([
  "about",
  "around",
  "roughly",
  "nearly",
  "almost",
  "approximately",
  "some",
]);

/** Words that may stand between an amount and "subject to tariffs" ("are now", "will also be"). */
const COPULA = markWords([
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "now",
  "already",
  "also",
  "all",
  "will",
  "still",
  "become",
  "became",
  "a",
  "year",
]);
/** "$Xbn ... subject to tariffs", "covered by duties", "hit by levies". */
const SUBJECT_TO = markWords(["subject", "covered", "hit", "affected", "targeted"]);
/** Copula words skipped before "subject to" ("are now being"). */
const COPULA_MAX = 4;
/** Words after "subject to"/"covered by" in which the tariff word must come ("to new tariffs"). */
const SUBJECT_TO_REACH = 3;

/** "about half of US imports, or $250bn, are now subject to tariffs". */
/** Words left of "worth $X" read for the flow's "covered by the tariffs". */
const COVERED_FLOW_REACH = 10;

/** "US exports to China covered by the tariffs were worth $110bn": the worth of covered goods. */
function coveredFlowWorth(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  while (k >= 0 && (t.flags[k] & FILLER) !== 0 && t.words[k] !== "worth") k--;
  if (k < 1 || t.words[k] !== "worth") return false;
  const clause = t.clause[idx];
  for (let j = k - 1, s = 0; j >= 1 && s < COVERED_FLOW_REACH; j--, s++) {
    if (t.clause[j] !== clause || t.flags[j] & FIG) return false;
    if (t.words[j] === "by" && (t.marks[j - 1] & SUBJECT_TO) !== 0)
      for (let m = j + 1; m < k && m <= j + 3; m++) if (t.flags[m] & TARIFF) return true;
  }
  return false;
}

/** Passive participles of a tariff reaching goods ("$112 billion will still be hit on Sept 1"). */
const HIT_LATER = new Set(["hit", "targeted", "tariffed", "covered", "affected"]);

/** Is the amount the subject of a passive "be hit" in an article about tariffs? */
function hitLater(t: SentenceTokens, idx: number): boolean {
  let k = idx + 1;
  for (let s = 0; k < t.words.length && s < COPULA_MAX && (t.marks[k] & COPULA) !== 0; s++) k++;
  return k > idx + 1 && t.words[k - 1] === "be" && HIT_LATER.has(t.words[k]);
}

function subjectToTariffs(t: SentenceTokens, idx: number): boolean {
  let k = idx + 1;
  for (
    let s = 0;
    k < t.words.length &&
    s < COPULA_MAX &&
    ((t.marks[k] & COPULA) !== 0 || (t.marks[k] & RELATIVE) !== 0 || t.words[k] === "soon");
    s++
  )
    k++;
  // "another $325 billion would soon be taxed at 25%"
  if (k > idx + 1 && k < t.words.length && (t.words[k] === "taxed" || t.words[k] === "tariffed"))
    return true;
  if (k + 2 >= t.words.length || (t.marks[k] & SUBJECT_TO) === 0) return false;
  const w = t.words[k + 1];
  if (w !== "to" && w !== "by") return false;
  for (let j = k + 2, s = 0; j < t.words.length && s < SUBJECT_TO_REACH; j++, s++)
    if (t.flags[j] & TARIFF) return true;
  return false;
}

/** Verbs whose subject is a tariff and whose object is the goods it covers ("tariffs now cover"). */
const COVER_VERBS = markWords([
  "cover",
  "covers",
  "covered",
  "covering",
  "hit",
  "hits",
  "apply",
  "applies",
  "affect",
  "affects",
  "target",
  "targets",
]);
/** How far left of an amount a "tariffs cover …" verb may stand in its clause. */
const COVER_VERB_REACH = 12;
/** Words before a cover verb in which its tariff subject must stand ("tariffs now cover"). */
const COVER_SUBJECT_REACH = 3;

/** Nouns of goods spared from tariffs: "the exemptions for smartphones ... cover $101bn". */
const EXEMPTIONS = new Set([
  "exemption",
  "exemptions",
  "exclusion",
  "exclusions",
  "waiver",
  "waivers",
  "carveouts",
]);
/** Words before a cover verb in which an exemption noun may stand (its goods listed between). */
const EXEMPTION_SUBJECT_REACH = 8;

/** "Tariffs now cover about half of all U.S. imports from China, or roughly $250 billion a year". */
function tariffsCoverBefore(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  for (let k = idx - 1, s = 0; k >= 1 && s < COVER_VERB_REACH && t.clause[k] === clause; k--, s++) {
    if (t.flags[k] & (TARIFF | NEG | FIG)) return false;
    if ((t.marks[k] & COVER_VERBS) === 0) continue;
    for (let j = k - 1, d = 0; j >= 0 && d < EXEMPTION_SUBJECT_REACH; j--, d++) {
      if (t.flags[j] & FIG) return false;
      if (d < COVER_SUBJECT_REACH && t.flags[j] & TARIFF) return true;
      if (EXEMPTIONS.has(t.words[j])) return true;
    }
    return false;
  }
  return false;
}

/** Words that may stand between an amount and "face(s) ... tariffs" ("which would face"). */
const RELATIVE = markWords([
  "which",
  "that",
  "would",
  "could",
  "might",
  "may",
  "will",
  "also",
  "now",
]);
/** Words after "face" in which the tariff word must come ("face a 25 percent tariff"). */
const FACE_REACH = 4;

/** "an annual import value of $50 billion, which would face a 25 percent tariff". */
function facesTariffsAfter(t: SentenceTokens, idx: number): boolean {
  let k = idx + 1;
  for (let s = 0; k < t.words.length && s < COPULA_MAX && (t.marks[k] & RELATIVE) !== 0; s++) k++;
  const w = t.words[k];
  if (k === idx + 1 || (w !== "face" && w !== "faces")) return false;
  for (let j = k + 1, s = 0; j < t.words.length && s < FACE_REACH; j++) {
    if (t.flags[j] & FIG) continue;
    s++;
    if (t.flags[j] & TARIFF) return true;
  }
  return false;
}

/** Verbs of money paid or collected: "$80bn in tariffs collected" is revenue, not goods covered. */
const PAID = new Set([
  "paid",
  "pay",
  "pays",
  "paying",
  "collected",
  "collect",
  "collects",
  "generated",
  "brought",
  "raised",
  "cost",
  "costs",
  "owed",
  "refund",
  "refunds",
  "refunded",
]);
/** Adjectives between "of" and the tariff word ("$100bn of additional tariffs"). */
const TARIFF_ADJECTIVES = new Set(["additional", "new", "more", "extra", "further", "retaliatory"]);

/** "an additional $100 billion of tariffs on Chinese imports": the goods such tariffs cover. */
function tariffsOfAmount(t: SentenceTokens, idx: number): boolean {
  let k = idx + 1;
  if (k >= t.words.length || (t.words[k] !== "of" && t.words[k] !== "in")) return false;
  k++;
  for (let s = 0; k < t.words.length && s < 2 && TARIFF_ADJECTIVES.has(t.words[k]); s++) k++;
  if (k >= t.words.length || !(t.flags[k] & TARIFF) || t.words[k] === "face") return false;
  // "$77bn in tariff revenue", "paid $80bn in tariffs"
  if (k + 1 < t.words.length && t.flags[k + 1] & NEG) return false;
  for (let j = idx - 1, s = 0; j >= 0 && s < 3; j--, s++) if (PAID.has(t.words[j])) return false;
  for (let j = k + 1, s = 0; j < t.words.length && s < 3; j++, s++)
    if (PAID.has(t.words[j])) return false;
  return true;
}

/** Verbs of investment: "will invest $350bn in the US" is not a purchase. */
const INVEST = markWords([
  "invest",
  "invests",
  "invested",
  "investing",
  // "Tokyo will finance $550 billion of U.S. projects"
  "finance",
  "finances",
  "financed",
  "financing",
]);

/** "invest $350 billion", "$550 billion in investment": an investment, whatever else is bought. */
function invested(t: SentenceTokens, idx: number): boolean {
  for (let k = idx - 1, s = 0; k >= 0 && s < 3; k--, s++) {
    if ((t.marks[k] & INVEST) !== 0) return true;
    if ((t.marks[k] & APPROXIMATORS) === 0 && !(t.flags[k] & FILLER)) break;
  }
  const k = idx + 1;
  return (
    k + 1 < t.words.length &&
    (t.words[k] === "in" || t.words[k] === "of") &&
    (t.words[k + 1] === "investment" || t.words[k + 1] === "investments")
  );
}

/** Nouns naming a purchase commitment right before an amount ("a target of $173.1bn"). */
const PLEDGE_NOUNS = new Set([
  "target",
  "targets",
  "commitment",
  "commitments",
  "pledge",
  "goal",
  "promise",
]);
const PLEDGE_SKIP = new Set([
  "of",
  "a",
  "the",
  "its",
  "annual",
  "total",
  "full",
  "about",
  "nearly",
  "some",
]);

/** Words before an amount in which a pledge noun may stand ("purchases of about"). */
const PLEDGE_NOUN_REACH = 4;

function pledgeNounBefore(t: SentenceTokens, idx: number): boolean {
  // "well short of the $173.1bn target": the noun may also follow the amount
  const after = t.words[idx + 1];
  if (after !== undefined && PLEDGE_NOUNS.has(after)) return true;
  for (let k = idx - 1, s = 0; k >= 0 && s < PLEDGE_NOUN_REACH; k--, s++) {
    if (PLEDGE_NOUNS.has(t.words[k])) return true;
    if (!PLEDGE_SKIP.has(t.words[k])) return false;
  }
  return false;
}

/** Past purchases ("China bought $100bn of the goods"): a trade flow, not a commitment. */
const ACTUAL_BUY = new Set(["bought", "purchased", "imported"]);

/** Flow words that name what a side sells, never the goods a tariff list names. */
const OUTFLOWS = new Set(["exports", "export", "shipments"]);

interface MoneyClass {
  related: boolean;
  /** An investment ("invest $350bn"): other, even beside a purchase. */
  invested?: boolean;
  purchase: boolean;
  /** Related through the goods it is worth ("$34bn of Chinese goods"), not "tariffs on $Xbn". */
  byGoods: boolean;
  /** Right after a past purchase verb ("China bought $100bn"). */
  bought?: boolean;
  /** Worth a flow named by a qualified trade word ("$2.6bn of domestic exports"). */
  flow?: boolean;
  /** Qualified by an exclusion word ("$400 million in escrow", "deficit of $419bn"). */
  excluded?: boolean;
  /** The value of goods a tariff names ("the exempted products accounted for $101bn"). */
  named?: boolean;
}

/** "$34 billion of the list": part of a tariff list. */
function ofTheList(t: SentenceTokens, idx: number): boolean {
  return (
    idx + 3 < t.words.length &&
    // "the first $34 billion of the list", "the $300 billion on the list"
    (t.words[idx + 1] === "of" || t.words[idx + 1] === "on") &&
    t.words[idx + 2] === "the" &&
    TARIFF_LISTS.has(t.words[idx + 3])
  );
}

/** Nouns for a set of goods a tariff names, after "$Xbn tariff". */
const TARIFF_LISTS = new Set(["list", "lists", "tranche", "batch", "round"]);

function moneyClass(t: SentenceTokens, idx: number, ctx: Context): MoneyClass {
  const none: MoneyClass = { related: false, purchase: false, byGoods: false };
  if (invested(t, idx)) return { related: false, purchase: false, byGoods: false, invested: true };
  // "place $400 million in escrow": what the amount is, whatever else the sentence buys
  if (negAdjacent(t, idx))
    return { related: false, purchase: false, byGoods: false, excluded: true };
  const n = t.words.length;
  // skip fillers to the left: "on (another|an additional|...) $Xbn", "worth (about) $Xbn"
  let k = idx - 1;
  for (let steps = 0; k >= 0 && steps < FILLER_REACH; steps++) {
    const fl = t.flags[k];
    if (fl & FIG || (fl & FILLER && !(fl & COVER_PREP) && t.words[k] !== "worth")) k--;
    else break;
  }
  // "analysts estimated the targeted U.S. goods at about 14 billion U.S. dollars"
  if (targetedGoodsValued(t, idx))
    return { related: true, purchase: false, byGoods: false, named: true };
  // tariffs/duties/a 25% rate on $Xbn (but "rose 6.7% to $539.5bn" is a level, not coverage)
  if (k >= 0 && t.flags[k] & COVER_PREP) {
    const cue = t.words[k] === "to" ? TARIFF : TARIFF | RATE_FIG | RATE_WORD;
    const cueAt = indexLeft(t, k, cue, COVER_CUE_REACH);
    // "tariff revenue rose 60% to $7bn", "... US tariffs, with Brent crude dropping 6.4 per
    // cent to $65.58 a barrel": the level something reached, not goods covered
    if (cueAt >= 0 && !(t.words[k] === "to" && movedOrValuedBetween(t, cueAt, k)))
      return { related: true, purchase: false, byGoods: false };
    // "China Targets $50 Billion of U.S. Goods" over an article about tariffs
    if (cueAt < 0 && ctx.tariffEarlier && (t.marks[k] & COVER_VERBS) !== 0 && t.words[k] !== "hit")
      return { related: true, purchase: false, byGoods: false };
  }
  // "a second list of $16 billion" in a tariff sentence; "the first $34 billion of the list"
  // "Beijing's new list of $75 billion": in this dispute a list of an amount is a tariff list,
  // unless the sentence buys something
  const listOf = idx >= 2 && t.words[idx - 1] === "of" && TARIFF_LISTS.has(t.words[idx - 2]);
  if (
    (listOf || ofTheList(t, idx)) &&
    (tariffNearby(t, ctx) || (listOf && (t.all & (BUY | NEG)) === 0))
  )
    return { related: true, purchase: false, byGoods: false };
  // "half of US imports, or $250bn, are subject to tariffs"; "tariffs now cover ..., or $250bn"
  // "$100bn of tariffs on Chinese imports"; "a value of $50bn, which would face a 25% tariff"
  if (
    subjectToTariffs(t, idx) ||
    (ctx.tariffEarlier && hitLater(t, idx)) ||
    tariffsCoverBefore(t, idx) ||
    tariffsOfAmount(t, idx) ||
    facesTariffsAfter(t, idx) ||
    coveredFlowWorth(t, idx)
  )
    return { related: true, purchase: false, byGoods: false };
  // "purchases totaled $100bn against a target of $173.1bn"
  if (t.all & BUY && (t.all & NEG) === 0 && pledgeNounBefore(t, idx))
    return { related: true, purchase: true, byGoods: false };
  // purchase commitments: "agreed to buy an additional $200bn", "purchases of $200bn", "$200bn in purchases"
  const buyLeft = indexLeft(t, idx, BUY, BUY_LEFT_REACH);
  let buyRight = -1;
  for (let j = idx + 1, s = 0; j < n && s < BUY_RIGHT_REACH; j++, s++) {
    if (t.flags[j] & BUY) {
      buyRight = j;
      break;
    }
  }
  // "China bought $100bn of the goods": what was bought, not what was promised
  const actual = buyLeft >= 0 && idx - buyLeft <= 3 && ACTUAL_BUY.has(t.words[buyLeft]);
  if ((buyLeft >= 0 || buyRight >= 0) && !negBetween(t, buyLeft, buyRight, idx) && !actual) {
    let commit = (t.all & COMMIT) !== 0;
    for (let j = 0; j + 1 < n && !commit; j++)
      if (t.words[j] === "to" && t.flags[j + 1] & BUY) commit = true;
    if (commit) return { related: true, purchase: true, byGoods: false };
  }
  if (actual) none.bought = true;

  // "product lines worth $34bn", "Japan's biggest export ..., worth about 6 trillion yen"
  if (k >= 0 && t.words[k] === "worth" && indexLeft(t, k, GOODS, 4) >= 0 && tariffNearby(t, ctx))
    return { related: true, purchase: false, byGoods: true };
  // "$Xbn (worth) of (Chinese) goods ... tariffs", "the $60bn list of US goods"
  for (let j = idx + 1, s = 0; j < n && s < GOODS_AFTER_REACH; j++) {
    const fl = t.flags[j];
    if (fl & FIG) continue;
    s++;
    if (fl & GOODS && t.words[j] !== "worth")
      return tariffNearby(t, ctx)
        ? // "HK$2.6bn of domestic exports": a flow that tariffs hit, not the goods they name
          { related: true, purchase: false, byGoods: true, flow: s > 1 && OUTFLOWS.has(t.words[j]) }
        : none;
    if (s === 1 && (t.marks[j] & APPROXIMATORS) !== 0) {
      s = 0; // "$300bn (about €273bn) of ...": the restatement's "about"
      continue;
    }
    // "China's $34 billion tariff list", "the $16bn tariff tranche"
    if (s === 1 && fl & TARIFF && j + 1 < n && TARIFF_LISTS.has(t.words[j + 1]))
      return { related: true, purchase: false, byGoods: false };
    if (
      s === 1 &&
      !(fl & OF_PREP) &&
      t.words[j] !== "list" &&
      t.words[j] !== "tranche" &&
      t.words[j] !== "batch"
    )
      break;
    if (fl & (NEG | STOP) && !(fl & OF_PREP)) break;
  }
  return none;
}

/**
 * An exclusion word between the purchase verb and the amount, or anywhere when the verb comes
 * after it: "buy $8 billion of American farm products, ... separately from the $550 billion
 * investment package" is still a purchase.
 */
function negBetween(t: SentenceTokens, buyLeft: number, buyRight: number, idx: number): boolean {
  if (buyLeft < 0) return (t.all & NEG) !== 0 || buyRight < 0;
  for (let k = buyLeft + 1; k < idx; k++) if (t.flags[k] & NEG) return true;
  return negAdjacent(t, idx);
}

interface Mark {
  at: number;
  nation: number;
}

interface Roles {
  target: Mark | null;
  imposer: Mark | null;
  globalProduct: boolean;
  mentionsChina: boolean;
  mentionsOther: boolean;
  mentionsUs: boolean;
  /** Retaliation/response wording: a Chinese measure then answers the US even if the US is not named. */
  retaliation: boolean;
}

function nationOf(flags: number): number {
  if (flags & NAT_CN) return NAT_CN;
  if (flags & NAT_US) return NAT_US;
  if (flags & NAT_OTHER) return NAT_OTHER;
  return 0;
}

/** "<nation> goods", "<nation> electric vehicles", "Japan's biggest export", "US-made". */
function nationQualifiesGoods(t: SentenceTokens, k: number): boolean {
  for (let j = k + 1, s = 0; j < t.words.length && s < QUALIFIED_REACH; j++, s++) {
    const fl = t.flags[j];
    if (fl & (GOODS | MADE | GLOBAL_PRODUCT)) return true;
    if (fl & (STOP | NATION | TARIFF | FIG)) return false;
  }
  return false;
}

function isTargetMark(t: SentenceTokens, k: number): boolean {
  const fl = t.flags[k];
  if (fl & ALWAYS_TARGET) return true;
  if (nationQualifiesGoods(t, k)) return true;
  let j = k - 1;
  if (j >= 0 && t.words[j] === "the") j--;
  // "imports from China", "goods from the US", "cars made in China"
  if (j >= 0 && (t.words[j] === "from" || t.words[j] === "in")) {
    for (let b = j - 1, s = 0; b >= 0 && s < ORIGIN_REACH; b--, s++) {
      if (t.flags[b] & (GOODS | GLOBAL_PRODUCT | MADE)) return true;
      if (t.flags[b] & (STOP | TARIFF | FIG)) break;
    }
  }
  // "tariffs on China", "duties against the US"
  if (fl & COUNTRY_NOUN && j >= 0 && (t.words[j] === "on" || t.words[j] === "against")) return true;
  return false;
}

/** How far (in tokens) a "China's tariffs"-style mention may be from the figure to name the imposer. */
const ATTACHED_REACH = 8;

/**
 * "soybean exports to China": goods shipped to one side of the dispute come from the other, so a
 * tariff on them targets the other side. Returns that side's nation flag, or 0.
 */
function exportsTo(t: SentenceTokens, k: number, nation: number): number {
  if (nation === NAT_OTHER) return 0;
  let j = k - 1;
  if (j >= 0 && t.words[j] === "the") j--;
  if (j < 1 || t.words[j] !== "to") return 0;
  const w = t.words[j - 1];
  if (w !== "exports" && w !== "shipments" && w !== "sales" && w !== "export") return 0;
  // "Chinese exports to the US", "Japan's biggest export to America": the exporter is named
  for (let b = j - 2; b >= 0 && b >= j - 4; b--) if (t.flags[b] & NATION) return 0;
  return nation === NAT_CN ? NAT_US : NAT_CN;
}

const NOT_ACTOR_PREP = markWords([
  "to",
  "with",
  "against",
  "between",
  "from",
  "and",
  "into",
  "for",
  "in",
  "of",
  "than",
]);

/** Words opening a subordinate clause: a nation after one, past the figure, is that clause's subject. */
const SUBORDINATORS = markWords([
  "after",
  "before",
  "since",
  "because",
  "when",
  "until",
  "once",
  "while",
  "whereas",
  "although",
]);

/** Words after which "as" opens a clause ("caught in the crossfire as the US imposes 25%"). */
const CLAUSE_SUBJECT_STARTS = new Set(["the", "it", "they", "he", "she", "both", "its", "their"]);

/** Is the "as" at `k` a conjunction opening a clause, not "as much as" or "such as"? */
function asClause(t: SentenceTokens, k: number): boolean {
  if (t.words[k] !== "as" || k + 1 >= t.words.length) return false;
  const next = t.words[k + 1];
  return CLAUSE_SUBJECT_STARTS.has(next) || (t.flags[k + 1] & NATION) !== 0;
}

/** Who imposes and whose goods are hit; `focus` is the figure's token (t.words.length for none). */
function roles(t: SentenceTokens, focus: number, lo = 0, hi = t.words.length): Roles {
  const n = hi;
  let all = 0;
  for (let k = lo; k < hi; k++) all |= t.flags[k];
  const r: Roles = {
    target: null,
    imposer: null,
    globalProduct: (all & GLOBAL_PRODUCT) !== 0,
    mentionsChina: (all & NAT_CN) !== 0,
    mentionsOther: (all & NAT_OTHER) !== 0,
    mentionsUs: (all & NAT_US) !== 0,
    retaliation: (all & RETAL) !== 0,
  };
  let bestTarget = Infinity;
  let bestAttached = Infinity;
  let attached: Mark | null = null;
  let subjectLeft: Mark | null = null;
  let subjectAny: Mark | null = null;
  for (let k = lo; k < n; k++) {
    const nation = nationOf(t.flags[k]);
    if (!nation) continue;
    const dist = Math.abs(k - focus);
    const shippedTo = exportsTo(t, k, nation);
    if (shippedTo) {
      const score = k >= focus ? dist : dist * EARLIER_TARGET_PENALTY;
      if (score < bestTarget) {
        bestTarget = score;
        r.target = { at: k, nation: shippedTo };
      }
      continue;
    }
    if (isTargetMark(t, k)) {
      // objects usually follow the figure ("25% on Chinese goods"): prefer them to earlier ones
      const score = k >= focus ? dist : dist * EARLIER_TARGET_PENALTY;
      if (score < bestTarget) {
        bestTarget = score;
        r.target = { at: k, nation };
      }
      continue;
    }
    const prev = k >= 1 ? t.words[k - 1] : "";
    const prev2 = k >= 2 ? t.words[k - 2] : "";
    const afterOf = prev === "of" || (prev === "the" && prev2 === "of");
    if (
      !afterOf &&
      ((k >= 1 && (t.marks[k - 1] & NOT_ACTOR_PREP) !== 0) ||
        (k >= 2 && prev === "the" && (t.marks[k - 2] & NOT_ACTOR_PREP) !== 0))
    )
      continue;
    // "... raised to 15% after China unveiled new retaliation": a nation in a later subordinate
    // clause acts there, not on this figure
    if (k > focus && (t.marks[k - 1] & SUBORDINATORS) !== 0) continue;
    // a nation directly before a tariff word: "China's tariffs", "the 34% US reciprocal tariff",
    // "the doubling of the US fentanyl tariff" (one unknown modifier between)
    for (let j = k + 1, s = 0, unknown = 0; j < n && s < QUALIFIED_REACH; j++, s++) {
      const fl = t.flags[j];
      if (fl & TARIFF) {
        if (dist < bestAttached) {
          bestAttached = dist;
          attached = { at: k, nation };
        }
        break;
      }
      if (fl & (FILLER | FIG)) continue;
      if ((fl & ~AFTER_COMMA) === 0 && unknown++ === 0) continue;
      break;
    }
    if (afterOf) continue;
    if (k < focus) subjectLeft = { at: k, nation };
    if (!subjectAny) subjectAny = { at: k, nation };
  }
  // a nation attached to a tariff word near the figure beats the sentence subject; a far one does not
  const attachedNear = attached !== null && Math.abs(attached.at - focus) <= ATTACHED_REACH;
  // in order of preference
  const candidates: Array<Mark | null> = [
    attachedNear ? attached : null,
    subjectLeft,
    attached,
    subjectAny,
  ];
  r.imposer = firstMark(candidates, 0);
  // "US imposes on US goods" cannot be: keep whichever cue is nearer the figure
  if (
    r.target &&
    r.imposer &&
    r.target.nation === r.imposer.nation &&
    r.target.nation !== NAT_OTHER
  ) {
    if (Math.abs(r.imposer.at - focus) < Math.abs(r.target.at - focus)) r.target = null;
    else r.imposer = firstMark(candidates, r.target.nation);
  }
  return r;
}

/** The first non-null mark whose nation differs from `except` (0: any). */
function firstMark(marks: ReadonlyArray<Mark | null>, except: number): Mark | null {
  for (const m of marks) if (m !== null && m.nation !== except) return m;
  return null;
}

function decide(r: Roles): Direction | null {
  const target = r.target?.nation ?? 0;
  const imposer = r.imposer?.nation ?? 0;
  if (target === NAT_CN) return imposer === NAT_OTHER ? "other" : "us_on_china";
  if (target === NAT_US) return imposer === NAT_OTHER ? "other" : "china_on_us";
  if (target === NAT_OTHER) return "other";
  if (imposer === NAT_US)
    return (r.globalProduct || r.mentionsOther) && !r.mentionsChina ? "other" : "us_on_china";
  if (imposer === NAT_CN) return "china_on_us";
  if (imposer === NAT_OTHER) return "other";
  return null;
}

/** Tokens read on each side of a figure (and at the end of an earlier sentence). */
const WINDOW = 48;

/** The tokens within `before`/`after` of `idx`, as a sentence of their own (no copy when it fits). */
function windowAround(
  t: SentenceTokens,
  idx: number,
  before: number,
  after: number,
): { t: SentenceTokens; idx: number } {
  const lo = Math.max(0, idx - before);
  const hi = Math.min(t.words.length, idx + after + 1);
  if (lo === 0 && hi === t.words.length) return { t, idx };
  const flags = t.flags.slice(lo, hi);
  let all = 0;
  for (const f of flags) all |= f;
  return {
    t: {
      words: t.words.slice(lo, hi),
      flags,
      marks: t.marks.slice(lo, hi),
      clause: t.clause.slice(lo, hi),
      figureToken: [],
      all,
    },
    idx: idx - lo,
  };
}

/** What the classifier may know beyond the figure's sentence. */
export interface Context {
  /** Lazily tokenised earlier sentences (0 = the one just before, 1 = the one before that), or null. */
  previous: (back: 0 | 1) => SentenceTokens | null;
  /** The article (title included) has used a tariff word before this figure. */
  tariffEarlier: boolean;
  /** Direction of the tariff figures of that earlier sentence, "mixed" when they differ. */
  priorDirection?: (back: 0 | 1) => Direction | "mixed" | null;
}

function prevHasTariff(ctx: Context): boolean {
  for (const back of [0, 1] as const) {
    const p = ctx.previous(back);
    if (p && p.all & TARIFF) return true;
  }
  return false;
}

/**
 * Classify the figure whose placeholder is token `idx` of `t`.
 *
 * Direction falls back to the previous sentences when the figure's own sentence names no
 * country, then to a prior: a tariff figure with no country cue at all is taken as a US tariff
 * on China (the subject of this dashboard), unless it is about steel/aluminium/solar/washers or
 * names only third countries, which are "other".
 */
export function classify(
  sentence: SentenceTokens,
  figureIdx: number,
  kind: "money" | "tariff_rate",
  ctx: Context,
  shape: "single" | "change" | "range" = "single",
): Classification {
  // every rule below reads at most this window, so a figure costs O(WINDOW) even in a huge sentence
  const { t, idx } = windowAround(sentence, figureIdx, WINDOW, WINDOW);
  let related: boolean;
  let purchase = false;
  let role: FigureRole;
  if (kind === "tariff_rate") {
    related = rateTariffRelated(t, idx, ctx);
    role = rateRole(t, idx, related, shape);
  } else {
    const m = moneyClass(t, idx, ctx);
    related = m.related;
    purchase = m.purchase;
    role = moneyRole(t, idx, m);
  }
  if (!related) return { tariffRelated: false, direction: null, purchase: false, role };
  if (purchase) return { tariffRelated: true, direction: null, purchase: true, role };
  // the figure's own clause first ("..., and China's average on US goods at 32.6%"), then the sentence
  let lo = idx;
  let hi = idx + 1;
  while (lo > 0 && t.clause[lo - 1] === t.clause[idx]) lo--;
  while (hi < t.words.length && t.clause[hi] === t.clause[idx]) hi++;
  let own = roles(t, idx, lo, hi);
  let direction = decide(own);
  if (direction === null && (lo > 0 || hi < t.words.length)) {
    own = roles(t, idx);
    direction = decide(own);
  }
  // China's tariff with no target, no US and no retaliation in sight: a general (MFN) measure
  if (direction === "china_on_us" && !own.target && !own.mentionsUs && !own.retaliation) {
    const p = ctx.previous(0);
    if (!p || (p.all & NAT_US) === 0) direction = "other";
  }
  for (const back of [0, 1] as const) {
    if (direction !== null) break;
    // A sentence that names no side usually continues the previous figure's story ("China will
    // raise tariffs on $60bn of US goods. The new rates will lie between 5% and 25%."); after a
    // sentence quoting both sides ("Both averages ... 3.1% and 8.0%") nothing says which is which.
    const prior = ctx.priorDirection?.(back) ?? null;
    if (prior === "mixed") break;
    direction = prior;
    if (direction !== null) break;
    const p = ctx.previous(back);
    if (p) {
      const tail = windowAround(p, p.words.length, WINDOW, 0).t;
      direction = decide(roles(tail, tail.words.length));
    }
  }
  if (direction === null) {
    direction =
      (own.globalProduct || own.mentionsOther) && !own.mentionsChina ? "other" : "unknown";
  }
  return { tariffRelated: true, direction, purchase: false, role };
}

/** Words read on each side of a rate for what makes it a share, a past level or a threat. */
const ROLE_REACH = 5;
/** Words read right of a rate for a threat that qualifies it ("the 25% Trump had threatened"). */
const THREAT_RIGHT_REACH = 4;
/** Words read to the left of a rate for a threat ("threatened to impose tariffs of up to 25%"). */
const THREAT_LEFT_REACH = 12;
/** Further left, in the rate's clause, a threat verb followed by an infinitive ("vowed ... to raise"). */
const THREAT_INFINITIVE_REACH = 22;
/** Words read right of a rate, in its clause, for a condition ("... on $60bn of US goods if ..."). */
const CONDITION_REACH = 20;
/** Words read right of a rate for the change that replaces it ("a rate it raised to 25%"). */
const REPLACED_REACH = 14;

/** Nouns of a part ("the share of US exports ... stays at 63.0%"). */
const SHARE_NOUNS = markWords(["share", "proportion", "portion", "fraction", "percentage"]);
/** Words read left of a rate, in its clause, for a share noun. */
const SHARE_NOUN_REACH = 12;

/**
 * "58% of the US goods", "96.8 percent of US imports", "58% of the $173.1bn", "the share of US
 * exports covered by retaliation stays at 63.0%", "..., 66.6%, now face special tariffs": a share.
 */
function shareOfTrade(t: SentenceTokens, idx: number): boolean {
  return shareOf(t, idx) || shareNounBefore(t, idx) || facesTariffs(t, idx);
}

function shareNounBefore(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  for (let k = idx - 1, s = 0; k >= 0 && s < SHARE_NOUN_REACH; k--, s++) {
    if (t.clause[k] !== clause || t.flags[k] & FIG) return false;
    // "the 24 per cent portion of the tariff ..., leaving 10 per cent": another figure's noun
    if ((t.marks[k] & SHARE_NOUNS) !== 0 && k > 0 && t.flags[k - 1] & FIG) return false;
    if ((t.marks[k] & SHARE_NOUNS) !== 0 && k + 1 < idx && t.words[k + 1] === "of") return true;
  }
  return false;
}

/** A rate is never what "faces" a tariff: "..., 66.6%, now face special tariffs" is a share. */
function facesTariffs(t: SentenceTokens, idx: number): boolean {
  let k = idx + 1;
  for (let s = 0; k < t.words.length && s < 3 && (t.marks[k] & COPULA) !== 0; s++) k++;
  if (k + 1 >= t.words.length) return false;
  const w = t.words[k];
  if (
    w !== "face" &&
    w !== "faces" &&
    !((t.marks[k] & SUBJECT_TO) !== 0 && (t.words[k + 1] === "to" || t.words[k + 1] === "by"))
  )
    return false;
  for (let j = k + 1, s = 0; j < t.words.length && s < 4; j++, s++)
    if (t.flags[j] & TARIFF) return true;
  return false;
}

function shareOf(t: SentenceTokens, idx: number): boolean {
  if (idx + 1 >= t.words.length || t.words[idx + 1] !== "of") return false;
  for (let k = idx + 2, s = 0; k < t.words.length && s < ROLE_REACH; k++, s++) {
    const fl = t.flags[k];
    if (fl & (GOODS | TRADE | MONEY_FIG)) return true;
    if (fl & (FIG | TARIFF | NEG | VALUE_WORD)) return false;
  }
  return false;
}

/** Words that may stand between a change verb and the old level ("cut the existing 15% tariff"). */
const BEFORE_OLD_LEVEL = markWords(["the", "its", "their", "existing", "current", "additional"]);

/** "exempted from the 25 percent U.S. tariff", "a reprieve from the 30% tariff": not a past level. */
const SPARED = new Set(
  "exempt exempted exempts exemption excluded exclusion spared spares spare reprieve relief shielded shield".split(
    " ",
  ),
);

/** Words after a compared rate read for the side it applies to ("the 34 per cent levied on China"). */
const OTHER_SIDE_REACH = 4;

/**
 * "34 per cent for China", "the 34 per cent levied on China", "the 3% rate charged on Brazilian
 * cargoes": a level of another side today, named right after the rate.
 */
function forNation(t: SentenceTokens, idx: number): boolean {
  for (let k = idx + 1, s = 0; k < t.words.length && s < OTHER_SIDE_REACH; k++, s++) {
    const fl = t.flags[k];
    if (fl & (FIG | PAST)) return false;
    if (!(fl & NATION)) continue;
    let j = k - 1;
    if (t.words[j] === "the") j--;
    return j > idx && (t.words[j] === "for" || t.words[j] === "on" || t.words[j] === "against");
  }
  return false;
}

/** Words before a rate read for a change verb and its determiners ("cut the", "halve its"). */
const OLD_LEVEL_LEFT_REACH = 3;
/** The same through a tariff's phrase before a ceiling ("lift its tariffs of up to 15%"). */
const OLD_LEVEL_PHRASE_REACH = 7;
/** Words before a rate read for a comparison cue ("from", "rather than"). */
const PAST_LEVEL_REACH = 3;

/** The word before a rate, past "as much as" and the like: "to" (a level set), "up to" (a ceiling) or neither. */
function toBefore(t: SentenceTokens, idx: number): "to" | "up to" | null {
  let j = idx - 1;
  for (let s = 0; j >= 0 && s < SET_TO_SKIP_MAX && (t.marks[j] & SET_TO_SKIP) !== 0; s++) j--;
  if (j < 0 || t.words[j] !== "to") return null;
  return j >= 1 && t.words[j - 1] === "up" ? "up to" : "to";
}

/**
 * "cut the 15% tariff on $120bn of goods to 7.5%", "10% tariffs on another $200bn, a rate it
 * raised to 25%": the old level of a change written around the rest of the sentence.
 */
function replacedLater(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  // "reduce its levies to 30% and China will cut its duties to 10%": 30% is a new level;
  // "tariffs of up to 15 percent" is a ceiling, not the level a change goes to
  const before = toBefore(t, idx);
  if (before === "to") return false;
  const ceiling = before === "up to";
  let verbBefore = false;
  let determiner = false;
  // "lift the additional tariffs of up to 15 percent": the tariff's own phrase may stand between
  const reach = ceiling ? OLD_LEVEL_PHRASE_REACH : OLD_LEVEL_LEFT_REACH;
  for (let k = idx - 1, s = 0; k >= 0 && s < reach; k--, s++) {
    if (t.flags[k] & CHANGE_VERB) verbBefore = true;
    if (verbBefore) break;
    const w = t.words[k];
    if ((t.marks[k] & BEFORE_OLD_LEVEL) !== 0) determiner = true;
    else if (!ceiling || !(t.flags[k] & TARIFF || w === "of" || w === "up" || w === "to")) break;
  }
  // "halve the 15 per cent tariff", "cut its 10% levy": the level being changed; a headline
  // drops the article ("US to halve 15 per cent tariff", "halves 15% rate")
  if (verbBefore && (determiner || (idx > 0 && t.flags[idx - 1] & CHANGE_VERB))) return true;
  let verbAfter = false;
  // still inside the rate's subject phrase ("China's 125% levy on American products")
  let subject = true;
  for (let k = idx + 1, s = 0; k + 1 < t.words.length && s < REPLACED_REACH; k++, s++) {
    if (t.clause[k] !== clause) return false;
    const fl = t.flags[k];
    // "slaps 34% tariff on China, lifting total new levies to 54%", "..., rate to rise to 25%":
    // after a comma, a participle or a new subject moves something else
    if (fl & AFTER_COMMA && (t.words[k].endsWith("ing") || fl & RATE_WORD)) return false;
    // a nation between may be the subject of another change ("... and China will cut ... to
    // 10%"), unless it only names the goods ("on Chinese goods", "from the US")
    if (fl & RATE_FIG || (fl & NATION && !verbBefore && !nationNamesGoods(t, k))) return false;
    if (fl & CHANGE_VERB) verbAfter = true;
    // "China's 125% levy on American products falls to 10%": the subject of a movement that
    // happens; under a modal ("would rise to 25%") the rate stays the level in force
    if (subject && (t.marks[k] & RISE_VERBS) !== 0) verbAfter = true;
    else if (subject && !(fl & SUBJECT_PHRASE)) subject = false;
    if (t.words[k] === "to" && t.flags[k + 1] & RATE_FIG && (verbBefore || verbAfter)) return true;
  }
  return false;
}

/** Verbs of a level moving, with the rate as their subject ("falls to 10%"). */
const RISE_VERBS = markWords(
  "rise rises rose fall falls fell drop drops dropped climb climbs climbed goes went".split(" "),
);
/** Words of a rate's subject phrase: "China's 125% levy on American products". */
const SUBJECT_PHRASE =
  TARIFF | RATE_WORD | COVER_PREP | OF_PREP | FILLER | GOODS | NATION | MONEY_FIG;

/** A nation that names goods or their origin ("on Chinese goods", "from the US"), not an actor. */
function nationNamesGoods(t: SentenceTokens, k: number): boolean {
  if (nationQualifiesGoods(t, k)) return true;
  let j = k - 1;
  if (j >= 0 && t.words[j] === "the") j--;
  // "from Mexico and Canada": the next nation of the same list
  if (j >= 1 && (t.words[j] === "and" || t.words[j] === "or") && t.flags[j - 1] & NATION)
    return nationNamesGoods(t, j - 1);
  return j >= 0 && (t.words[j] === "on" || t.words[j] === "from" || t.words[j] === "of");
}

/** "from 57%", "rather than 10%", "3.1% before the trade war", "the 10% rate lowered to 5%". */
function pastLevel(t: SentenceTokens, idx: number, shape: "single" | "change" | "range"): boolean {
  // the new level of "from 10% to 25%" is not a past level
  if (shape === "change") return false;
  if (multipleOf(t, idx)) return true;
  for (let k = idx - 1, s = 0; k >= 0 && s < PAST_LEVEL_REACH; k--, s++) {
    const fl = t.flags[k];
    // "ranging from 5% to 25%" is a range, not a comparison; "compared with 34 per cent for
    // China" compares another side's level today
    if (fl & COMPARED)
      return (
        (shape !== "range" || t.words[k] !== "from") &&
        !forNation(t, idx) &&
        !(t.words[k] === "from" && k > 0 && SPARED.has(t.words[k - 1]))
      );
    const w = t.words[k];
    // "compared with 10%", "which had been 10%", "previously 10%"
    if ((w === "with" || w === "to") && k > 0 && t.flags[k - 1] & COMPARED)
      return !forNation(t, idx);
    if (w === "been" && k > 0 && t.words[k - 1] === "had") return true;
    if (w === "previously" || w === "formerly") return true;
    if (!(fl & FILLER) && t.words[k] !== "current" && t.words[k] !== "existing") break;
  }
  for (let k = idx + 1, s = 0; k < t.words.length && s < 3; k++, s++) {
    const fl = t.flags[k];
    if (fl & PAST) return true;
    // "15 percent, lower than the 25 percent announced" compares; it changes nothing
    if (fl & CHANGE_VERB && !(k + 1 < t.words.length && t.words[k + 1] === "than")) return true;
    if (!(fl & (RATE_WORD | TARIFF)) && t.words[k] !== "was" && t.words[k] !== "will") break;
  }
  // a single rate was already read for the change that replaces it (rateRole)
  return stoodBefore(t, idx) || (shape === "range" && replacedLater(t, idx));
}

/** "double the 25 per cent rate imposed in March", "twice the 10% it replaced": the level compared. */
const MULTIPLES = markWords(["double", "twice", "triple", "treble", "thrice", "half", "quadruple"]);

function multipleOf(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  const determiner = k >= 0 && (t.words[k] === "the" || t.words[k] === "its");
  if (determiner) k--;
  if (k < 0 || (t.marks[k] & MULTIPLES) === 0) return false;
  return determiner || t.words[k] === "twice" || t.words[k] === "thrice";
}

/**
 * "lower than the 25 percent Trump had announced for Aug. 1", "below the 46 per cent announced in
 * April": a level compared with that was announced and never applied, a threat.
 */
function comparedAnnounced(t: SentenceTokens, idx: number): boolean {
  let compared = false;
  for (let k = idx - 1, s = 0; k >= 0 && s < PAST_LEVEL_REACH; k--, s++) {
    // "less than half the 46 per cent announced in April"
    if (t.flags[k] & COMPARED || (t.marks[k] & MULTIPLES) !== 0) {
      compared = true;
      break;
    }
    if (!(t.flags[k] & FILLER)) break;
  }
  if (!compared) return false;
  for (let k = idx + 1, s = 0; k < t.words.length && s < THREAT_RIGHT_REACH; k++, s++) {
    // "instead of the 32% Trump had set for August 1", "the 25 percent Trump had warned would apply"
    if (ANNOUNCED.has(t.words[k])) return true;
    if (t.flags[k] & FIG || t.clause[k] !== t.clause[idx]) return false;
  }
  return false;
}

/** Verbs naming a level announced and never applied, after a compared rate. */
const ANNOUNCED = new Set(["announced", "threatened", "warned", "set", "proposed", "floated"]);

/** Words read left of a rate for "where they stood at the start of 2018, 3.1% and 8.0%". */
const STOOD_REACH = 10;

function stoodBefore(t: SentenceTokens, idx: number): boolean {
  // "tariffs on Chinese goods stood at 145 percent": the level at the time, not a past one
  if (idx >= 2 && t.words[idx - 1] === "at" && t.words[idx - 2] === "stood") return false;
  const clause = t.clause[idx];
  for (let k = idx - 1, s = 0; k >= 0 && s < STOOD_REACH && t.clause[k] === clause; k--, s++)
    if (t.words[k] === "stood") return true;
  return false;
}

/** Agreement words: a modal under a deal reports its terms ("would fall to 47% under the deal"). */
const AGREEMENT = markWords(["deal", "agreement", "agreed", "truce", "accord", "pact"]);
/**
 * A modal ("would", "could") is no threat when the tariff is its subject ("a 125% tariff would
 * halt that trade") or when the sentence reports a deal ("would fall to 47% under the deal").
 */
function modalOverridden(t: SentenceTokens, idx: number, modalAt: number): boolean {
  // "would have risen to 25% on Jan 1": what did not happen, whatever its date
  if (t.words[modalAt + 1] === "have") return false;
  // "a 10% tariff would be put on …" is a passive imposition, still a threat
  const passive = modalAt + 1 < t.words.length && t.words[modalAt + 1] === "be";
  // "the 25% tariffs could go into effect as early as next month": a start not yet decided
  const starts = modalAt > idx && EFFECT_VERBS.has(t.words[modalAt + 1]);
  if (modalAt > idx && !passive && !starts)
    for (let k = idx + 1; k < modalAt; k++) if (t.flags[k] & (TARIFF | RATE_WORD)) return true;
  for (let k = 0; k < t.words.length; k++) if ((t.marks[k] & AGREEMENT) !== 0) return true;
  return firmDateAfter(t, idx) && !reportedBefore(t, modalAt);
}

/** Month and weekday names (the tokenizer reads the month "May" as "mayday"). */
const DATE_NAMES = new Set(
  (
    "january jan february feb march mar april apr mayday june jun july jul august aug september " +
    "sept sep october oct november nov december dec monday tuesday wednesday thursday friday " +
    "saturday sunday"
  ).split(" "),
);
/** Words that set a start date before a month or weekday ("from July 6", "starting Sept. 1"). */
const DATE_OPENERS = new Set(["from", "on", "starting", "effective", "beginning", "of"]);
/** A clock time before a day: "a.m."/"p.m." tokenise to a last "m". */
const CLOCK_WORDS = new Set(["m", "midnight", "noon"]);
/** Words read right of a rate, in its clause, for its start date. */
const FIRM_DATE_REACH = 12;

/** "... additional tariffs of 25 percent from July 6": a start date set for the rate. */
/** Verbs of a tariff starting, right after a modal ("could take effect", "would kick in"). */
const EFFECT_VERBS = new Set(["take", "go", "kick", "start", "begin", "apply"]);

function firmDateAfter(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  for (let k = idx + 1, s = 0; k + 1 < t.words.length && s < FIRM_DATE_REACH; k++, s++) {
    if (t.clause[k] !== clause || t.flags[k] & RATE_FIG) return false;
    // "on Wednesday", "from July 6", "at 12:01 a.m. Wednesday" (the "m" of "a.m.")
    const opener = DATE_OPENERS.has(t.words[k]) || CLOCK_WORDS.has(t.words[k]);
    if (opener && DATE_NAMES.has(t.words[k + 1])) return true;
  }
  return false;
}

/** Verbs reporting what someone said: "Trump said he would ... from Nov. 1" stays a threat. */
const REPORTING = new Set(
  "said says say tweeted told announced wrote posted stated warned declared".split(" "),
);

function reportedBefore(t: SentenceTokens, modalAt: number): boolean {
  for (let k = modalAt - 1; k >= 0; k--) if (REPORTING.has(t.words[k])) return true;
  return false;
}

/** Is the rate the new level of "to", past "as much as" or "between" ("cutting ... to between 50%")? */
export function afterTo(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  for (let s = 0; k >= 0 && s < SET_TO_SKIP_MAX && (t.marks[k] & SET_TO_SKIP) !== 0; s++) k--;
  return k >= 0 && t.words[k] === "to";
}

/** A threat word in the rate's clause, or shortly before it in the sentence. */
function threatened(t: SentenceTokens, idx: number): boolean {
  // "if it does not withdraw its 34% retaliatory levy": the condition names a level in force
  const owned = idx > 0 && (t.words[idx - 1] === "its" || t.words[idx - 1] === "their");
  // "considering cutting the 145% tariff to between 50% and 65%": the old level of the change
  // does not stop the threat from reaching its new level
  let oldLevel = afterTo(t, idx);
  // "Should talks collapse, Washington will raise tariffs to 25 per cent", "If China does not
  // agree by the March 1 deadline, the tariffs ... will rise to 25%": a sentence opening with a
  // condition, however long
  if (t.words.length > 0 && (t.marks[0] & CONDITION_OPENERS) !== 0 && t.clause[0] === t.clause[idx])
    return true;
  const clause = t.clause[idx];
  for (let k = idx - 1, s = 0; k >= 0 && s < THREAT_INFINITIVE_REACH; k--, s++) {
    const fl = t.flags[k];
    // "Beijing vowed to retaliate after Washington's 25% duties took effect": the threat is
    // outside the subordinate clause the rate stands in
    if ((t.marks[k] & SUBORDINATORS) !== 0 || asClause(t, k)) break;
    if (owned && (t.words[k] === "if" || t.words[k] === "unless")) continue;
    if (fl & THREAT) {
      if (s < THREAT_LEFT_REACH) {
        if (!(fl & MODAL && modalOverridden(t, idx, k))) return true;
      } else if (
        // "threatened on Sunday in a pair of tweets to sharply raise tariffs on $200 billion
        // worth of Chinese goods to 25 percent": the threat's infinitive reaches further
        !(fl & MODAL) &&
        t.clause[k] === clause &&
        infinitiveFollows(t, k, idx)
      )
        return true;
    }
    if (fl & RATE_FIG) {
      if (!oldLevel) break;
      oldLevel = false;
    }
  }
  return threatAfter(t, idx);
}

/** Words that open a sentence with a condition on all it says. */
const CONDITION_OPENERS = markWords(["should", "if", "unless"]);

/** Words after a threat verb in which its infinitive's "to" must come ("threatened on Sunday ... to"). */
const INFINITIVE_REACH = 10;

/**
 * Does the threat word at `k` open an infinitive ("to") soon after it, other than the "to" that
 * sets the rate ("to 25%") or one of "subject to"?
 */
function infinitiveFollows(t: SentenceTokens, k: number, idx: number): boolean {
  let end = idx - 1;
  for (let s = 0; end > k && s < SET_TO_SKIP_MAX && (t.marks[end] & SET_TO_SKIP) !== 0; s++) end--;
  for (let j = k + 1, s = 0; j < end && s < INFINITIVE_REACH; j++, s++) {
    if (t.flags[j] & (FIG | TARIFF | MODAL)) return false;
    if (t.words[j] === "to") return true;
  }
  return false;
}

function threatAfter(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  let conditionReach = true;
  // "... to 7.5% and suspend tariffs on $160bn": a threat word after "and" has its own object
  let ownVerb = true;
  // "tariffs of 25 percent, 20 percent, 10 percent and 5 percent on ... if ...": the rates of
  // one list share what follows the last of them
  let lastItem = idx;
  for (let k = idx + 1, s = 0; k < t.words.length && s < CONDITION_REACH; k++, s++) {
    const fl = t.flags[k];
    if (t.clause[k] !== clause) break;
    if (fl & RATE_FIG) {
      const joined = k === lastItem + 1 || (k === lastItem + 2 && LIST_JOINS.has(t.words[k - 1]));
      if (!joined) break;
      lastItem = k;
      continue;
    }
    // "unchanged at 12.1%, because the planned increase to 25% is on hold": the threat is the
    // subordinate clause's own
    if ((t.marks[k] & SUBORDINATORS) !== 0) break;
    // "... on $60bn of US goods if Washington carries out its threat": a condition; after a
    // comma it may belong to another verb ("25% tariffs on $34bn ..., lapse ... unless ...")
    if (fl & AFTER_COMMA) conditionReach = false;
    if (t.words[k] === "and" || t.words[k] === "but") ownVerb = false;
    if (conditionReach && (t.words[k] === "if" || t.words[k] === "unless")) return true;
    // "an 80% tariff on China seems right": a level someone favours, not one imposed
    if (conditionReach && (t.marks[k] & OPINION_VERBS) !== 0 && OPINION_WORDS.has(t.words[k + 1]))
      return true;
    if (onTheTable(t, k)) return true;
    if (
      ownVerb &&
      s < THREAT_RIGHT_REACH &&
      fl & THREAT &&
      !(fl & MODAL && modalOverridden(t, idx, k))
    )
      return true;
    // "a 25 per cent levy on Chinese cars was being considered", "is under consideration": the
    // rate is the subject of a passive threat verb
    if (
      ownVerb &&
      conditionReach &&
      (t.marks[k] & PROPOSED) !== 0 &&
      PASSIVE_AUX.has(t.words[k - 1]) &&
      !pastPause(t, k)
    )
      return true;
  }
  return false;
}

const LIST_JOINS = new Set(["and", "or"]);
/** "China announced tariffs of 25% ..., but did not say when they would take effect". */
function noDateGiven(t: SentenceTokens, idx: number): boolean {
  for (let k = idx + 1; k < t.words.length; k++) {
    if (t.flags[k] & RATE_FIG) return false;
    if (t.words[k] === "when" && SAID_WHEN.has(t.words[k - 1]) && NOT_WORDS.has(t.words[k - 2]))
      return true;
  }
  return false;
}

const SAID_WHEN = new Set(["say", "said", "specify", "specified", "disclose", "announce"]);
const NOT_WORDS = new Set(["not", "never", "without"]);
const OPINION_VERBS = markWords(["seems", "seem", "sounds", "sound", "looks"]);
const OPINION_WORDS = new Set(["right", "fair", "appropriate", "reasonable", "good"]);

/**
 * "the 25 percent tariff on US cars that was suspended in January will be restored": a pause in
 * a relative clause is the tariff's history; the main verb says what happens to it now.
 */
function pastPause(t: SentenceTokens, k: number): boolean {
  const w = t.words[k];
  if (w !== "suspended" && w !== "paused") return false;
  const relative = t.words[k - 2];
  return relative === "that" || relative === "which";
}

/** Words right before a threat participle that make the rate its subject ("was being considered"). */
const PASSIVE_AUX = new Set(["is", "are", "was", "were", "be", "been", "being", "under"]);
/**
 * Participles of a proposal, read that far ("a 25 per cent levy on Chinese cars was being
 * considered"); "the 25 percent tariff ... that was suspended in January" may be restored, and
 * "the 24 per cent portion ... has been suspended for 90 days" is not in force.
 */
const PROPOSED = markWords(
  "considered consideration proposed planned weighed mulled floated threatened discussed suspended paused".split(
    " ",
  ),
);

/** "A 25 per cent levy on the remaining $300bn ... remains on the table": still only proposed. */
function onTheTable(t: SentenceTokens, k: number): boolean {
  // "the 25 percent tariff he has put on hold for 30 days"
  if (t.words[k] === "onhold") return true;
  return t.words[k] === "table" && k >= 2 && t.words[k - 1] === "the" && t.words[k - 2] === "on";
}

/** "the 30% tariffs already in place", "the 20% already imposed": in force, whatever the sentence threatens. */
function alreadyInForce(t: SentenceTokens, idx: number): boolean {
  return currentBefore(t, idx) || inForceAfter(t, idx);
}

/** Words before a rate read for "now", "the current", "on top of the roughly". */
const CURRENT_REACH = 4;
/** Words after a rate read for "already", "currently" ("the 25% duties that already cover"). */
const ALREADY_REACH = 6;
/** Words after a rate read, in its clause, for "in place" ("leaves the 25% rate on $250bn in place"). */
const IN_PLACE_REACH = 8;

/**
 * "The tariff on Chinese goods, now 145%, would come down", "well below the current 145%", "on
 * top of the roughly 30% in duties": the level in force. "from the current 10%" is still the old
 * level of a change.
 */
function currentBefore(t: SentenceTokens, idx: number): boolean {
  for (let k = idx - 1, s = 0; k >= 0 && s < CURRENT_REACH; k--, s++) {
    const w = t.words[k];
    if (w === "now" || w === "currently" || w === "current") {
      let j = k - 1;
      if (j >= 0 && t.words[j] === "the") j--;
      return !(j >= 0 && (t.words[j] === "from" || t.words[j] === "of"));
    }
    if (w === "of" && k >= 2 && t.words[k - 1] === "top" && t.words[k - 2] === "on") return true;
    // "on top of the EU's standard 10 percent tariff"
    if (!(t.flags[k] & (FILLER | NATION)) || t.flags[k] & COMPARED) return false;
  }
  return false;
}

function inForceAfter(t: SentenceTokens, idx: number): boolean {
  // "up from the 10 percent now in place": the old level of a change, however current before it
  for (let k = idx - 1, s = 0; k >= 0 && s < PAST_LEVEL_REACH; k--, s++) {
    if (t.words[k] === "from") {
      if (k > 0 && SPARED.has(t.words[k - 1])) break;
      return false;
    }
    if (!(t.flags[k] & FILLER)) break;
  }
  const clause = t.clause[idx];
  for (let k = idx + 1, s = 0; k < t.words.length && s < IN_PLACE_REACH; k++, s++) {
    if (t.clause[k] !== clause || t.flags[k] & RATE_FIG) return false;
    const w = t.words[k];
    if (s < ALREADY_REACH && (w === "already" || w === "currently")) return true;
    if ((w === "place" || w === "force") && t.words[k - 1] === "in") return true;
    // "the 25% tariff he has put on hold": not in force
    if (t.flags[k] & THREAT) return false;
  }
  return false;
}

/** Verbs that hold a level where it is: "would keep the tariff ... at 10%", "leaving them at 10%". */
const KEEP = new Set([
  "keep",
  "keeps",
  "kept",
  "keeping",
  "leave",
  "leaves",
  "leaving",
  "remain",
  "remains",
  "stay",
  "stays",
  "unchanged",
]);
/** Words read left of "at X%" for a KEEP verb (the tariff and its goods stand between). */
const KEPT_AT_REACH = 12;

/** "keep the tariff on $200bn of Chinese goods at 10% rather than lift it to 25%": in force. */
function keptAt(t: SentenceTokens, idx: number): boolean {
  if (idx < 2 || t.words[idx - 1] !== "at") return false;
  const clause = t.clause[idx];
  for (let k = idx - 2, s = 0; k >= 0 && s < KEPT_AT_REACH && t.clause[k] === clause; k--, s++) {
    if (t.flags[k] & RATE_FIG) return false;
    if (KEEP.has(t.words[k])) return true;
  }
  return false;
}

/** "About 40% of Japanese companies": a proportion of something other than goods or value. */
/**
 * "cancelling 91 percent of the additional tariffs": a part of the tariffs, not a rate (a part
 * suspended, "suspend 24 percent of the tariffs", may come back: a threat).
 */
function partOfTariffs(t: SentenceTokens, idx: number): boolean {
  if (idx + 1 >= t.words.length || t.words[idx + 1] !== "of") return false;
  for (let k = idx + 2, s = 0; k < t.words.length && s < ROLE_REACH; k++, s++) {
    const fl = t.flags[k];
    if (fl & TARIFF && !(fl & RATE_WORD)) return true;
    if (!(fl & (FILLER | NATION | RETAL))) return false;
  }
  return false;
}

function proportionOf(t: SentenceTokens, idx: number): boolean {
  if (idx + 1 >= t.words.length || t.words[idx + 1] !== "of") return false;
  for (let k = idx + 2, s = 0; k < t.words.length && s < ROLE_REACH; k++, s++) {
    const fl = t.flags[k];
    if (fl & (VALUE_WORD | TARIFF | RATE_WORD | FIG)) return false;
    if (fl & (FILLER | NATION)) continue;
    return true;
  }
  return false;
}

/** Verbs of a pause, threats only with the rate as their object ("pause the 25-per-cent tariffs"). */
const PAUSE = new Set(["pause", "pauses", "paused", "pausing"]);

/** "the proposed 25% tariffs ... before a final decision": the word naming the rate wins over a later "before". */
function threatAdjective(t: SentenceTokens, idx: number): boolean {
  // "pause the 25-per-cent tariffs" (not "a 90-day pause at a 10% baseline")
  let k = idx - 1;
  while (k > 0 && (t.marks[k] & BEFORE_OLD_LEVEL) !== 0) k--;
  if (k < idx - 1 && PAUSE.has(t.words[k])) return true;
  for (let k = idx - 1, s = 0; k >= 0 && s < 3; k--, s++) {
    const fl = t.flags[k];
    if (fl & THREAT && !(fl & MODAL)) return true;
    if (!(fl & FILLER)) return false;
  }
  return false;
}

function rateRole(
  t: SentenceTokens,
  idx: number,
  related: boolean,
  shape: "single" | "change" | "range",
): RateRole {
  if (shareOfTrade(t, idx)) return "share";
  if (proportionOf(t, idx)) return "other";
  if (!related) return "other";
  if (alreadyInForce(t, idx) || keptAt(t, idx)) return "rate";
  if (cancelledBeforeStart(t, idx)) return "threat";
  // "Tariffs of 145% on Chinese goods would be cut to 30%": the old level, whatever the modal
  if (shape === "single" && (replacedLater(t, idx) || removed(t, idx))) return "previous";
  if (threatAfter(t, idx) || threatAdjective(t, idx) || noDateGiven(t, idx)) return "threat";
  if (partOfTariffs(t, idx)) return threatened(t, idx) ? "threat" : "other";
  if (pastLevel(t, idx, shape)) return comparedAnnounced(t, idx) ? "threat" : "previous";
  if (threatened(t, idx)) return "threat";
  return "rate";
}

const CANCEL_WORDS = markWords(
  "cancel cancels cancelled canceled cancelling canceling scrap scraps scrapped scrapping drop drops dropped shelve shelves shelved off".split(
    " ",
  ),
);
const SCHEDULED_WORDS = markWords(["set", "due", "scheduled"]);
/** Words read on each side of a rate for its cancellation and its planned start. */
const CANCEL_REACH = 10;

/**
 * "will cancel a round of 15% tariffs ... that was set to begin Sunday", "15% tariffs set for
 * Sunday are off": a scheduled rate called off before it started was never in force, a plan that
 * did not happen (a threat), not an old level.
 */
function cancelledBeforeStart(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  let scheduled = false;
  let cancelled = false;
  for (let k = idx + 1, s = 0; k < t.words.length && s < CANCEL_REACH; k++, s++) {
    if (t.clause[k] !== clause || t.flags[k] & RATE_FIG) break;
    const w = t.words[k];
    // "halve the rate ... to 7.5 percent and cancel duties that were due to hit ...": another
    // verb's object
    if (w === "and" || w === "but") break;
    if (
      (t.marks[k] & SCHEDULED_WORDS) !== 0 &&
      (t.words[k + 1] === "to" || t.words[k + 1] === "for")
    )
      scheduled = true;
    if ((t.marks[k] & CANCEL_WORDS) !== 0) cancelled = true;
  }
  if (!scheduled) return false;
  if (cancelled) return true;
  for (let k = idx - 1, s = 0; k >= 0 && s < CANCEL_REACH; k--, s++) {
    if (t.clause[k] !== clause || t.flags[k] & RATE_FIG) return false;
    if ((t.marks[k] & CANCEL_WORDS) !== 0 && t.words[k] !== "off") return true;
  }
  return false;
}

/** Verbs that end a tariff, with no new level: its rate is the level that ends. */
const REMOVAL_VERBS = markWords(
  (
    "lift lifts lifted lifting remove removes removed removing scrapped scrapping " +
    "eliminate eliminates eliminated eliminating abolish abolishes abolished repeal repeals " +
    "repealed revoke revokes revoked withdraw withdraws withdrew withdrawn"
  ).split(" "),
);
const REMOVAL_PARTICIPLES = new Set(
  "lifted removed scrapped eliminated abolished repealed revoked withdrawn".split(" "),
);
const REMOVAL_AUX = new Set(["was", "were", "is", "are", "be", "been"]);
/** Words of a rate's own noun phrase between it and a verb that ends it, read at most. */
const REMOVAL_REACH = 10;

/**
 * "Beijing will remove the anti-dumping and countervailing duties of up to 218 per cent",
 * "China lifts wine tariffs of up to 218pc", "Tariffs of 80.5 per cent on Australian barley were
 * lifted last August": a tariff ended, its rate the level that ends, not one in force.
 */
function removed(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  // the rate after a removal verb, through its tariff's phrase, and not the level set "to"
  if (toBefore(t, idx) === "to") return false;
  let tariff = false;
  for (let k = idx - 1, s = 0; k >= 0 && s < REMOVAL_REACH; k--, s++) {
    const fl = t.flags[k];
    // "of up to 218%": a ceiling, not a movement
    const upTo = t.words[k] === "up" && t.words[k + 1] === "to";
    if (t.clause[k] !== clause || fl & (FIG | NEG) || (fl & MOVE && !upTo)) break;
    // "lift US levies on Chinese imports to a combined 145%": raised to a level, not ended
    if (t.words[k] === "to" && t.words[k - 1] !== "up") return false;
    if (fl & TARIFF) tariff = true;
    if ((t.marks[k] & REMOVAL_VERBS) !== 0) return tariff;
    if (fl & STOP && !REMOVAL_PHRASE_STOPS.has(t.words[k])) break;
  }
  // the rate as the subject of a passive removal ("... were lifted")
  for (let k = idx + 1, s = 0; k + 1 < t.words.length && s < REMOVAL_REACH; k++, s++) {
    const fl = t.flags[k];
    if (t.clause[k] !== clause || fl & (FIG | MOVE | NEG | CHANGE_VERB)) return false;
    if (REMOVAL_AUX.has(t.words[k]) && REMOVAL_PARTICIPLES.has(t.words[k + 1])) return true;
    if (fl & STOP && !REMOVAL_PHRASE_STOPS.has(t.words[k])) return false;
  }
  return false;
}

/** Stop words that stay inside a tariff's phrase ("duties of up to", "tariffs on barley and wine"). */
const REMOVAL_PHRASE_STOPS = new Set(["of", "on", "and", "to", "from"]);

/** Distance to the nearest word with any of `flags` and none of `unless`, or -1. */
function nearestWord(t: SentenceTokens, idx: number, flags: number, unless: number): number {
  let best = -1;
  for (const dir of [-1, 1] as const) {
    let d = 0;
    for (let k = idx + dir; k >= 0 && k < t.words.length && d < ROLE_REACH * 2; k += dir) {
      const fl = t.flags[k];
      if (fl & FIG) continue;
      d++;
      if (fl & flags && !(fl & unless)) {
        if (best < 0 || d < best) best = d;
        break;
      }
    }
  }
  return best;
}

/** Words read left of a money figure for the trade flow it measures ("exports were worth $4bn"). */
const TRADE_LEFT_REACH = 6;

/** Words read left of "to $X" for the movement verb of a flow ("exports ... fell ... to $28.8bn"). */
const MOVED_TO_REACH = 12;

/** "China's exports to the US fell 34.5 per cent in May ... to US$28.8 billion": the flow's level. */
function flowMovedTo(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  while (k >= 0 && (t.marks[k] & APPROXIMATORS) !== 0) k--;
  if (k < 0 || t.words[k] !== "to") return false;
  const clause = t.clause[idx];
  for (let j = k - 1, s = 0; j >= 0 && s < MOVED_TO_REACH && t.clause[j] === clause; j--, s++) {
    if (!(t.flags[j] & MOVE)) continue;
    for (let b = j - 1, d = 0; b >= 0 && d < TRADE_LEFT_REACH && t.clause[b] === clause; b--, d++) {
      if (t.flags[b] & (NEG | VALUE_WORD)) return false;
      if (t.flags[b] & TRADE) return true;
    }
    return false;
  }
  return false;
}

/** Words read on each side of an amount for a flow verb and the year it totals. */
const YEAR_FLOW_REACH = 9;
const FLOW_TOTALS = new Set(["totalled", "totaled", "totalling", "totaling"]);
/** "last year", "each year", "a year": a flow's period. */
const YEAR_QUALIFIERS = new Set(["last", "each", "every", "a", "per"]);

/** Is the amount right after a covering preposition ("tariffs on $200bn"), fillers aside? */
function coverPrepBefore(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  while (k >= 0 && t.flags[k] & FILLER && !(t.flags[k] & COVER_PREP)) k--;
  // "tariffs now cover half of all U.S. imports from China, or roughly $250bn a year": the
  // amount restates what the tariffs cover
  return k >= 0 && ((t.flags[k] & COVER_PREP) !== 0 || t.words[k] === "or");
}

/**
 * "the $427bn in goods the U.S. imported from China last year", "everything China sells to the
 * US, which totalled $505bn last year": a year's flow quoted beside a tariff, not what it covers.
 */
function flowOfAYear(t: SentenceTokens, idx: number): boolean {
  const clause = t.clause[idx];
  let lastYear = false;
  for (let k = idx + 1, s = 0; k + 1 < t.words.length && s < YEAR_FLOW_REACH; k++, s++) {
    if (t.clause[k] !== clause || t.flags[k] & (FIG | TARIFF)) break;
    if (YEAR_QUALIFIERS.has(t.words[k]) && t.words[k + 1] === "year") lastYear = true;
    if (t.words[k] === "annually") lastYear = true;
  }
  if (!lastYear) return false;
  const lo = Math.max(0, idx - YEAR_FLOW_REACH);
  const hi = Math.min(t.words.length, idx + YEAR_FLOW_REACH + 1);
  for (let k = lo; k < hi; k++)
    if (
      k !== idx &&
      t.clause[k] === clause &&
      (t.flags[k] & (TRADE | BUY) || FLOW_TOTALS.has(t.words[k]))
    )
      return true;
  return false;
}

/** Participles that make goods the object of a tariff ("the targeted U.S. products"). */
const TARGETED = new Set([
  "targeted",
  "affected",
  "tariffed",
  "sanctioned",
  "exempted",
  "excluded",
]);
/** Words between such goods and their value ("accounted for about", "were worth", "at"). */
const VALUED_AS = markWords(
  "at worth valued accounted account for were was are is totalled totaled amounted to".split(" "),
);

/**
 * Is the amount the value put on goods a tariff names: "the targeted U.S. goods at about
 * $14bn", "the exempted products accounted for about $101 billion of U.S. imports"?
 */
function targetedGoodsValued(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  while (k >= 0 && (t.marks[k] & AMOUNT_HEDGES) !== 0) k--;
  let verbs = 0;
  while (k >= 0 && (t.marks[k] & VALUED_AS) !== 0 && verbs < 3) {
    k--;
    verbs++;
  }
  if (verbs === 0 || k < 1) return false;
  let j = k;
  while (j > 0 && TARGETED_TAIL.has(t.words[j])) j--;
  // "the goods affected accounted for about $3bn", "the total value of goods targeted by each
  // side to $50bn": the participle after the goods
  if (TARGETED.has(t.words[j])) return j > 0 && (t.flags[j - 1] & GOODS) !== 0;
  // "the targeted U.S. goods at about $14bn"
  if (!(t.flags[j] & GOODS)) return false;
  j--;
  while (j >= 0 && t.flags[j] & NATION) j--;
  return j >= 0 && TARGETED.has(t.words[j]);
}

/** Words after "targeted" in which its agent stands ("targeted by each side"). */
const TARGETED_TAIL = new Set(["by", "each", "side", "both", "sides", "either"]);

/** Words read after an amount for "duty-free", or before it for the threshold it is. */
const THRESHOLD_REACH = 6;

/**
 * "packages worth up to $800 enter duty-free", "the $800 de minimis threshold": a value limit
 * (a price), not goods or a flow.
 */
function dutyFreeThreshold(t: SentenceTokens, idx: number): boolean {
  for (let k = idx + 1, s = 0; k + 1 < t.words.length && s < THRESHOLD_REACH; k++) {
    // "worth less than $800 (£600) to enter the US duty-free": past its conversion
    if (t.flags[k] & MONEY_FIG) continue;
    if (t.flags[k] & FIG) break;
    s++;
    if ((t.words[k] === "duty" || t.words[k] === "tax") && t.words[k + 1] === "free") return true;
    if (t.words[k] === "minimis" || t.words[k] === "threshold") return true;
  }
  for (let k = idx - 1, s = 0; k >= 0 && s < THRESHOLD_REACH; k--, s++) {
    if (t.flags[k] & FIG) break;
    if (t.words[k] === "minimis" || t.words[k] === "threshold") return true;
  }
  return false;
}

/** Words read left of an amount for "sales to <country>". */
const SALES_TO_REACH = 8;

function salesToNation(t: SentenceTokens, idx: number): boolean {
  for (let k = idx - 1, s = 0; k >= 0 && s < SALES_TO_REACH; k--, s++) {
    // "... collapsed to $3.1 billion in 2018 from $12.2 billion": past the other amount
    if (t.flags[k] & RATE_FIG) return false;
    if (t.words[k] === "sales" && t.words[k + 1] === "to" && t.flags[k + 2] & NATION) return true;
  }
  return false;
}

/** Words read left of a flow word for the "on" that makes it a tariff's object. */
const FLOW_OBJECT_REACH = 5;

/** Is the flow word at `k` the object of tariffs ("tariffs ... on (all remaining Chinese) imports")? */
function tariffsOnFlow(t: SentenceTokens, k: number): boolean {
  for (let j = k - 1, s = 0; j >= 0 && s < FLOW_OBJECT_REACH; j--, s++) {
    const fl = t.flags[j];
    if (t.words[j] === "on" && fl & COVER_PREP)
      return indexLeft(t, j, TARIFF | RATE_FIG | RATE_WORD, COVER_CUE_REACH) >= 0;
    if (!(fl & (FILLER | NATION)) && !ADVERBS_OF_EXTENT.has(t.words[j])) return false;
  }
  return false;
}

const ADVERBS_OF_EXTENT = new Set(["essentially", "virtually", "nearly", "practically", "almost"]);

function moneyRole(t: SentenceTokens, idx: number, m: MoneyClass): MoneyRole {
  if (m.invested || dutyFreeThreshold(t, idx)) return "other";
  if (m.purchase) return "pledge";
  if (m.related) {
    // "Australia sold A$123bn of goods to China": a flow, even in a sentence about tariffs
    if (m.byGoods && m.flow) return "trade";
    const flow = m.byGoods ? indexLeft(t, idx, TRADE, TRADE_LEFT_REACH) : -1;
    // "tariffs of up to 25% on all remaining imports from China, worth about $300bn": the
    // imports are what the tariffs are on, so their worth is the goods covered
    if (flow >= 0 && !tariffsOnFlow(t, flow)) return "trade";
    if (!m.named && !coverPrepBefore(t, idx) && flowOfAYear(t, idx)) return "trade";
    return "goods_covered";
  }
  // "agreed to buy ..., purchases worth roughly $10bn a year"
  if (t.all & COMMIT && !m.bought && !m.excluded && nearestWord(t, idx, BUY, 0) >= 0)
    return "pledge";
  // "American soybean sales to China collapsed to $3.1 billion": exports, not a company's sales
  if (salesToNation(t, idx)) return "trade";
  const trade = nearestWord(t, idx, TRADE | GOODS, 0);
  if (trade < 0) return flowMovedTo(t, idx) ? "trade" : "other";
  // "exports grew 5.9% to $3.58 trillion": the verb of a flow's movement excludes nothing
  const other = nearestWord(t, idx, NEG | VALUE_WORD, TRADE | MOVE);
  return other < 0 || trade < other ? "trade" : "other";
}

/**
 * A money figure in a list right after a related one ("$77.7bn of manufactured goods, $52.4bn of
 * energy, $32bn of farm products") shares its meaning when nothing between them says otherwise.
 */
export function continuesList(t: SentenceTokens, prevIdx: number, idx: number): boolean {
  if (idx - prevIdx > LIST_ITEM_REACH) return false;
  for (let k = prevIdx + 1; k < idx; k++) {
    const fl = t.flags[k];
    const w = t.words[k];
    if (w === "and" || w === "of" || w === "in") continue;
    // "goods by $77.7bn, energy by $52.4bn": the items of a list of increases repeat their "by"
    if (w === "by" && k === idx - 1 && t.words[prevIdx - 1] === "by") continue;
    if (fl & (NEG | TARIFF | BUY | FIG | STOP | MOVE | NATION)) return false;
  }
  return true;
}

/** Words from a pledge to an item of it: "$200bn ..., including $77.7bn of manufactured goods". */
const INCLUDING_REACH = 12;

/** Is the money figure at `idx` an item ("including $32bn in farm goods") of the one at `prevIdx`? */
export function itemOf(t: SentenceTokens, prevIdx: number, idx: number): boolean {
  if (idx - prevIdx > INCLUDING_REACH) return false;
  let including = false;
  for (let k = prevIdx + 1; k < idx; k++) {
    if (t.flags[k] & (NEG | TARIFF | FIG)) return false;
    if (t.words[k] === "including") including = true;
  }
  return including;
}

/** "tariffs of 10 percent and 5 percent": two rates joined only by "and"/"or" share a role. */
export function pairedRates(t: SentenceTokens, prevIdx: number, idx: number): boolean {
  if (idx - prevIdx !== 2) return false;
  const w = t.words[prevIdx + 1];
  return w === "and" || w === "or";
}

/**
 * "would impose tariffs of 25% on steel imports and 10% on aluminum": a rate in the same clause
 * right after another, joined by "and"/"or", with no other actor, movement or exclusion between.
 */
export function threatListContinues(t: SentenceTokens, prevIdx: number, idx: number): boolean {
  if (idx - prevIdx > THREAT_LIST_REACH) return false;
  // "..., and a 25% levy on iPhones made abroad": a new clause that is only the next item
  if (t.clause[idx] !== t.clause[prevIdx] && !bareItem(t, idx)) return false;
  let and = false;
  for (let k = prevIdx + 1; k < idx; k++) {
    const fl = t.flags[k];
    // "on US-made vehicles and the 5 percent levy": a nation naming goods is no new actor;
    // "suspend 24 per cent ... and keep a 10 per cent rate": a verb keeping a level is
    if (fl & (NEG | MOVE | FIG | VALUE_WORD | CHANGE_VERB) || KEEP.has(t.words[k])) return false;
    if (fl & NATION && !nationNamesGoods(t, k)) return false;
    if (t.words[k] === "and" || t.words[k] === "or") and = true;
  }
  // "Trump vows extra 10% tariff on China, 25% on Mexico and Canada": a headline's list
  return and || (t.flags[idx] & AFTER_COMMA) !== 0;
}

/** Is the rate right after "and"/"or" and fillers ("and a", "and an additional"), with no verb? */
function bareItem(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  while (k > 0 && t.flags[k] & FILLER && !(t.flags[k] & COVER_PREP)) k--;
  return k >= 0 && (t.words[k] === "and" || t.words[k] === "or");
}

/** Words between an amount and the share restating it ("$18bn of imports, or roughly 4% of"). */
const RESTATE_REACH = 10;
/** Words of the amount's own phrase before the restating share ("... from China last year, or"). */
const RESTATE_WORDS = new Set(["or", "last", "year", "annual", "annually"]);

/**
 * Does the rate at `idx` restate the amount at `moneyIdx` as a share of a whole: after the
 * amount's own "of imports" and a comma ("or", "about"), and followed by "of"?
 */
export function restatesAsShare(t: SentenceTokens, moneyIdx: number, idx: number): boolean {
  if (idx - moneyIdx > RESTATE_REACH || t.words[idx + 1] !== "of") return false;
  let apposition = (t.flags[idx] & AFTER_COMMA) !== 0;
  for (let k = moneyIdx + 1; k < idx; k++) {
    const fl = t.flags[k];
    if (fl & (FIG | TARIFF | NEG | MOVE)) return false;
    if (fl & AFTER_COMMA || t.words[k] === "or") apposition = true;
    if (!(fl & (GOODS | TRADE | FILLER | NATION | FROM)) && !RESTATE_WORDS.has(t.words[k]))
      return false;
  }
  return apposition;
}

/** Words that make an amount a part or a further round of something named before. */
const CONTINUATION = markWords(
  "first second third remaining further another additional next".split(" "),
);
/** Words that may stand between such a word and the amount ("a further roughly $200bn"). */
const AMOUNT_HEDGES = markWords(["about", "roughly", "some", "nearly", "around", "approximately"]);

/** "the remaining $16bn", "another $200bn", "a further $200 billion": does a continuation word lead the amount? */
export function continuesCoverage(t: SentenceTokens, idx: number): boolean {
  let k = idx - 1;
  while (k >= 0 && (t.marks[k] & AMOUNT_HEDGES) !== 0) k--;
  return k >= 0 && (t.marks[k] & CONTINUATION) !== 0;
}

/** Rates of one threatened list or one change's old levels are at most this many tokens apart. */
const THREAT_LIST_REACH = 12;

/** Rates further apart than this many tokens are not items of one list. */
const RATE_LIST_REACH = 6;

/**
 * "doubled tariffs on Turkish steel to 50 percent and aluminum to 20 percent": a rate in the
 * same clause right after a tariff rate, with nothing between that names another measure.
 */
export function continuesRateList(t: SentenceTokens, prevIdx: number, idx: number): boolean {
  if (idx - prevIdx > RATE_LIST_REACH || t.clause[idx] !== t.clause[prevIdx]) return false;
  let and = false;
  for (let k = prevIdx + 1; k < idx; k++) {
    if (t.flags[k] & (NEG | MOVE | FIG | VALUE_WORD | TRADE)) return false;
    if (t.words[k] === "and" || t.words[k] === "or") and = true;
  }
  return and;
}

/** Does the sentence talk about Japan or the yen (so `¥` means JPY)? */
export function mentionsJapan(sentence: string): boolean {
  return /\b(?:Japan|Japanese|yen|Yen|JPY|Tokyo|Nikkei|BOJ|BoJ|Toyota|Sony|Honda|Nissan)\b/.test(
    sentence,
  );
}
