/**
 * Role rules (decisions 031 and 054): each rule in app/lib/extract/context.ts with a sentence that
 * needs it and, where the rule could overreach, one that must stay as it was.
 */
import { describe, expect, it } from "vitest";
import { extractFromText } from "~/lib/extract";
import { createFxTable } from "~/lib/fx";

const fx = createFxTable({});

/** `text → direction` for every figure of an article body. */
function directions(body: string): Record<string, string | null> {
  const { figures } = extractFromText(`Title\n2019-05-10 12:00:00\n${body}`, fx);
  return Object.fromEntries(figures.map((f) => [f.text, f.direction]));
}

/** `text → role` for every figure of a one-paragraph article. */
function roles(body: string): Record<string, string> {
  const { figures } = extractFromText(`Title\n2019-05-10 12:00:00\n${body}`, fx);
  return Object.fromEntries(figures.map((f) => [f.text, f.role]));
}

describe("threats", () => {
  it("a condition later in the clause makes the rate a threat", () => {
    expect(
      roles(
        "China will impose tariffs of 5 percent to 25 percent on $60 billion worth of U.S. goods if Washington carries out its threat.",
      ),
    ).toMatchObject({ "5 percent to 25 percent": "threat", "$60 billion": "goods_covered" });
    expect(
      roles("Tariffs of 25% took effect, and China said it would respond if pressed."),
    ).toEqual({ "25%": "rate" });
  });

  it("holding off is a postponement", () => {
    expect(
      roles(
        "Trump agreed to hold off on raising tariffs on $200 billion of Chinese goods to 25 percent on Jan. 1, leaving them at 10 percent.",
      ),
    ).toMatchObject({ "25 percent": "threat", "10 percent": "rate" });
  });

  it("a modal whose subject is the tariff, or under a deal, is no threat", () => {
    expect(roles("A 125 per cent tariff would all but halt that trade.")).toEqual({
      "125 per cent": "rate",
    });
    expect(roles("Exporters say the 25 percent US tariffs could cut shipments.")).toEqual({
      "25 percent": "rate",
    });
    expect(roles("US tariffs on Chinese goods would fall to 47% from 57% under the deal.")).toEqual(
      {
        "47% from 57%": "rate",
      },
    );
    expect(
      roles("Trump said the US would impose 10 percent tariffs on $200 billion of goods."),
    ).toMatchObject({
      "10 percent": "threat",
    });
  });

  it("a passive imposition after a modal stays a threat", () => {
    expect(
      roles(
        "Trump said a 10% tariff would be put on about $300bn of Chinese goods from 1 September.",
      ),
    ).toMatchObject({ "10%": "threat" });
  });

  it("a condition after a comma may belong to another verb", () => {
    expect(
      roles(
        "The first two actions, 25% tariffs on $34bn of goods from July 2018, lapse on their fourth anniversaries unless an industry asks for them to continue.",
      ),
    ).toMatchObject({ "25%": "rate" });
  });

  it("a rate already in force stays a rate in a threatening sentence", () => {
    expect(
      roles(
        "Trump said he would impose an additional 100% tariff on Chinese goods, on top of the 30% tariffs already in place, unless Beijing relents.",
      ),
    ).toEqual({ "100%": "threat", "30%": "rate" });
  });

  it("'May' the month is no modal", () => {
    expect(roles("In May tariffs on $200 billion of Chinese goods rose to 25%.")).toMatchObject({
      "25%": "rate",
    });
  });
});

