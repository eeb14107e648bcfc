/**
 * The words the context rules know: each word's categories (bit flags), the two-word names folded
 * into one token, and the written forms normalised before lookup. Rules in ./context.ts read only
 * these flags, so teaching the extractor a word is a one-line change here.
 */

/** Word categories (bit flags). */
export const TARIFF = 1;
export const NEG = 2;
export const MOVE = 4;
export const GOODS = 8;
export const BUY = 16;
export const COMMIT = 32;
export const NAT_US = 64;
export const NAT_CN = 128;
export const NAT_OTHER = 256;
export const GLOBAL_PRODUCT = 512;
export const FILLER = 1024;
export const COVER_PREP = 2048;
export const OF_PREP = 4096;
export const COUNTRY_NOUN = 8192;
export const FROM = 16384;
export const MADE = 32768;
export const RATE_FIG = 65536;
export const MONEY_FIG = 131072;
export const STOP = 262144;
export const CHANGE_NOUN = 524288;
export const ALWAYS_TARGET = 1048576;
export const RETAL = 2097152;
export const RATE_WORD = 4194304;
/** Threatened, proposed or conditional: a rate not (yet) in force. */
export const THREAT = 1 << 23;
/** Trade flows: imports, exports, deficits. */
export const TRADE = 1 << 24;
/** What a money figure other than trade measures: market value, fees, costs, prices per unit. */
export const VALUE_WORD = 1 << 25;
/** After a rate, marks it as a past level: "3.1% before the trade war". */
export const PAST = 1 << 26;
/** Before a rate, marks it as the level compared with: "rather than 10%", "compared with 3%". */
export const COMPARED = 1 << 27;
/** Verbs that change a rate: "the 10% rate was lowered to 5%". */
export const CHANGE_VERB = 1 << 28;
/**
 * Modal verbs among the THREAT words ("would", "could"): weaker cues, which a firm effective date
 * ("from June 1"), a signed deal, or a tariff as their subject ("a 125% tariff would halt trade")
 * override.
 */
export const MODAL = 1 << 29;
/** Set by the tokenizer (not the lexicon) on a token that follows a comma. */
export const AFTER_COMMA = 1 << 30;

export const NATION = NAT_US | NAT_CN | NAT_OTHER;
export const FIG = RATE_FIG | MONEY_FIG;

export const LEXICON = new Map<string, number>();
function add(flags: number, words: string): void {
  for (const w of words.split(/\s+/)) if (w) LEXICON.set(w, (LEXICON.get(w) ?? 0) | flags);
}

