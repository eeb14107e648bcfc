/** Newsroom idioms the scanner reads as one figure (decision 031), each with its parts. */
import { describe, expect, it } from "vitest";
import { extractFromText } from "~/lib/extract";
import { createFxTable } from "~/lib/fx";

const fx = createFxTable({});

function only(body: string) {
  const { figures } = extractFromText(`Title\n2019-05-10 12:00:00\n${body}`, fx);
  return figures.map((f) => ({
    text: f.text,
    value: f.value,
    currency: f.currency,
    rateFrom: f.rateFrom,
    rangeLow: f.rangeLow,
  }));
}

describe("newsroom idioms", () => {
  const cases: Array<[string, string, Partial<ReturnType<typeof only>[number]>]> = [
    ["Tariffs on $60B of goods rose.", "$60B", { value: 60e9, currency: "USD" }],
    ["Stocks lost $1.2T in value.", "$1.2T", { value: 1.2e12, currency: "USD" }],
    ["a further $US300 billion of imports", "$US300 billion", { value: 300e9, currency: "USD" }],
    ["tariffs on 75 bln USD of goods", "75 bln USD", { value: 75e9, currency: "USD" }],
    ["revenue of CNY 5bn in July", "CNY 5bn", { value: 5e9, currency: "CNY" }],
    [
      "duties of 5, 10, 20 or 25 percent on goods",
      "5, 10, 20 or 25 percent",
      { value: 25, rangeLow: 5 },
    ],
    ["tariffs of five and 10 per cent", "five and 10 per cent", { value: 10, rangeLow: 5 }],
    ["levies of 5 and 10 per cent", "5 and 10 per cent", { value: 10, rangeLow: 5 }],
    ["The rate is now 25%, up from 10%.", "25%, up from 10%", { value: 25, rateFrom: 10 }],
    ["Tariffs are 15%, up from zero.", "15%, up from zero", { value: 15, rateFrom: 0 }],
    [
      "to 104% from the current rate of 54%",
      "104% from the current rate of 54%",
      { value: 104, rateFrom: 54 },
    ],
    [
      "The new rate, 25 percent (from 10 percent), applies.",
      "25 percent (from 10 percent)",
      {
        value: 25,
        rateFrom: 10,
      },
    ],
    [
      "fell to 20.3 percent on average from 21.1 percent",
      "20.3 percent on average from 21.1 percent",
      {
        value: 20.3,
        rateFrom: 21.1,
      },
    ],
    ["The deal cut the tariff from 15% to 7.5%.", "15% to 7.5%", { value: 7.5, rateFrom: 15 }],
    ["Customs raised the duties 10% to 25% on Friday.", "10% to 25%", { value: 25, rateFrom: 10 }],
    ["tariffs of 5% to as high as 25%", "5% to as high as 25%", { value: 25, rangeLow: 5 }],
    ["Tariffs rose to 145%, from 20% in January.", "145%, from 20%", { value: 145, rateFrom: 20 }],
    ["tariffs of 10% up to 25% on goods", "10% up to 25%", { value: 25, rangeLow: 10 }],
    [
      "China imposed tariffs from 5% to 25% on 128 products.",
      "5% to 25%",
      { value: 25, rangeLow: 5 },
    ],
    ["Tariffs will go from 10% to 25%.", "10% to 25%", { value: 25, rateFrom: 10 }],
    ["The rate is about 51% (from 145% in April).", "51% (from 145%", { value: 51, rateFrom: 145 }],
  ];
  for (const [body, text, expected] of cases) {
    it(`${text}`, () => {
      const found = only(body);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ text, rateFrom: null, rangeLow: null, ...expected });
    });
  }

  it("never joins a day of the month, or percentage points and a percentage", () => {
    expect(only("cut the rate imposed on Sept. 1 to 7.5 percent").map((f) => f.text)).toEqual([
      "7.5 percent",
    ]);
    expect(only("raised the tariff 10 percentage points to 25%").map((f) => f.text)).toEqual([
      "10 percentage points",
      "25%",
    ]);
  });

  it("reads rates with their own units joined by 'or' as alternatives, a range (decision 070), but not rates joined by 'and'", () => {
    expect(only("duties of 5 per cent or 10 per cent")).toMatchObject([
      { text: "5 per cent or 10 per cent", value: 10, rangeLow: 5 },
    ]);
    expect(only("rates of 25 percent, 20 percent or 10 percent on 5,140 products")).toMatchObject([
      { text: "25 percent, 20 percent or 10 percent", value: 25, rangeLow: 10 },
    ]);
    expect(
      only("provisional duties of 17.4%, 19.9% and 37.6% on three carmakers").map((f) => f.text),
    ).toEqual(["17.4%", "19.9%", "37.6%"]);
    expect(only("a cut of 2 percentage points or 5%").map((f) => f.text)).toEqual([
      "2 percentage points",
      "5%",
    ]);
  });

  it("reads a plain 'tariffs of 10% to 25%' as a range", () => {
    expect(only("tariffs of 10% to 25% on goods")[0]).toMatchObject({
      rangeLow: 10,
      rateFrom: null,
    });
  });
});