describe("previous levels", () => {
  it("the old level of a change written around the sentence", () => {
    expect(
      roles(
        "The US will cut the 15 percent tariff on about $120 billion of Chinese goods imposed on Sept. 1 to 7.5 percent.",
      ),
    ).toMatchObject({ "15 percent": "previous", "7.5 percent": "rate" });
    expect(
      roles(
        "It imposed 10 percent tariffs on another $200 billion, a rate it raised to 25 percent on Friday.",
      ),
    ).toMatchObject({ "10 percent": "previous", "25 percent": "rate" });
  });

  it("the level a change verb acts on: 'halve the 15 per cent tariff'", () => {
    expect(
      roles("Washington will halve the 15 per cent tariff on $120bn of Chinese goods."),
    ).toMatchObject({
      "15 per cent": "previous",
    });
    expect(
      roles(
        "Japan agreed to set the tariff at 15 percent, lower than the 25 percent first announced.",
      ),
    ).toMatchObject({
      "15 percent": "rate",
    });
  });

  it("'announced at 10% and raised to 15%'; levels 'where they stood'", () => {
    expect(roles("The tariff was first announced at 10% and raised to 15% in August.")).toEqual({
      "10%": "previous",
      "15%": "rate",
    });
    expect(
      roles(
        "Both average tariffs are far above where they stood at the start of 2018, 3.1% and 8.0%.",
      ),
    ).toEqual({ "3.1%": "previous", "8.0%": "previous" });
  });

  it("a new level of one side is not the old level of the other side's change", () => {
    expect(
      roles(
        "The United States will reduce its levies on Chinese goods to 30 per cent and China will cut its duties on American products to 10 per cent.",
      ),
    ).toEqual({ "30 per cent": "rate", "10 per cent": "rate" });
  });

  it("'had been', 'compared with', 'previously'", () => {
    expect(roles("The tariff, which had been 10%, rose to 25% on Friday.")).toEqual({
      "10%": "previous",
      "25%": "rate",
    });
    expect(roles("The tariff stands at 25%, compared with 10% a year ago.")).toEqual({
      "25%": "rate",
      "10%": "previous",
    });
  });

  it("the new level of a change never is one, nor the low end of a range", () => {
    expect(roles("Tariffs on Chinese imports are 15%, up from zero before Sunday.")).toEqual({
      "15%, up from zero": "rate",
    });
    expect(roles("China imposed duties ranging from 5% to 25%.")).toEqual({ "5% to 25%": "rate" });
  });
});

describe("pairs and proportions", () => {
  it("two rates joined by 'and' share a role", () => {
    expect(
      roles(
        "China decided to suspend the additional tariffs of 10 percent and 5 percent on some U.S. goods.",
      ),
    ).toEqual({ "10 percent": "threat", "5 percent": "threat" });
  });

  it("a percentage of companies is no tariff rate, nor a share of trade", () => {
    expect(
      roles("About 40% of Japanese companies in China expect the U.S. tariffs of 10% to hurt."),
    ).toEqual({ "40%": "other", "10%": "rate" });
  });
});

describe("tariff rates without a tariff word next to them", () => {
  it("the level a tariff phrase is set to", () => {
    expect(
      roles(
        "Washington doubled its tariff on Indian goods to 50 per cent on Wednesday, adding a 25 per cent penalty over New Delhi's oil purchases.",
      ),
    ).toEqual({ "50 per cent": "rate", "25 per cent": "rate" });
  });

  it("a list of rates after a tariff rate", () => {
    expect(
      roles(
        "Mr. Trump doubled tariffs on Turkish steel to 50 percent and aluminum to 20 percent, and the lira fell 16 percent.",
      ),
    ).toEqual({ "50 percent": "rate", "20 percent": "rate", "16 percent": "other" });
  });

  it("consumer goods are goods, not consumers", () => {
    expect(
      roles(
        "Tariffs on about $112 billion of Chinese imports are 15% from Sunday, covering many consumer goods.",
      ),
    ).toMatchObject({ "15%": "rate" });
  });
});

describe("shares", () => {
  it("the share of exports hit, and a percentage that faces tariffs, are shares", () => {
    expect(
      roles("The share of US exports to China hit by retaliation drops to 56.3% from 65.5%."),
    ).toEqual({
      "56.3% from 65.5%": "share",
    });
    expect(
      roles("About two-thirds of China's exports to the US, 66.6%, now face special tariffs."),
    ).toEqual({ "66.6%": "share" });
  });

  it("a percentage of an amount is a share", () => {
    expect(
      roles(
        "China bought $100 billion of the covered U.S. goods in 2020, about 58% of the $173.1 billion it had committed to purchase.",
      ),
    ).toEqual({ "$100 billion": "trade", "58%": "share", "$173.1 billion": "pledge" });
  });
});

