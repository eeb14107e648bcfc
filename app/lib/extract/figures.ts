/**
 * Article → figures: scan the body for amounts and percentages, classify each from its sentence,
 * convert money to USD at the article date and link parenthesised currency conversions.
 */
import { formatMarketRate, toUsd, type FxTable } from "../fx";
import { bodyOffset, textToArticle, type ArticleOptions } from "./article";
import {
  afterTo,
  classify,
  continuesCoverage,
  continuesList,
  restatesAsShare,
  continuesRateList,
  itemOf,
  pairedRates,
  threatListContinues,
  mentionsJapan,
  type Context,
} from "./context";
import { CHAR } from "./chars";
import { scanFigures, type RawFigure } from "./quantities";
import { SentenceCursor, trimmedSentence } from "./sentences";
import { tokenize, type SentenceTokens } from "./tokenizer";
import type { ArticleError, Direction, ExtractedFigure, ParsedArticle } from "./types";

/** Deviation between implied and official FX rate above which a conversion is flagged. */
export const FX_FLAG_THRESHOLD = 0.03;

/** Text allowed between an amount and its parenthesised restatement: "$200bn (£159.2bn)". */
const CONVERSION_GAP =
  /^(?:[ \t\u00a0][A-Za-z0-9 ]{0,15})?[ \t\u00a0]*\([ \t\u00a0]*(?:(?:about|around|roughly|approximately|approx\.|some|nearly|almost|or|c\.|~|≈)[ \t\u00a0]*)?$/i;

/** Between two restatements inside the same brackets: "(about 1.38 trillion yuan, £157bn)". */
const LIST_GAP = /^[ \t\u00a0]*[,;/][ \t\u00a0]*(?:or[ \t\u00a0]+)?$/;

/** A restatement after ", or": "$60bn of US products, or about 411.5 billion yuan". */
const OR_GAP =
  /^(?:U\.S\.|[^.;:()!?\n]){0,40},[ \t\u00a0]+(?:or[ \t\u00a0]+(?:(?:about|around|roughly|approximately|some|nearly|almost)[ \t\u00a0]+)?|(?:about|around|roughly|approximately|some|nearly|almost)[ \t\u00a0]+)$/i;

/** Characters of the next sentence read for an implementation date it leaves open. */
const NEXT_SENTENCE_REACH = 240;
/** "The date of implementation will depend on …", "The effective date will be announced separately". */
const DATE_LEFT_OPEN =
  /^[^.!?\n]{0,4}(?:No (?:start |effective )?date has been (?:set|given|announced)|(?:U\.S\.|[^.!?\n])*?\b(?:date of implementation|implementation date|effective date|start date)\b(?:U\.S\.|[^.!?\n])*?\b(?:depend|announced separately|announced later|to be announced|to be determined|yet to be|not been (?:set|decided)|later date))/i;
/** Every DATE_LEFT_OPEN subject has "date" in it: a plain search first spares most sentences the full pattern. */
const MENTIONS_DATE = /date/i;

/** A change written new level first, old level last ("25% from 10%", "19%, down from 25%"). */
const OLD_LEVEL_LAST = /\bfrom\b/;

const PERCENTAGE_POINTS = /percentage[ -]points?$/i;
/** A figure ending in "percentage point" has a number before it: most rates are too short to. */
const PERCENTAGE_POINT_LENGTH = "percentage point".length;

/** Any tariff word, to know whether an article has been talking about tariffs before a figure. */
const TARIFF_WORD = /\b(?:tariff|dut(?:y|ies)|lev(?:y|ies)|retaliat)/i;

/** UTC calendar date of the article, used for every FX lookup. */
export function articleDate(article: ParsedArticle): string {
  const d = article.publishedAt;
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/**
 * All money amounts and percentages in the title line and the body (the timestamp line is not
 * scanned), in text order; title figures are marked `inTitle`. Pure and total: never throws for
 * any article text.
 */
export function articleToFigures(article: ParsedArticle, fx: FxTable): ExtractedFigure[] {
  const text = article.text;
  const lo = bodyOffset(text);
  const titleEnd = text.indexOf("\n");
  const titleRaws = titleEnd > 0 ? scanFigures(text, 0, titleEnd) : [];
  const raws = titleRaws.concat(scanFigures(text, lo, text.length));
  if (raws.length === 0) return [];
  const isoDate = articleDate(article);
  const localDollar = new LocalDollar(text);
  const articleYen = new ArticleYen(text);
  // the cursor starts at the title so that the first body sentences have earlier context
  const cursor = new SentenceCursor(text, 0);
  const firstTariffWord = text.search(TARIFF_WORD);
  const reader = new SentenceFigures(
    text,
    titleEnd,
    isoDate,
    fx,
    localDollar,
    articleYen,
    cursor,
    firstTariffWord,
  );
  let i = 0;
  while (i < raws.length) {
    const [s, e] = cursor.locate(raws[i].start);
    let j = i + 1;
    while (j < raws.length && raws[j].start < e) j++;
    reader.read(raws.slice(i, j), s, e);
    i = j;
  }
  const figures = reader.figures;
  linkConversions(figures, text, isoDate, fx);
  return figures;
}

/**
 * The figures of an article, read a sentence at a time. A method called for every sentence with
 * figures is optimised by V8 within the first files a process reads; the same code as the body of
 * one loop per article was optimised only after 10-20 files of the bench corpus.
 */
class SentenceFigures {
  readonly figures: ExtractedFigure[] = [];
  /**
   * Tariff direction per sentence (keyed by sentence start), for sentences that name no side;
   * "mixed" when its figures have different ones.
   */
  private readonly directionBySentence = new Map<number, Direction | "mixed">();
  private sentenceNo = 0;
  private lastCoveredSentence = -2;

  constructor(
    private readonly text: string,
    private readonly titleEnd: number,
    private readonly isoDate: string,
    private readonly fx: FxTable,
    private readonly localDollar: LocalDollar,
    private readonly articleYen: ArticleYen,
    private readonly cursor: SentenceCursor,
    private readonly firstTariffWord: number,
  ) {}

  /** The figures `group` of the sentence `[s, e)`. */
  read(group: RawFigure[], s: number, e: number): void {
    const { text, titleEnd, isoDate, fx, localDollar, articleYen, cursor, firstTariffWord } = this;
    const { figures, directionBySentence, sentenceNo } = this;
    let lastCoveredSentence = this.lastCoveredSentence;
    const whole = trimmedSentence(text, s, e);
    const tokens = tokenize(text, s, e, group);
    const earlier = new EarlierSentences(text, cursor, directionBySentence);
    let lastMoney = -1;
    let lastRate = -1;
    for (let g = 0; g < group.length; g++) {
      const raw = group[g];
      const fig = toFigure(raw, text, sentenceAround(text, whole, raw), isoDate, fx, {
        localDollar,
        articleYen,
      });
      fig.inTitle = raw.start < titleEnd;
      const idx = tokens.figureToken[g];
      // a headline is read with its article's words: it summarises what follows
      earlier.tariffEarlier =
        firstTariffWord >= 0 && (firstTariffWord < raw.start || raw.start < titleEnd);
      const shape = raw.rateFrom !== null ? "change" : raw.rangeLow !== null ? "range" : "single";
      const c = classify(tokens, idx, raw.kind, earlier, shape);
      fig.tariffRelated = c.tariffRelated;
      fig.direction = c.direction;
      // "by 115 percentage points": a difference between rates, never a level
      fig.role =
        raw.kind === "tariff_rate" &&
        fig.text.length > PERCENTAGE_POINT_LENGTH &&
        PERCENTAGE_POINTS.test(fig.text)
          ? "other"
          : c.role;
      if (raw.kind === "money") {
        // "$77.7bn of manufactured goods, $52.4bn of energy and ...": list items share a meaning
        if (!c.tariffRelated && lastMoney >= 0) {
          const before = figures[figures.length - (g - lastMoney)];
          if (before.tariffRelated && continuesList(tokens, tokens.figureToken[lastMoney], idx)) {
            fig.tariffRelated = true;
            fig.direction = before.direction;
            fig.role = before.role;
          }
        }
        if (lastMoney >= 0) {
          // "an additional $200bn of US goods ..., including $77.7bn of manufactured goods and $52.4bn of energy"
          const before = figures[figures.length - (g - lastMoney)];
          const prevIdx = tokens.figureToken[lastMoney];
          if (
            before.role === "pledge" &&
            fig.role !== "pledge" &&
            (itemOf(tokens, prevIdx, idx) || continuesList(tokens, prevIdx, idx))
          ) {
            fig.tariffRelated = true;
            fig.direction = null;
            fig.role = "pledge";
          }
        }
        // "the first $34bn ... and the remaining $16bn", "another $200bn could follow": a part or
        // a further round of goods already named as covered, in this sentence or the one before
        if (
          (fig.role === "other" || fig.role === "trade") &&
          sentenceNo - lastCoveredSentence <= 1 &&
          continuesCoverage(tokens, idx)
        ) {
          fig.tariffRelated = true;
          fig.role = "goods_covered";
        }
        if (fig.role === "goods_covered") lastCoveredSentence = sentenceNo;
        lastMoney = g;
      } else {
        // "suspend the additional tariffs of 10 percent and 5 percent": one role for the pair
        if (fig.tariffRelated && lastRate >= 0) {
          const before = figures[figures.length - (g - lastRate)];
          if (
            before.tariffRelated &&
            before.role !== "share" &&
            fig.role !== "share" &&
            pairedRates(tokens, tokens.figureToken[lastRate], idx)
          )
            // "19 per cent, down from 25 per cent and 36 per cent": the second old level
            fig.role =
              before.rateFrom !== null && fig.rateFrom === null && OLD_LEVEL_LAST.test(before.text)
                ? "previous"
                : before.role;
        }
        // "would impose tariffs of 25% on steel imports and 10% on aluminum": the second rate of
        // a threatened list is threatened too; "lift its 25% tariff on steel and its 10% tariff
        // on aluminum": the second old level of one change too
        if (fig.tariffRelated && fig.role === "rate" && lastRate >= 0) {
          const before = figures[figures.length - (g - lastRate)];
          if (
            (before.role === "threat" ||
              (before.role === "previous" && before.rateFrom === null && !afterTo(tokens, idx))) &&
            threatListContinues(tokens, tokens.figureToken[lastRate], idx)
          )
            fig.role = before.role;
        }
        // "tariffs on Turkish steel to 50 percent and aluminum to 20 percent"
        if (!fig.tariffRelated && lastRate >= 0) {
          const before = figures[figures.length - (g - lastRate)];
          if (
            before.tariffRelated &&
            continuesRateList(tokens, tokens.figureToken[lastRate], idx)
          ) {
            fig.tariffRelated = true;
            fig.direction = before.direction;
            fig.role = before.role;
          }
        }
        // "$18 billion of imports, or roughly 4 percent of U.S. purchases from China": the share
        // the covered amount is of a whole
        if (lastMoney >= 0 && lastMoney === g - 1) {
          const before = figures[figures.length - 1];
          if (
            before.role === "goods_covered" &&
            restatesAsShare(tokens, tokens.figureToken[lastMoney], idx)
          ) {
            fig.tariffRelated = true;
            fig.direction = before.direction;
            fig.role = "share";
          }
        }
        lastRate = g;
      }
      figures.push(fig);
      if (fig.tariffRelated && fig.direction !== null && fig.direction !== "unknown") {
        const before = directionBySentence.get(s);
        directionBySentence.set(s, before && before !== fig.direction ? "mixed" : fig.direction);
      }
    }
    // "... an additional 25 percent tariff on 106 items. The date of implementation will depend
    // on ...": rates whose start the next sentence leaves open are threatened
    if (e < text.length && someRate(figures, figures.length - group.length)) {
      const next = text.slice(e, e + NEXT_SENTENCE_REACH);
      if (MENTIONS_DATE.test(next) && DATE_LEFT_OPEN.test(next))
        for (let n = figures.length - group.length; n < figures.length; n++) {
          if (figures[n].role !== "rate") continue;
          figures[n].role = "threat";
          // the headline announcing the same rate ("China to impose 25 pct tariffs") has no
          // firmer date than the body that leaves it open
          for (const title of figures)
            if (
              title.inTitle &&
              title.role === "rate" &&
              title.value === figures[n].value &&
              title.rateFrom === figures[n].rateFrom
            )
              title.role = "threat";
        }
    }
    this.lastCoveredSentence = lastCoveredSentence;
    this.sentenceNo = sentenceNo + 1;
  }
}

/** Whether a figure from index `from` on is a rate (only the sentence's own: the rest are done). */
function someRate(figures: ExtractedFigure[], from: number): boolean {
  for (let n = from; n < figures.length; n++) if (figures[n].role === "rate") return true;
  return false;
}

/** The sentences before the current one, tokenised only if a rule asks for them. */
class EarlierSentences implements Context {
  tariffEarlier = false;
  private readonly cache: Array<SentenceTokens | null | undefined> = [undefined, undefined];

  constructor(
    private readonly text: string,
    private readonly cursor: SentenceCursor,
    private readonly directions: ReadonlyMap<number, Direction | "mixed">,
  ) {}

  priorDirection(back: 0 | 1): Direction | "mixed" | null {
    const bounds = this.cursor.previous(back);
    return bounds ? (this.directions.get(bounds[0]) ?? null) : null;
  }

  previous(back: 0 | 1): SentenceTokens | null {
    let t = this.cache[back];
    if (t === undefined) {
      const bounds = this.cursor.previous(back);
      t = bounds ? tokenize(this.text, bounds[0], bounds[1], []) : null;
      this.cache[back] = t;
    }
    return t;
  }
}

/** "$4 billion" with nothing before the sign (not "$US4bn", "US$4bn", "A$4bn"). */
function bareDollar(text: string, start: number): boolean {
  if (text.charCodeAt(start) !== CHAR.DOLLAR) return false;
  const next = text.charCodeAt(start + 1);
  return next === CHAR.SPACE || (next >= 48 && next <= 57);
}

/** How Australian and Singaporean papers write the US dollar, their own being a bare "$". */
const US_DOLLAR_MARK = /\$US|\bUS ?\$|\bU\.S\. ?\$/;
const AUD_MARK = /\b(?:A|AU)\$|\$A\d/;
const SGD_MARK = /\b(?:S|SG)\$/;
const PER_CENT = /\bper cent\b/;
/** Either country's name (or Australia's exchange, ASX, or capital): one scan instead of four searches. */
const NAMES_AUSTRALIA_OR_SINGAPORE = /Australia|ASX|Canberra|Singapore/;

/**
 * The dollar a bare "$" denotes in this article, decided once and only when asked: an Australian
 * dollar in an article about Australia that writes the US one as "$US"/"US$", or writes "per
 * cent" (Australian house style; American wires write "percent"), and never writes "A$"; a
 * Singapore dollar in an article about Singapore that writes "US$" and never "S$". Otherwise null
 * (a US dollar).
 */
class LocalDollar {
  private decided = false;
  private local: string | null = null;

  constructor(private readonly text: string) {}

  get value(): string | null {
    if (!this.decided) {
      this.decided = true;
      const t = this.text;
      // one pass over the text first: most articles name neither country
      if (NAMES_AUSTRALIA_OR_SINGAPORE.test(t)) {
        const australia = t.includes("Australia") || t.includes("ASX") || t.includes("Canberra");
        const singapore = t.includes("Singapore");
        const usMark = US_DOLLAR_MARK.test(t);
        if (australia && !AUD_MARK.test(t) && (usMark || PER_CENT.test(t))) this.local = "AUD";
        else if (singapore && usMark && !SGD_MARK.test(t)) this.local = "SGD";
      }
    }
    return this.local;
  }
}

/**
 * What `¥` means where its sentence does not say: the yen in an article that talks about Japan
 * and never names the yuan ("Nidec cut its forecast to ¥110 billion ... in Tokyo"), the yuan
 * otherwise. Decided once per article, and only if a `¥` amount needs it.
 */
class ArticleYen {
  private decided: boolean | null = null;

  constructor(private readonly text: string) {}

  get isJpy(): boolean {
    this.decided ??= mentionsJapan(this.text) && !NAMES_YUAN.test(this.text);
    return this.decided;
  }
}

const NAMES_YUAN = /\b(?:yuan|renminbi|RMB|Rmb|CNY)\b/i;

/** Longest `sentence` reported; a longer one (no punctuation for pages) is cut around the figure. */
export const MAX_SENTENCE = 1000;

function sentenceAround(
  text: string,
  whole: { text: string; start: number },
  raw: RawFigure,
): string {
  if (whole.text.length <= MAX_SENTENCE) return whole.text;
  const end = whole.start + whole.text.length;
  const half = Math.max(0, (MAX_SENTENCE - (raw.end - raw.start)) >> 1);
  const from = Math.max(whole.start, raw.start - half);
  const to = Math.min(end, raw.end + half);
  return text.slice(from, to).trim();
}

function toFigure(
  raw: RawFigure,
  text: string,
  sentence: string,
  isoDate: string,
  fx: FxTable,
  { localDollar, articleYen }: { localDollar: LocalDollar; articleYen: ArticleYen },
): ExtractedFigure {
  let currency = raw.currency;
  if (raw.kind === "money" && raw.yenSign)
    currency = mentionsJapan(sentence) || articleYen.isJpy ? "JPY" : "CNY";
  else if (currency === "USD" && localDollar.value !== null && bareDollar(text, raw.start))
    currency = localDollar.value;
  const valueUsd = raw.kind === "money" ? toUsd(fx, raw.value, currency, isoDate) : null;
  return {
    text: text.slice(raw.start, raw.end),
    start: raw.start,
    end: raw.end,
    kind: raw.kind,
    value: raw.value,
    currency: raw.kind === "money" ? currency : null,
    rateFrom: raw.rateFrom,
    rangeLow: raw.rangeLow,
    rangeHigh: raw.rangeHigh,
    tariffRelated: false,
    direction: null,
    role: "other",
    inTitle: false,
    valueUsd,
    sentence,
    sameAs: null,
    impliedFxRate: null,
    officialFxRate: null,
    flag: null,
  };
}

/**
 * "$200bn (£159.2bn)": the parenthesised amount restates the one before it. The restatement gets
 * `sameAs` = index of the original (the original keeps null, so `sameAs === null` lists each
 * quantity once) and inherits its classification. A second restatement in the same brackets
 * ("(about 1.38 trillion yuan, £157bn)") points at the same original. Each restatement carries
 * the implied and official rates (USD per unit of the non-USD currency) and the flag when they
 * differ by more than 3%; the original carries the rates of its first restatement, never a flag.
 * Neither side USD (e.g. "£1bn (€1.1bn)"): linked, but no rates.
 */
function linkConversions(
  figures: ExtractedFigure[],
  text: string,
  isoDate: string,
  fx: FxTable,
): void {
  for (let b = 1; b < figures.length; b++) {
    const a = b - 1;
    const first = figures[a];
    const second = figures[b];
    if (first.kind !== "money" || second.kind !== "money") continue;
    if (!first.currency || !second.currency || first.currency === second.currency) continue;
    if (second.start - first.end > 60) continue;
    const gap = text.slice(first.end, second.start);
    let original = a;
    if (first.sameAs !== null) {
      // "(about 1.38 trillion yuan, £157bn)": a second restatement in the same brackets
      if (!LIST_GAP.test(gap) || figures[first.sameAs].currency === second.currency) continue;
      original = first.sameAs;
    } else if (!CONVERSION_GAP.test(gap) && !OR_GAP.test(gap)) {
      continue;
    }
    linkPair(figures[original], second, original, isoDate, fx);
  }
}

function linkPair(
  first: ExtractedFigure,
  second: ExtractedFigure,
  a: number,
  isoDate: string,
  fx: FxTable,
): void {
  second.sameAs = a;
  second.tariffRelated = first.tariffRelated;
  second.direction = first.direction;
  second.role = first.role;

  const usd = first.currency === "USD" ? first : second.currency === "USD" ? second : null;
  const other = usd === first ? second : first;
  if (!usd || other.value === 0) return;
  const implied = usd.value / other.value;
  const official = fx.rateOn(other.currency as string, isoDate);
  second.impliedFxRate = implied;
  if (first.impliedFxRate === null) first.impliedFxRate = implied;
  if (!official) return;
  second.officialFxRate = official.usdPerUnit;
  if (first.officialFxRate === null) first.officialFxRate = official.usdPerUnit;
  const deviation = Math.abs(implied - official.usdPerUnit) / official.usdPerUnit;
  if (deviation > FX_FLAG_THRESHOLD) {
    second.flag =
      `implied rate ${formatMarketRate(other.currency as string, implied)} differs from the official ` +
      `${formatMarketRate(other.currency as string, official.usdPerUnit)} (${official.date}) by ${(deviation * 100).toFixed(1)}%`;
  }
}

export interface Extraction {
  article: ParsedArticle | null;
  figures: ExtractedFigure[];
  errors: ArticleError[];
}

/** Parse an article file's content and extract its figures in one call. */
export function extractFromText(
  input: string | Uint8Array,
  fx: FxTable,
  options: ArticleOptions = {},
): Extraction {
  const { article, errors } = textToArticle(input, options);
  if (!article) return { article: null, figures: [], errors };
  return { article, figures: articleToFigures(article, fx), errors };
}