describe("ranges against changes (decision 062)", () => {
  const shape = (body: string) =>
    extractFromText(`Title\n2019-05-13 12:00:00\n${body}`, createFxTable({})).figures.map((f) => [
      f.text,
      f.rateFrom,
      f.rangeLow,
      f.rangeHigh,
    ]);
  it("'ranging from', 'with rates from' and 'rates of X to Y' are ranges even after a change verb", () => {
    expect(shape("China will increase tariffs ranging from 5% to 25% on US goods.")).toEqual([
      ["5% to 25%", null, 5, 25],
    ]);
    expect(
      shape("China will raise tariffs on US goods from June 1, with rates from 5% to 25%."),
    ).toEqual([["5% to 25%", null, 5, 25]]);
    expect(shape("China said it would raise tariffs to rates of 5% to 25%.")).toEqual([
      ["5% to 25%", null, 5, 25],
    ]);
    expect(shape("The U.S. raised tariffs from 10% to 25%.")).toEqual([
      ["10% to 25%", 10, null, null],
    ]);
    expect(shape("The U.S. raised the duties 10% to 25%.")).toEqual([
      ["10% to 25%", 10, null, null],
    ]);
  });
});

/** Each figure of a body as [text, role] (decision 070's idioms). */
const roles = (body: string) =>
  extractFromText(`Title\n2018-06-15 12:00:00\n${body}`, fx).figures.map((f) => [f.text, f.role]);

describe("conditions reach every rate of a list (decision 070)", () => {
  it("reads 'if' after a list of rates as a condition on all of them, past thousands separators", () => {
    expect(
      roles(
        "China will impose tariffs of 25 percent, 20 percent, 10 percent and 5 percent on 5,207 U.S. products worth about 60 billion U.S. dollars if the United States implements its plan.",
      ),
    ).toEqual([
      ["25 percent", "threat"],
      ["20 percent", "threat"],
      ["10 percent", "threat"],
      ["5 percent", "threat"],
      ["60 billion U.S. dollars", "goods_covered"],
    ]);
  });

  it("keeps a rate in force when the condition belongs to a later rate's own clause", () => {
    expect(
      roles(
        "The U.S. imposed 25% tariffs on $34 billion of goods, and 10% more would follow if China retaliates.",
      ),
    ).toEqual([
      ["25%", "rate"],
      ["$34 billion", "goods_covered"],
      ["10%", "threat"],
    ]);
  });
});