describe("money", () => {
  it("a purchase target is a pledge; what was bought is trade", () => {
    expect(roles("Purchases totaled $100 billion against a target of $173.1 billion.")).toEqual({
      "$100 billion": "trade",
      "$173.1 billion": "pledge",
    });
  });

  it("items of a pledge are pledges", () => {
    expect(
      roles(
        "China committed to buying an additional $200 billion of US goods and services over two years, including $77.7 billion of manufactured goods and $52.4 billion of energy.",
      ),
    ).toEqual({ "$200 billion": "pledge", "$77.7 billion": "pledge", "$52.4 billion": "pledge" });
  });

  it("goods subject to tariffs, or covered by a tariff verb, are goods covered", () => {
    expect(
      roles(
        "About half of all U.S. imports from China, or $250 billion, are now subject to tariffs.",
      ),
    ).toEqual({ "$250 billion": "goods_covered" });
    expect(
      roles(
        "Tariffs now cover about half of all U.S. imports from China, or roughly $250 billion a year.",
      ),
    ).toEqual({ "$250 billion": "goods_covered" });
  });

  it("a flow level after 'rose ... to' is trade, even with goods after 'as'", () => {
    expect(
      roles(
        "Hong Kong's exports rose 18.5 percent in April to HK$426.4 billion, as shipments to the mainland surged ahead of the US tariff increases.",
      ),
    ).toEqual({ "18.5 percent": "other", "HK$426.4 billion": "trade" });
  });

  it("'in exchange for purchases' is a pledge, not a currency exchange", () => {
    expect(
      roles(
        "The US will scrap the levies due on December 15 in exchange for Chinese purchases of about $200bn of US products over two years.",
      ),
    ).toEqual({ $200bn: "pledge" });
  });

  it("an amount of a side's exports hit by tariffs is trade; of imports targeted, goods covered", () => {
    expect(
      roles(
        "Hong Kong goods now face the 125 per cent tariff, a blow to the city's HK$2.6 billion of domestic exports to the US.",
      ),
    ).toMatchObject({ "HK$2.6 billion": "trade" });
    expect(
      roles(
        "China imposed tariffs on 128 products. The measures target about $3 billion of U.S. imports.",
      ),
    ).toMatchObject({ "$3 billion": "goods_covered" });
  });

  it("'accounted for' is a flow", () => {
    expect(
      roles(
        "China imposed matching duties on $34 billion of U.S. goods, including soybeans, which accounted for $12.4 billion of its imports from the U.S. last year.",
      ),
    ).toEqual({ "$34 billion": "goods_covered", "$12.4 billion": "trade" });
  });
});

describe("direction", () => {
  it("a nation in a later subordinate clause does not impose the figure's tariff", () => {
    expect(
      directions(
        "A 15% tariff took effect on a batch of Chinese goods. The rate was first announced at 10% and raised to 15% after China unveiled new retaliation.",
      ),
    ).toEqual({ "15%": "us_on_china", "10%": "us_on_china" });
  });

  it("'of the US fentanyl tariff' names its imposer", () => {
    expect(
      directions(
        "China's retaliation took effect on 10 March. It answers the doubling of the US fentanyl tariff to 20% on 4 March.",
      ),
    ).toEqual({ "20%": "us_on_china" });
  });

  it("a sentence after one quoting both sides takes neither", () => {
    expect(
      directions(
        "The average US tariff on Chinese goods is 51.8%, and China's average on US goods is 32.6%. Both averages are far above where they stood in 2018, 3.1% and 8.0%.",
      ),
    ).toEqual({
      "51.8%": "us_on_china",
      "32.6%": "china_on_us",
      "3.1%": "unknown",
      "8.0%": "unknown",
    });
  });

  it("nothing names a side: unknown", () => {
    expect(directions("Tariffs of 25% apply to the goods on the list.")).toEqual({
      "25%": "unknown",
    });
  });
});

/** `text → currency` for every money figure of a one-paragraph article. */
function currencies(body: string): Record<string, string | null> {
  const { figures } = extractFromText(`Title\n2020-11-27 12:00:00\n${body}`, fx);
  return Object.fromEntries(
    figures.filter((f) => f.kind === "money").map((f) => [f.text, f.currency]),
  );
}