add(
  TARIFF,
  "tariff tariffs tariffed duty duties levy levies levied levying retaliation retaliatory retaliate retaliated retaliates retaliating " +
    "countermeasure countermeasures surcharge surcharges surtax surtaxes taxed charge charged charges charging face faces faced facing threatened threat threats " +
    // "anti-dumping measures", "countervailing duties", AP's "import taxes", the 2025 "baseline"
    "dumping antidumping countervailing importtax importtaxes baseline deposits",
);
add(
  NEG,
  "exchange gdp growth grow grew grown expansion economy shares stock stocks equities equity index indices indexes dow nasdaq nikkei ftse dax sensex benchmark " +
    "deficit deficits surplus surpluses aid bailout bailouts subsidy subsidies subsidised subsidized payments payment relief compensation " +
    "revenue revenues sales profit profits earnings income inflation cpi yield yields interest unemployment jobless valuation capitalisation capitalization " +
    "poll polls approval survey respondents stake loan loans debt bonds treasuries spending budget wages wage salary salaries pmi output productivity " +
    "devaluation depreciation appreciation devalued currency lira peso rupee won reserves investment investments fdi liquidity " +
    "prices consumer consumers mortgage fine fines losses loss funding turnover margin margins escrow",
);
add(
  MOVE,
  "fell rose dropped declined slumped plunged jumped surged gained climbed grew shrank tumbled slid sank soared lost down up dipped edged rallied " +
    "contracted expanded increased decreased slipped advanced retreated falling rising weakened strengthened appreciated depreciated widened narrowed " +
    "fallen risen dropping climbing sliding sinking plunging jumping surging gaining losing tumbling slumping soaring declining",
);
add(CHANGE_NOUN, "rise increase drop fall gain decline jump slump growth surge plunge");
add(
  GOODS,
  "goods imports imported products product items merchandise shipments commodities exports export produce lines soybeans soybean pork cars vehicles autos whiskey " +
    "bourbon lobster crude oil gas lng coal energy chips semiconductors electronics machinery aircraft farm agricultural agriculture wine fruit nuts beef " +
    "chicken cotton corn wheat sorghum components parts panels batteries cells appliances furniture textiles apparel clothing toys phones smartphones " +
    "laptops bicycles seafood food canola peas services consumergoods",
);
add(
  BUY,
  "buy buying buys purchase purchases purchasing purchased bought procure expand expands expanded",
);
add(
  COMMIT,
  "agreed agree agrees agreement pledge pledged pledges commit commits committed commitment commitments promised promise promises deal additional will would phase extra",
);
add(
  NAT_US,
  "usa america american americans washington trump lighthizer ustr mnuchin navarro biden obama kudlow whitehouse administration federal",
);
add(NAT_CN, "china chinese beijing xi mofcom prc guangdong shenzhen");
add(
  NAT_OTHER,
  "eu european europe brussels canada canadian ottawa trudeau mexico mexican japan japanese tokyo india indian delhi turkey turkish ankara korea korean seoul " +
    "germany german france french britain british uk london vietnam vietnamese brazil brazilian australia australian russia russian switzerland swiss " +
    "norway argentina hongkong taiwan allies othercountries",
);
add(ALWAYS_TARGET, "othercountries");
add(
  RETAL,
  "retaliation retaliatory retaliate retaliated retaliates retaliating countermeasure countermeasures response respond responded responds own matching matched answering answered",
);
add(
  COUNTRY_NOUN,
  "china usa america beijing washington eu europe canada mexico japan india turkey korea germany france britain uk vietnam brazil australia russia taiwan",
);
add(RATE_WORD, "rate rates");
add(GLOBAL_PRODUCT, "steel aluminium aluminum solar washing");
add(
  FILLER,
  "a an the another additional further extra nearly about roughly some almost more than up to at least all remaining over around approximately as much many " +
    "new its their own retaliatory punitive reciprocal import across board of worth planned proposed existing current standard",
);
add(
  COVER_PREP,
  "on to against covering cover covers hitting hit targeting target targets affecting affect affects onto",
);
add(OF_PREP, "of in worth");
add(FROM, "from");
add(MADE, "made");
add(
  STOP,
  "on to from with for and or against by at than said says while but after before because which that who",
);

add(
  THREAT,
  "threaten threatens threatened threatening threat threats propose proposes proposed proposing proposal proposals " +
    "plan plans planned planning consider considers considered considering weigh weighs weighing weighed mull mulls mulling " +
    "could might may would if unless suspend suspends suspended suspending suspension scheduled potential possible " +
    "delay delays delayed postpone postponed due holdoff avert averts averted averting avoid avoids avoided avoiding " +
    "vow vows vowed vowing float floats floated floating promise promises promised promising " +
    // "the looming 15% tariffs", "a tabled 25% levy", "Trump eyes 25% duties"
    "loom looms looming tabled eyes eyeing eyed " +
    // "Beijing readies 25% tariffs", "is ready to impose", "preparing to levy", "intends to raise"
    "ready readies readying prepare prepares preparing intend intends intending " +
    // "suggested an 80% tariff", "raised the prospect of 100% tariffs", "was willing to put",
    // "is under consideration", "had called for a 60% tariff", "warned of 25% tariffs"
    "suggest suggests suggested suggesting prospect willing prepared consideration callfor warnof " +
    // "the 25 percent tariff he has put on hold"
    "onhold ruleout inevent " +
    // "pledged a 10% tariff on day one", "campaigned on 60% tariffs", "wants a 25% tariff",
    // "lawmakers urged a 35% tariff", "is poised to impose", "hinted at a 50% tariff"
    "pledge pledges pledged pledging campaign campaigned campaigning want wants wanted " +
    "urge urges urged urging poised hint hints hinted hinting " +
    "recommend recommends recommended advocate advocates advocated " +
    // "a decision on whether to raise tariffs to 25%", "officials are discussing a 10% tariff"
    "whether discuss discusses discussing",
);
add(MODAL, "could might may would");