describe("roles in newsroom idioms (decision 070)", () => {
  it("gives a part or a further round of covered goods the goods_covered role", () => {
    expect(
      roles(
        "Trump confirmed 25% tariffs on $50bn of Chinese goods, with the first $34bn taking effect on 6 July and the remaining $16bn still under review.",
      ),
    ).toEqual([
      ["25%", "rate"],
      ["$50bn", "goods_covered"],
      ["$34bn", "goods_covered"],
      ["$16bn", "goods_covered"],
    ]);
    expect(
      roles(
        "Trump directed officials to identify $200 billion of Chinese goods for tariffs of 10%. He said a further $200 billion could follow.",
      ).filter(([text]) => text.includes("$")),
    ).toEqual([
      ["$200 billion", "goods_covered"],
      ["$200 billion", "goods_covered"],
    ]);
  });

  it("reads the worth of imports that tariffs are on as goods covered, and a flow as trade", () => {
    expect(
      roles(
        "Trump ordered tariffs of up to 25% on essentially all remaining imports from China, worth about $300 billion.",
      ),
    ).toContainEqual(["$300 billion", "goods_covered"]);
    expect(
      roles("Despite the tariffs, China's exports to the US, worth $40 billion, rose in May."),
    ).toContainEqual(["$40 billion", "trade"]);
  });

  it("reads purchase increases listed with 'by' as one pledge, and an amount before 'target' as a pledge", () => {
    expect(
      roles(
        "Under the deal, China will increase purchases of U.S. manufactured goods by $77.7 billion, energy products by $52.4 billion, agricultural goods by $32 billion and services by $37.9 billion over two years.",
      ).map(([, role]) => role),
    ).toEqual(["pledge", "pledge", "pledge", "pledge"]);
    expect(
      roles(
        "Chinese purchases came to about $100 billion, well short of the $173.1 billion target.",
      ),
    ).toContainEqual(["$173.1 billion", "pledge"]);
  });

  it("relates a rate's adjectives and its remaining part to the tariff", () => {
    expect(
      roles(
        "Under the deal, the 34% reciprocal rate on China will be cut to 10% for 90 days, with the remaining 24% suspended rather than scrapped.",
      ),
    ).toEqual([
      ["34%", "previous"],
      ["10%", "rate"],
      ["24%", "threat"],
    ]);
  });

  it("reads a year's flow quoted beside a tariff as trade, and coverage as goods covered", () => {
    expect(
      roles(
        "The new tariffs cover goods worth about $18 billion, a small fraction of the $427 billion in goods the U.S. imported from China last year.",
      ),
    ).toEqual([
      ["$18 billion", "goods_covered"],
      ["$427 billion", "trade"],
    ]);
    expect(
      roles("Trump put tariffs on $200 billion of goods China exported to the US last year."),
    ).toContainEqual(["$200 billion", "goods_covered"]);
    expect(
      roles(
        "The tariff increases apply to about $18 billion worth of annual imports, a small slice of the more than $400 billion in goods the United States buys from China each year.",
      ),
    ).toEqual([
      ["$18 billion", "goods_covered"],
      ["$400 billion", "trade"],
    ]);
    expect(
      roles(
        "Tariffs now cover about half of all U.S. imports from China, or roughly $250 billion a year.",
      ),
    ).toEqual([["$250 billion", "goods_covered"]]);
  });

  it("reads a rate suspended now as a threat, and one paused in the past and restored as a rate", () => {
    expect(
      roles(
        "The 24 per cent portion of the reciprocal tariff has been suspended for 90 days, leaving 10 per cent in force.",
      ),
    ).toEqual([
      ["24 per cent", "threat"],
      ["10 per cent", "rate"],
    ]);
    expect(
      roles(
        "The 25 percent tariff on US cars that was suspended in January will be restored on December 15.",
      ),
    ).toEqual([["25 percent", "rate"]]);
  });

  it("reads a scheduled rate called off before it started as a threat that did not happen", () => {
    expect(
      roles(
        "The administration will cancel a round of 15 percent tariffs on about $160 billion of products that was set to begin Sunday.",
      )[0],
    ).toEqual(["15 percent", "threat"]);
    expect(roles("The deal lifts the 25% tariff on cars.")[0]).toEqual(["25%", "previous"]);
    expect(
      roles(
        "Washington will halve the tariff rate on $120 billion of goods to 7.5 percent and cancel duties that were due to hit another $160 billion on Sunday.",
      ).find(([t]) => t.endsWith("percent")),
    ).toEqual(["7.5 percent", "rate"]);
  });

  it("reads a level someone favours as a threat, and a headline rate whose start the body leaves open as one too", () => {
    expect(
      roles(
        'Trump posted that an "80% Tariff on China seems right!", well below the 145% now in force.',
      ),
    ).toEqual([
      ["80%", "threat"],
      ["145%", "rate"],
    ]);
    const { figures } = extractFromText(
      "China to impose 25 pct tariffs on 50 bln USD of U.S. goods\n2018-04-04 12:00:00\nChina will impose an additional 25 percent tariff on 106 items of U.S. products. The date of implementation will depend on when the U.S. government's tariffs take effect.",
      fx,
    );
    expect(
      figures.filter((f) => f.kind === "tariff_rate").map((f) => [f.text, f.inTitle, f.role]),
    ).toEqual([
      ["25 pct", true, "threat"],
      ["25 percent", false, "threat"],
    ]);
  });

  it("reads an old level that is the subject of its verb of change as one change", () => {
    expect(
      only(
        "the additional tariffs of 10 percent on some products will be lowered to 5 percent, and those of 5 percent will be reduced to 2.5 percent",
      ),
    ).toMatchObject([
      { text: "10 percent on some products will be lowered to 5 percent", value: 5, rateFrom: 10 },
      { text: "5 percent will be reduced to 2.5 percent", value: 2.5, rateFrom: 5 },
    ]);
    expect(only("a cut of 2 percentage points will be lowered to 5%").map((f) => f.text)).toEqual([
      "2 percentage points",
      "5%",
    ]);
  });

  it("reads rates written in words on their own and in changes, and the dirham and peso", () => {
    expect(
      only(
        "The ASX fell four per cent while a ten per cent baseline and a Twenty-five percent levy applied, cutting some to five per cent from 10 per cent and others to 2.5 per cent from five per cent.",
      ),
    ).toMatchObject([
      { text: "four per cent", value: 4 },
      { text: "ten per cent", value: 10 },
      { text: "Twenty-five percent", value: 25 },
      { text: "five per cent from 10 per cent", value: 5, rateFrom: 10 },
      { text: "2.5 per cent from five per cent", value: 2.5, rateFrom: 5 },
    ]);
    expect(only("Trade reached Dh99.2 billion and duties 52 billion pesos.")).toMatchObject([
      { text: "Dh99.2 billion", value: 99.2e9, currency: "AED" },
      { text: "52 billion pesos", value: 52e9, currency: "MXN" },
    ]);
    expect(only("someone per cent of the percentage points")).toEqual([]);
    // a prefixed amount after "to" is still read from its prefix, not as a number word
    expect(only("charging US$1 million to US$1.5 million per port call")).toMatchObject([
      { text: "US$1 million to US$1.5 million", rangeLow: 1e6 },
    ]);
  });

  it("reads the rate of a tariff being ended as the level that ends, not one set 'to'", () => {
    expect(roles("China lifts wine tariffs of up to 218pc, reopening the market.")).toEqual([
      ["218pc", "previous"],
    ]);
    expect(roles("Tariffs of 80.5 per cent on Australian barley were lifted last August.")).toEqual(
      [["80.5 per cent", "previous"]],
    );
    expect(roles("Trump decided to lift US levies on Chinese imports to a combined 145%.")).toEqual(
      [["145%", "rate"]],
    );
    expect(roles("Pork and aluminium scrap face 25 per cent duties.")).toEqual([
      ["25 per cent", "rate"],
    ]);
  });

  it("reads promised, wanted, urged, hinted and poised rates as threats", () => {
    for (const sentence of [
      "Trump pledged a 10% tariff on Chinese goods on his first day.",
      "Trump campaigned on tariffs of 60% on Chinese goods.",
      "Trump wants a 25% tariff on Chinese cars.",
      "Lawmakers urged a 35% tariff on Chinese solar panels.",
      "Trump is poised to impose 25% tariffs on Chinese goods.",
      "Trump hinted at a 50% tariff on Chinese goods.",
    ])
      expect(roles(sentence).find(([text]) => text.endsWith("%"))?.[1]).toBe("threat");
  });

  it("reads how far a flow moved and what tariffs raised as other figures", () => {
    expect(roles("Retaliatory tariffs cut US soybean exports to China by 75%.")).toEqual([
      ["75%", "other"],
    ]);
    expect(roles("Tariff revenue rose 60% to $7bn in May.")).toEqual([
      ["60%", "other"],
      ["$7bn", "other"],
    ]);
    expect(roles("The White House raised tariffs on $200bn of goods to 25%.")).toEqual([
      ["$200bn", "goods_covered"],
      ["25%", "rate"],
    ]);
  });

  it("reads the worth of a flow covered by tariffs as goods covered, and a bare flow as trade", () => {
    expect(roles("US exports to China covered by the tariffs were worth $110bn.")).toEqual([
      ["$110bn", "goods_covered"],
    ]);
    expect(roles("US exports to China were worth $110bn.")).toEqual([["$110bn", "trade"]]);
  });

  it("reads possible starts as threats and starts at a set time as rates", () => {
    const role = (sentence: string) => roles(sentence).find(([t]) => t.endsWith("%"))?.[1];
    expect(role("In the event of retaliation, tariffs of 25% will follow.")).toBe("threat");
    expect(role("Trump has not ruled out raising tariffs to 25%.")).toBe("threat");
    expect(role("The 25% tariffs could go into effect as early as next month.")).toBe("threat");
    expect(role("The 25% tariffs would take effect on Jan. 1.")).toBe("rate");
    expect(role("An additional 50% levy would take effect at 12:01 a.m. Wednesday.")).toBe("rate");
  });

  it("reads undecided, undated, discussed and counterfactual rates as threats", () => {
    const role = (sentence: string) => roles(sentence).find(([t]) => t.endsWith("%"))?.[1];
    expect(
      role(
        "China announced tariffs of 25% on 106 US products, but did not say when they would take effect.",
      ),
    ).toBe("threat");
    expect(role("A decision on whether to raise tariffs to 25% is expected soon.")).toBe("threat");
    expect(role("Officials are discussing a 10% tariff.")).toBe("threat");
    expect(role("Tariffs on $200bn of goods would have risen to 25% on Jan 1.")).toBe("threat");
    expect(role("China imposed tariffs of 25% on 106 US products on Friday.")).toBe("rate");
  });

  it("keeps rates of other things out of tariffs, and reads a comparison as an old level", () => {
    expect(roles("The jobless rate rose to 4.1%.")).toEqual([["4.1%", "other"]]);
    expect(roles("The interest rate was cut to 3.5%.")).toEqual([["3.5%", "other"]]);
    expect(roles("The reciprocal rate rose to 125%.")).toEqual([["125%", "rate"]]);
    expect(
      roles(
        "The US average tariff on Chinese imports rose to 19.3%. That compares with 3.1% in January 2018.",
      ),
    ).toEqual([
      ["19.3%", "rate"],
      ["3.1%", "previous"],
    ]);
  });

  it("reads shares restating covered goods, targeted goods' value, thresholds and moved prices", () => {
    expect(
      roles(
        "Biden unveiled steep tariff increases on $18 billion of Chinese imports, or roughly 4% of U.S. purchases from China.",
      ),
    ).toEqual([
      ["$18 billion", "goods_covered"],
      ["4%", "share"],
    ]);
    expect(
      roles(
        "China hit back with tariffs. Analysts estimated the targeted U.S. goods at about 14 billion U.S. dollars a year.",
      ),
    ).toContainEqual(["14 billion U.S. dollars", "goods_covered"]);
    expect(
      roles(
        "The tariff exemption that let packages worth up to $800 enter duty-free ended on Friday.",
      ),
    ).toContainEqual(["$800", "other"]);
    expect(
      roles(
        "China's 25% tariff took effect. Soybean futures have fallen about 17 percent since May.",
      ),
    ).toContainEqual(["17 percent", "other"]);
    expect(
      roles(
        "Goods accounting for about 53% of the $300 billion on the list won't be hit by the 10% levy.",
      ),
    ).toContainEqual(["$300 billion", "goods_covered"]);
  });

  it("keeps a modal out of a clause opened by 'as'", () => {
    expect(
      roles(
        "Exporters could be caught in the crossfire as the US imposes 25 per cent tariffs on Chinese goods.",
      ),
    ).toEqual([["25 per cent", "rate"]]);
    expect(roles("Trump could raise tariffs as high as 25%.")).toEqual([["25%", "threat"]]);
  });

  it("does not read a rate in force as a threat for a plan or an aim around it", () => {
    const role = (sentence: string) => roles(sentence).find(([t]) => t.endsWith("%"))?.[1];
    expect(
      role("China has drawn up a list of U.S.-made products exempt from its 125% tariffs."),
    ).toBe("rate");
    expect(
      role(
        "The bank acted as policymakers seek to cushion the economy from US tariffs that have reached 145%.",
      ),
    ).toBe("rate");
  });

  it("reads exempted goods' value, a headline's comma list of threats, and a threshold past its conversion", () => {
    expect(
      roles(
        "Electronics were excluded from the 125% tariff. The exempted products accounted for about $101 billion of U.S. imports from China last year, or roughly 22% of the total.",
      ),
    ).toEqual([
      ["125%", "rate"],
      ["$101 billion", "goods_covered"],
      ["22%", "share"],
    ]);
    const { figures } = extractFromText(
      "Trump vows extra 10% tariff on China, 25% on Mexico and Canada\n2024-11-26 12:00:00\nBody.",
      fx,
    );
    expect(figures.map((f) => [f.text, f.role])).toEqual([
      ["10%", "threat"],
      ["25%", "threat"],
    ]);
    expect(
      roles(
        "A tariff loophole that allowed parcels worth less than $800 (£600) to enter the US duty-free closed.",
      ),
    ).toEqual([
      ["$800", "other"],
      ["£600", "other"],
    ]);
  });

  it("reads goods named by a participle or hit later, and a headline with its article's words", () => {
    expect(
      roles(
        "China raised duties on 128 products. The goods affected accounted for about $3 billion of U.S. exports to China last year.",
      ),
    ).toEqual([["$3 billion", "goods_covered"]]);
    expect(
      roles(
        "Tariffs took effect. The latest round brings the total value of goods targeted by each side to $50 billion.",
      ),
    ).toEqual([["$50 billion", "goods_covered"]]);
    expect(
      roles(
        "The USTR delayed some tariffs. Roughly US$112 billion of goods will still be hit on September 1.",
      ),
    ).toEqual([["US$112 billion", "goods_covered"]]);
    const { figures } = extractFromText(
      "China Targets $50 Billion of U.S. Goods Including Soybeans\n2018-04-04 12:00:00\nChina unveiled plans for 25% tariffs on 106 American products.",
      fx,
    );
    expect(figures[0]).toMatchObject({ text: "$50 Billion", role: "goods_covered", inTitle: true });
  });

  it("reads ¥ as the yen in an article about Japan that never names the yuan", () => {
    const { figures } = extractFromText(
      "Nidec cuts forecast\n2019-01-17 12:00:00\nNidec cut its profit forecast by 15% to ¥110 billion. Suppliers fell 3% in Tokyo.",
      fx,
    );
    expect(figures.find((f) => f.kind === "money")).toMatchObject({ currency: "JPY" });
    const { figures: yuan } = extractFromText(
      "Exports\n2019-01-17 12:00:00\nSales reached ¥110 billion. The yuan fell against the dollar as Tokyo watched.",
      fx,
    );
    expect(yuan.find((f) => f.kind === "money")).toMatchObject({ currency: "CNY" });
  });

  it("reads headline changes without articles, and a move after a comma as another subject's", () => {
    const title = (headline: string) =>
      extractFromText(`${headline}\n2019-12-13 12:00:00\nTariffs changed.`, fx).figures.map((f) => [
        f.text,
        f.role,
      ]);
    expect(title("US to halve 15 per cent tariff on US$120 billion of Chinese goods")[0]).toEqual([
      "15 per cent",
      "previous",
    ]);
    expect(title("Trump Slaps 34% Tariff on China, Lifting Total New Levies to 54%")).toEqual([
      ["34%", "rate"],
      ["54%", "rate"],
    ]);
    expect(roles("Tariffs of 145% on Chinese goods will be cut to 30%.")).toEqual([
      ["145% on Chinese goods will be cut to 30%", "rate"],
    ]);
  });

  it("reads sales to a country, a flow's growth and a year's buying as trade", () => {
    expect(
      roles(
        "American soybean sales to China collapsed to $3.1 billion in 2018 from $12.2 billion the year before, after Beijing's 25 percent tariff took effect.",
      ),
    ).toEqual([
      ["$3.1 billion", "trade"],
      ["$12.2 billion", "trade"],
      ["25 percent", "rate"],
    ]);
    expect(roles("China's exports grew 5.9% to $3.58 trillion.")).toContainEqual([
      "$3.58 trillion",
      "trade",
    ]);
    expect(
      roles(
        "US tariffs climbed to 104 per cent. China is Australia's largest partner, buying about A$195 billion of Australian goods last year.",
      ),
    ).toContainEqual(["A$195 billion", "trade"]);
    expect(roles("Apple's sales rose to $95 billion.")).toEqual([["$95 billion", "other"]]);
  });

  it("reads market moves near tariff news, and parts of tariffs, as what they are", () => {
    expect(
      roles(
        "Oil plunged after China said it would retaliate against US tariffs, with Brent crude dropping 6.4 per cent to $65.58 a barrel. The sell-off extended a weekly decline of nearly 11 per cent.",
      ),
    ).toEqual([
      ["6.4 per cent", "other"],
      ["$65.58", "other"],
      ["11 per cent", "other"],
    ]);
    expect(
      roles(
        "Both sides agreed to cancel 91 percent of the additional tariffs imposed since April.",
      ),
    ).toEqual([["91 percent", "other"]]);
    expect(roles("Both will also suspend 24 percent of the tariffs for 90 days.")).toEqual([
      ["24 percent", "threat"],
    ]);
  });
});