describe("decision 062", () => {
  it("a bare $ is the local dollar where the article writes the US one as $US/US$, or Australian 'per cent'", () => {
    expect(
      currencies(
        "The trade war, which has put tariffs on $US360 billion of goods, threatens Australian iron ore, an export worth $100 billion a year.",
      ),
    ).toEqual({ "$US360 billion": "USD", "$100 billion": "AUD" });
    expect(
      currencies(
        "Australian wine exporters lost a market worth $1.2 billion after 200 per cent duties.",
      ),
    ).toEqual({ "$1.2 billion": "AUD" });
    // Reuters style: A$ for the Australian dollar, so a bare $ is the US one
    expect(
      currencies("Australia sold A$10 billion of barley and $3 billion of wine, up 5 per cent."),
    ).toEqual({ "A$10 billion": "AUD", "$3 billion": "USD" });
    expect(
      currencies("The US ran a surplus of US$2.8 billion with Singapore, and $4 billion of drugs."),
    ).toEqual({ "US$2.8 billion": "USD", "$4 billion": "SGD" });
    // American style, nothing local
    expect(
      currencies("Australian beef exports worth $4 billion face a 10 percent tariff."),
    ).toEqual({ "$4 billion": "USD" });
  });

  it("a headline's present-tense movement verb makes the rate a change in something else", () => {
    const { figures } = extractFromText(
      "China's Exports to US Slump 34.5% as Tariffs Bite\n2025-06-09 12:00:00\nBody.",
      fx,
    );
    expect(figures.map((f) => f.role)).toEqual(["other"]);
    expect(roles("Tariffs on Chinese solar cells will rise to 50% this year.")).toEqual({
      "50%": "rate",
    });
  });

  it("the level a tariff is lifted or removed from, and 'double the X%', are previous", () => {
    expect(roles("China will lift its 80.5 per cent tariffs on Australian barley.")).toEqual({
      "80.5 per cent": "previous",
    });
    expect(
      roles("Aluminium faces a 50 per cent duty, double the 25 per cent rate imposed in March."),
    ).toEqual({ "50 per cent": "rate", "25 per cent": "previous" });
    expect(roles("Tariffs on steel will double to 50 per cent.")).toEqual({
      "50 per cent": "rate",
    });
  });

  it("an averted level is a threat; a level compared with one announced and never applied is a threat", () => {
    expect(
      roles(
        "Trump extended the truce, averting a jump in duties to 145 percent from the current 30 percent.",
      ),
    ).toEqual({ "145 percent from the current 30 percent": "threat" });
    expect(
      roles(
        "Vietnamese goods will face a 20 per cent tariff, well below the 46 per cent announced in April.",
      ),
    ).toEqual({ "20 per cent": "rate", "46 per cent": "threat" });
    expect(roles("Cars will be taxed at 10 per cent rather than 27.5 per cent.")).toEqual({
      "10 per cent": "rate",
      "27.5 per cent": "previous",
    });
  });

  it("a threat word after 'and' has its own object; a threatened list stays threatened", () => {
    expect(
      roles(
        "The U.S. will cut the 15% tariff on $120 billion of Chinese goods to 7.5% and suspend tariffs on $160 billion due Sunday.",
      ),
    ).toMatchObject({ "15%": "previous", "7.5%": "rate" });
    expect(
      roles(
        "Trump said he would impose tariffs of 25% on steel imports and 10% on aluminum next week.",
      ),
    ).toEqual({ "25%": "threat", "10%": "threat" });
  });

  it("a level in force named in a condition is no threat", () => {
    expect(
      roles(
        "Trump threatened an extra 50% tariff on China if it does not withdraw its 34% retaliatory levy.",
      ),
    ).toEqual({ "50%": "threat", "34%": "rate" });
  });

  it("investment is not a purchase pledge", () => {
    expect(
      roles(
        "South Korea will invest $350 billion in the U.S. and buy $100 billion worth of American energy.",
      ),
    ).toEqual({ "$350 billion": "other", "$100 billion": "pledge" });
    expect(roles("Japan will provide $550 billion in investment and buy more rice.")).toEqual({
      "$550 billion": "other",
    });
  });

  it("goods exempted, '$X of tariffs' and a value 'which would face' tariffs are goods covered", () => {
    expect(
      roles(
        "The exemptions for smartphones, computers and other electronics cover about $101 billion of imports from China.",
      ),
    ).toEqual({ "$101 billion": "goods_covered" });
    expect(
      roles("Trump asked officials to consider an additional $100 billion of tariffs on China."),
    ).toEqual({
      "$100 billion": "goods_covered",
    });
    expect(roles("Importers paid $80 billion in tariffs last year.")).toEqual({
      "$80 billion": "other",
    });
    expect(
      roles(
        "The list covers 1,300 products with an import value of $50 billion, which would face a 25 percent tariff.",
      ),
    ).toEqual({ "$50 billion": "goods_covered", "25 percent": "threat" });
  });

  it("the level a flow moved to is trade", () => {
    expect(
      roles(
        "China's exports to the US fell 34.5 per cent in May from a year earlier to US$28.8 billion, customs data showed.",
      ),
    ).toEqual({ "34.5 per cent": "other", "US$28.8 billion": "trade" });
  });
});