add(
  TRADE,
  "imports imported import exports exported export trade deficit deficits surplus surpluses shipments shipped sold sell sells " +
    "bought buys totaled totalled traded accounted accounts amounted amounting",
);
add(
  VALUE_WORD,
  "value market fee fees cost costs barrel acre household investment valued price package " +
    // "tariff revenue rose 60% to $7bn": money the tariffs raise, not goods they cover
    "revenue revenues receipts",
);
add(PAST, "before previously earlier formerly");
add(COMPARED, "than from compared compares comparison versus vs instead above below");
add(
  CHANGE_VERB,
  "lowered cut reduced raised increased halved doubled hiked lifted slashed trimmed " +
    "halve halves halving reduce reduces raise raises slash slashes " +
    // "lift its 80.5 per cent tariffs", "removed the 25% duty": the level that ends
    "lift lifts lifting remove removes removed removing scrap scraps scrapped scrapping " +
    // "considering cutting the 145% tariff", "may lower the 145% tariff", "a reduction of the 145%"
    "cutting raising lowering reducing hiking slashing lower lowers reduction reductions " +
    "cuts hikes trims doubles",
);

/**
 * Marks: a second word of bits per token for the word lists the rules in ./context.ts test token
 * by token in their loops ("is this one of the copulas?"): 2.7 million tests over the 20 MB
 * bench corpus, where a bit costs a fraction of looking the word up in a Set. The lists stay beside
 * the rules that read them; each gets its bit from markWords when context.ts loads, before any
 * text is tokenised.
 */
const MARKS = new Map<string, number>();
let marksInUse = 0;
let marksRead = false;

/** A new mark for `words` (normalised tokens, as the rules compare them); call at module load. */
export function markWords(words: readonly string[]): number {
  // the tokenizer caches each word's marks the first time it meets the word
  if (marksRead) throw new Error("markWords after tokenising began");
  // 31 bits keep a token's marks a small integer
  if (marksInUse === 31) throw new Error("no mark bit left");
  const bit = 1 << marksInUse++;
  for (const w of words) MARKS.set(w, (MARKS.get(w) ?? 0) | bit);
  return bit;
}

/** The marks of a normalised word. */
export function marksOf(w: string): number {
  marksRead = true;
  return MARKS.get(w) ?? 0;
}

/** Two-word names folded into one token before lookup. */
export const MERGES = new Map<string, string>([
  ["united states", "usa"],
  ["white house", "whitehouse"],
  ["hong kong", "hongkong"],
  ["other countries", "othercountries"],
  ["other nations", "othercountries"],
  ["most countries", "othercountries"],
  ["trading partners", "othercountries"],
  ["consumer goods", "consumergoods"],
  // "in exchange for purchases": a trade-off, not a currency exchange
  ["in exchange", "inexchange"],
  ["consumer products", "consumergoods"],
  // "agreed to hold off on raising tariffs": a postponement
  ["hold off", "holdoff"],
  ["held off", "holdoff"],
  ["holding off", "holdoff"],
  ["holds off", "holdoff"],
  // AP's "import taxes" are tariffs
  ["import tax", "importtax"],
  ["import taxes", "importtaxes"],
  // "the trade war" is not a trade flow
  ["trade war", "tradewar"],
  // "called for a 60% tariff", "warned of 25% tariffs": a demand or a warning, not yet a measure
  ["call for", "callfor"],
  ["calls for", "callfor"],
  ["called for", "callfor"],
  ["calling for", "callfor"],
  ["warn of", "warnof"],
  ["warns of", "warnof"],
  ["warned of", "warnof"],
  ["warning of", "warnof"],
  ["on hold", "onhold"],
  // "has not ruled out raising tariffs to 25%", "in the event of retaliation": a possibility
  ["rule out", "ruleout"],
  ["ruled out", "ruleout"],
  ["rules out", "ruleout"],
  ["ruling out", "ruleout"],
  ["the event", "inevent"],
]);

/** Conjunctions that open a new clause after a comma (", and", ", while"). */
export const CLAUSE_CONJUNCTIONS = new Set([
  "and",
  "while",
  "but",
  "whereas",
  "although",
  "though",
]);

/** Abbreviations whose dotted and undotted forms name a country or bloc. */
export const SPECIAL_FORMS = new Map<string, string>([
  ["US", "usa"],
  ["U.S.", "usa"],
  ["USA", "usa"],
  ["U.S.A.", "usa"],
  ["EU", "eu"],
  ["E.U.", "eu"],
  ["UK", "uk"],
  ["U.K.", "uk"],
  // the month, not the modal verb
  ["May", "mayday"],
]);

/** Second words of MERGES, so the pair is only built when it can match ("rest of the world" too). */
export const MERGE_SECOND = new Set([
  ...[...MERGES.keys()].map((k) => k.slice(k.indexOf(" ") + 1)),
  "world",
]);