describe("decision 062, second batch", () => {
  it("AP's import taxes, anti-dumping measures and deposits are tariffs", () => {
    expect(
      roles("Trump signed orders placing import taxes of 25% on goods from Mexico and Canada."),
    ).toEqual({ "25%": "rate" });
    expect(
      roles("Anti-dumping measures of up to 212.1 per cent on Australian wine start tomorrow."),
    ).toEqual({ "212.1 per cent": "rate" });
  });

  it("vowed, floated and promised rates are threats, but not across a subordinate clause", () => {
    expect(roles("Trump vowed to impose an additional 10% tariff on Chinese goods.")).toEqual({
      "10%": "threat",
    });
    expect(
      roles("Exporters brace for the 60 per cent tariff Trump floated during his campaign."),
    ).toEqual({ "60 per cent": "threat" });
    expect(
      roles("Beijing vowed to retaliate after Washington's 25% duties on $34 billion took effect."),
    ).toMatchObject({ "25%": "rate" });
  });

  it("a level compared with for another side is that side's rate today", () => {
    expect(
      roles("The GCC states face the 10 per cent minimum, compared with 34 per cent for China."),
    ).toEqual({ "10 per cent": "rate", "34 per cent": "rate" });
    expect(roles("The tariff is 25 per cent, compared with 10 per cent a year ago.")).toMatchObject(
      {
        "10 per cent": "previous",
      },
    );
  });

  it("a rate paired with the old level of 'X, down from Y' is an old level too", () => {
    expect(
      roles("Malaysia's tariff was set at 19 per cent, down from 25 per cent and 36 per cent."),
    ).toEqual({ "19 per cent, down from 25 per cent": "rate", "36 per cent": "previous" });
  });

  it("a level kept where it is is in force", () => {
    expect(
      roles(
        "The US would keep the tariff on $200bn of Chinese goods at 10% rather than lift it to 25% on 1 January as planned.",
      ),
    ).toMatchObject({ "10%": "rate", "25%": "threat" });
  });

  it("an amount that 'would soon be taxed' is goods covered", () => {
    expect(
      roles("Trump said another $325 billion of goods would soon be taxed at 25%."),
    ).toMatchObject({ "$325 billion": "goods_covered" });
  });
});

describe("decision 062, third step", () => {
  it("a rate whose start the next sentence leaves open is a threat", () => {
    expect(
      roles(
        "China will levy an additional 25 percent tariff on 106 US products. The date of implementation will depend on when the US acts.",
      ),
    ).toEqual({ "25 percent": "threat" });
    expect(
      roles(
        "China's 25 percent tariffs on 106 US products took effect on Friday. The date of the talks is not set.",
      ),
    ).toEqual({ "25 percent": "rate" });
  });
});

describe("decision 062, fourth step", () => {
  it("looming and eyed tariffs are threats", () => {
    expect(
      roles(
        "Markets rallied on hopes the looming 15% tariffs on about $160 billion of Chinese consumer goods will be called off.",
      ),
    ).toMatchObject({ "15%": "threat", "$160 billion": "goods_covered" });
    expect(roles("Trump eyes 25% duties on $300 billion more in Chinese goods.")).toMatchObject({
      "25%": "threat",
    });
    expect(roles("Tariffs of 25% on $34 billion of goods took effect on Friday.")).toMatchObject({
      "25%": "rate",
    });
  });

  it("a levy still on the table is a threat", () => {
    expect(
      roles(
        "A 25 per cent levy on the remaining $300bn of Chinese imports remains on the table ahead of the summit.",
      ),
    ).toMatchObject({ "25 per cent": "threat", $300bn: "goods_covered" });
  });

  it("the level a tariff rate moved to is a rate, even past a phrase about who pays", () => {
    expect(
      roles("The overall effective tariff rate paid by US consumers has jumped to 22.5%."),
    ).toEqual({ "22.5%": "rate" });
    expect(roles("Tariff revenue jumped to 20% of customs receipts.")).toEqual({ "20%": "other" });
  });
});

describe("decision 062, fifth step", () => {
  it("readying, being ready to, preparing and intending are threats", () => {
    expect(roles("Beijing readies 25% tariffs on $50bn of US goods.")).toMatchObject({
      "25%": "threat",
    });
    expect(
      roles("Trump said he is ready to impose 25% tariffs on a further $267 billion of goods."),
    ).toMatchObject({ "25%": "threat" });
    expect(
      roles("The administration intends to raise the rate on Chinese chips to 50% by 2025."),
    ).toEqual({ "50%": "threat" });
    expect(roles("The 25% tariffs already imposed remain in place.")).toEqual({ "25%": "rate" });
  });

  it("a threat word naming the rate wins over a later 'before'", () => {
    expect(
      roles(
        "The trade office will hold hearings on the proposed 25% tariffs before a final decision.",
      ),
    ).toEqual({ "25%": "threat" });
  });

  it("a '$X tariff list' and 'a list of $X' name goods covered", () => {
    expect(
      roles(
        "China's $34 billion tariff list covers soybeans, pork and cars, and a second list of $16 billion will follow.",
      ),
    ).toEqual({ "$34 billion": "goods_covered", "$16 billion": "goods_covered" });
    expect(roles("The $100 billion tariff bill was paid by importers.")).toEqual({
      "$100 billion": "other",
    });
  });
});

describe("decision 063", () => {
  it("a threat reaches past the old level of its change to the new one", () => {
    expect(
      roles(
        "Officials are weighing cutting the 145 percent duty on Chinese goods to as low as 50 percent.",
      ),
    ).toEqual({ "145 percent": "previous", "50 percent": "threat" });
    expect(roles("Washington cut the 20% tariff on Chinese goods to 10%.")).toEqual({
      "20%": "previous",
      "10%": "rate",
    });
  });

  it("suggesting, warning of, calling for, the prospect of, being willing or prepared are threats", () => {
    expect(roles("Navarro suggested a 60 percent tariff on Chinese goods.")).toEqual({
      "60 percent": "threat",
    });
    expect(roles("Beijing warned of 25% duties on US soybeans.")).toEqual({ "25%": "threat" });
    expect(roles("Lawmakers called for a 100% tariff on Chinese cars.")).toEqual({
      "100%": "threat",
    });
    expect(roles("He raised the prospect of 200% duties on Chinese vehicles.")).toEqual({
      "200%": "threat",
    });
    expect(roles("Trump said he was willing to put 25% tariffs on more goods.")).toEqual({
      "25%": "threat",
    });
    expect(roles("Ottawa is prepared to impose a 25 per cent surtax on Chinese steel.")).toEqual({
      "25 per cent": "threat",
    });
    // a warning about what a tariff in force does is no threat of one
    expect(
      roles("Economists warned that the 25 per cent tariff on Chinese goods could hurt demand."),
    ).toEqual({ "25 per cent": "rate" });
  });

  it("a threat verb opening an infinitive reaches a rate further on in its clause", () => {
    expect(
      roles(
        "Trump vowed in a post on his social media site to raise the duties on Chinese electric vehicles to 100%.",
      ),
    ).toEqual({ "100%": "threat" });
    // "subject to" is no infinitive of the plan's
    expect(
      roles(
        "Under the plan announced on Friday, 659 American products worth about 50 billion dollars will be subject to tariffs of 25 percent.",
      ),
    ).toMatchObject({ "25 percent": "rate" });
  });

  it("a passive threat verb, or a sentence opening 'Should ...', makes the rate a threat", () => {
    expect(roles("A 50% tariff on Chinese steel is under consideration in Brussels.")).toEqual({
      "50%": "threat",
    });
    expect(roles("A 25% levy on Chinese solar panels was being weighed by the agency.")).toEqual({
      "25%": "threat",
    });
    expect(roles("Should Beijing retaliate, Washington will raise tariffs to 50%.")).toEqual({
      "50%": "threat",
    });
  });

  it("a modal with a firm start date and no one reported saying it is a rate", () => {
    expect(
      roles("The goods would be subject to additional tariffs of 10 percent from September 24."),
    ).toEqual({ "10 percent": "rate" });
    expect(
      roles(
        "Trump said the goods would be subject to additional tariffs of 10 percent from September 24.",
      ),
    ).toEqual({ "10 percent": "threat" });
  });

  it("a level 'now' in force, held 'unchanged', or the subject of a modal is the rate", () => {
    expect(
      roles("The levy on US pork, now 62%, would fall after the talks, officials said."),
    ).toEqual({ "62%": "rate" });
    expect(
      roles(
        "China's tariff on US cars remained unchanged at 15%, because the planned rise to 40% was suspended.",
      ),
    ).toEqual({ "15%": "rate", "40%": "threat" });
    expect(roles("Bessent said the 125% rate could not last.")).toEqual({ "125%": "rate" });
  });

  it("the old level of a change under a modal or a deal is previous, past a nation naming the goods", () => {
    // the old level as the subject of the verb of change is one change figure (decision 070)
    expect(roles("Duties of 125% on US goods would be cut to 10% under the deal.")).toEqual({
      "125% on US goods would be cut to 10%": "rate",
    });
    expect(
      roles("Duties of 125% on US goods would be cut by half to 62.5% under the deal."),
    ).toEqual({
      "125%": "previous",
      "62.5%": "rate",
    });
    expect(roles("Beijing will lower its 84% tariff on US goods to 34%.")).toEqual({
      "84%": "previous",
      "34%": "rate",
    });
    expect(
      roles("The tariff was 15 percent, lower than the 25 percent announced in July."),
    ).toEqual({
      "15 percent": "rate",
      "25 percent": "threat",
    });
  });

  it("'the X% rate' and 'the rate on $X' are about tariffs; a surtax is a tariff", () => {
    expect(roles("Investors expect the 30% rate to stay.")).toEqual({ "30%": "rate" });
    expect(roles("The 3.5% unemployment rate held.")).toEqual({ "3.5%": "other" });
    expect(roles("The rate on $300 billion of goods rose to 15% on Sunday.")).toEqual({
      "$300 billion": "goods_covered",
      "15%": "rate",
    });
    expect(roles("Canada set a 100% surtax on Chinese electric vehicles.")).toEqual({
      "100%": "rate",
    });
  });
});

describe("decision 063, second step", () => {
  it("a level named as current, now, on top of, already or in place is in force", () => {
    expect(
      roles("Trump floated a 60% tariff, well above the current 25% on Chinese goods."),
    ).toEqual({ "60%": "threat", "25%": "rate" });
    expect(
      roles("China will cut tariffs on US cars to 15% from the current 40% on July 1."),
    ).toMatchObject({ "15% from the current 40%": "rate" });
    expect(
      roles("Trump threatened a further 50% levy on top of the 34% tariffs on Chinese goods."),
    ).toEqual({ "50%": "threat", "34%": "rate" });
    expect(
      roles(
        "Trump threatened a 30% tariff from Aug. 1, above the 10% levy currently applied to EU goods.",
      ),
    ).toEqual({ "30%": "threat", "10%": "rate" });
    expect(
      roles("The deal leaves the 25% tariff on $250 billion of Chinese goods in place."),
    ).toMatchObject({ "25%": "rate" });
    expect(
      roles("Washington will charge 25 percent from June 1, up from the 10 percent now in place."),
    ).toMatchObject({ "10 percent": "previous" });
  });

  it("'stood at X%' is the level of its time", () => {
    expect(roles("By then US tariffs on Chinese goods stood at 145 percent.")).toEqual({
      "145 percent": "rate",
    });
  });

  it("the ceiling of tariffs being lifted, and the next level of the same list, are old levels", () => {
    expect(
      roles("Beijing will remove its tariffs of up to 80.5 per cent on Australian barley."),
    ).toEqual({ "80.5 per cent": "previous" });
    expect(roles("China imposed tariffs of up to 25 per cent on US soybeans.")).toEqual({
      "25 per cent": "rate",
    });
    expect(
      roles("Ottawa agreed to lift its 25% surtax on US steel and its 10% surtax on US aluminum."),
    ).toEqual({ "25%": "previous", "10%": "previous" });
    expect(roles("The deal cuts the 20% levy on Chinese goods to 10%.")).toEqual({
      "20%": "previous",
      "10%": "rate",
    });
  });

  it("a level that a moving subject leaves is old, unless a modal makes the move a threat", () => {
    expect(roles("Under the truce, Beijing's 84% tariff on US goods drops to 10%.")).toEqual({
      "84%": "previous",
      "10%": "rate",
    });
    expect(
      roles("Trump said the 10% tariff on Chinese goods would rise to 25% on March 1."),
    ).toEqual({ "10%": "rate", "25%": "threat" });
  });

  it("a level a country is exempted or spared from, or another side's level, is no past level", () => {
    expect(
      roles("Brazil was exempted from the 25 percent US tariff on steel under a quota deal."),
    ).toEqual({ "25 percent": "rate" });
    expect(roles("India faces 50 per cent, well above the 20 per cent levied on Vietnam.")).toEqual(
      { "50 per cent": "rate", "20 per cent": "rate" },
    );
    expect(roles("The tariff is 15%, compared with 25% before the truce.")).toEqual({
      "15%": "rate",
      "25%": "previous",
    });
  });

  it("half of a level announced and never applied is a threat", () => {
    expect(
      roles(
        "Laos will face a 40 per cent tariff, less than half the 48 per cent announced in April.",
      ),
    ).toEqual({ "40 per cent": "rate", "48 per cent": "threat" });
  });

  it("pausing a rate, or putting it on hold, makes it a threat; a pause at a baseline does not", () => {
    expect(roles("Trump agreed to pause the 25% tariffs on Mexican goods for a month.")).toEqual({
      "25%": "threat",
    });
    expect(roles("He cited the 25 percent levy on Canadian goods he has put on hold.")).toEqual({
      "25 percent": "threat",
    });
    expect(roles("Other countries got a 90-day pause at a 10% tariff.")).toEqual({ "10%": "rate" });
    // only participles of a proposal reach that far: a suspended rate may come back
    expect(
      roles("The 25 percent tariff on US cars that was suspended in January returns on Dec. 15."),
    ).toEqual({ "25 percent": "rate" });
  });

  it("a threatened list reaches past a nation naming goods", () => {
    expect(
      roles(
        "China will suspend the 25 percent tariff on US-made cars and the 5 percent levy on parts for three months.",
      ),
    ).toEqual({ "25 percent": "threat", "5 percent": "threat" });
  });

  it("a sentence saying no date has been set leaves the rates before it threatened", () => {
    const { figures } = extractFromText(
      "Title\n2018-04-04 12:00:00\nBeijing named 25 per cent levies on 106 US products. No date has been set.",
      fx,
    );
    expect(figures.map((f) => f.role)).toEqual(["threat"]);
  });

  it("money in escrow, or invested, is no pledge; a purchase stays one beside an investment", () => {
    expect(
      roles("The firm agreed to put $400 million in escrow to resume buying US chips."),
    ).toEqual({ "$400 million": "other" });
    expect(
      roles("Japan will buy $8 billion of US farm goods, apart from its $550 billion investment."),
    ).toMatchObject({ "$8 billion": "pledge", "$550 billion": "other" });
    expect(roles("Seoul will finance $150 billion of US shipbuilding projects.")).toEqual({
      "$150 billion": "other",
    });
  });
});

describe("decision 063, third step", () => {
  it("a level a reprieve is from, threatened for later, stays a threat", () => {
    expect(
      roles("Canada won a 30-day reprieve from the 35% tariff Trump had threatened for Aug. 1."),
    ).toEqual({ "35%": "threat" });
  });

  it("a verb keeping a level ends a threatened list", () => {
    expect(
      roles(
        "Washington will suspend 24 per cent of the levy for 90 days and keep a 10 per cent rate.",
      ),
    ).toEqual({ "24 per cent": "threat", "10 per cent": "rate" });
  });

  it("a sentence opening with a condition makes its rates threats however far", () => {
    expect(
      roles(
        "If Beijing does not agree to the terms by the deadline set in the letter on Friday, tariffs on its goods will rise to 50%.",
      ),
    ).toEqual({ "50%": "threat" });
  });

  it("'$X of the list' and 'a list of $X' are goods covered", () => {
    expect(
      roles("Trump approved the tariffs. The first $34 billion of the list will be hit on July 6."),
    ).toEqual({ "$34 billion": "goods_covered" });
    expect(roles("Beijing's new list of $75 billion names soybeans and crude oil.")).toEqual({
      "$75 billion": "goods_covered",
    });
    expect(roles("China agreed to a list of $50 billion in purchases of US farm goods.")).toEqual({
      "$50 billion": "pledge",
    });
  });
});

describe("decision 063, fourth step", () => {
  it("a compared level someone had threatened, warned of or set is a threat", () => {
    expect(
      roles("Vietnam will face a 20% tariff instead of the 46% Trump had set for July 9."),
    ).toEqual({ "20%": "rate", "46%": "threat" });
    expect(
      roles(
        "The deal sets a 15 percent tariff, lower than the 25 percent Trump had warned would apply.",
      ),
    ).toEqual({ "15 percent": "rate", "25 percent": "threat" });
  });

  it("a level left in force, or on top of another side's standard tariff, is the rate", () => {
    expect(
      roles(
        "The 24 per cent part of the levy was paused for 90 days, leaving 10 per cent in force.",
      ),
    ).toMatchObject({ "10 per cent": "rate" });
    expect(
      roles(
        "The duties would come on top of the EU's standard 10 percent tariff on imported cars.",
      ),
    ).toEqual({ "10 percent": "rate" });
  });

  it("a passive proposal after a comma names something else", () => {
    expect(
      roles(
        "The final rule raises the tariff on Chinese syringes to 100% from Sept. 27, double what was proposed in May.",
      ),
    ).toEqual({ "100%": "rate" });
  });

  it("a threatened list continues past a list of nations and into a verbless next item", () => {
    expect(
      roles(
        "Trump said he would impose a 25% tariff on goods from Mexico and Canada and an additional 10% tariff on goods from China.",
      ),
    ).toEqual({ "25%": "threat", "10%": "threat" });
    expect(
      roles("Trump warned that he would slap a 50% tariff on EU goods, and a 25% levy on iPhones."),
    ).toEqual({ "50%": "threat", "25%": "threat" });
  });
});
