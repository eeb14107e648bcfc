import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractFromText, type ExtractedFigure } from "~/lib/extract";
import { createFxTable } from "~/lib/fx";
import { loadFxTableFromFiles } from "../../scripts/lib/fx-files";

/** Rates as published for 2019-06-28 (Friday), quoted as upstream. */
const fx = createFxTable({
  GBP: [{ date: "2019-06-28", value: 1.2704 }],
  EUR: [{ date: "2019-06-28", value: 1.1374 }],
  CNY: [{ date: "2019-06-28", value: 6.865 }],
  JPY: [{ date: "2019-06-28", value: 107.85 }],
});

function figures(body: string, date = "2019-06-29"): ExtractedFigure[] {
  const { figures, errors } = extractFromText(`Title\n${date} 12:00:00\n${body}`, fx);
  expect(errors).toEqual([]);
  return figures;
}

function only(body: string): ExtractedFigure {
  const found = figures(body);
  expect(found.map((f) => f.text)).toHaveLength(1);
  return found[0];
}

describe("money amounts", () => {
  it.each([
    ["$200bn", 200e9, "USD"],
    ["US$34 billion", 34e9, "USD"],
    ["USD34.6m", 34.6e6, "USD"],
    ["USD 1.2bn", 1.2e9, "USD"],
    ["60 billion USD", 60e9, "USD"],
    ["50 billion dollars", 50e9, "USD"],
    ["$1.5 trillion", 1.5e12, "USD"],
    ["$4tn", 4e12, "USD"],
    ["$16 bln", 16e9, "USD"],
    ["$250mn", 250e6, "USD"],
    ["$850k", 850e3, "USD"],
    ["$1,900", 1900, "USD"],
    ["£159.2bn", 159.2e9, "GBP"],
    ["GBP 25.6bn", 25.6e9, "GBP"],
    ["12.5 billion pounds", 12.5e9, "GBP"],
    ["£1,200,000", 1.2e6, "GBP"],
    ["€2.8bn", 2.8e9, "EUR"],
    ["EUR 16.6bn", 16.6e9, "EUR"],
    ["29 billion euros", 29e9, "EUR"],
    ["RMB 60 billion", 60e9, "CNY"],
    ["RMB3.73 trillion", 3.73e12, "CNY"],
    ["Rmb60bn", 60e9, "CNY"],
    ["60 billion yuan", 60e9, "CNY"],
    ["31.54 trillion renminbi", 31.54e12, "CNY"],
    ["CNY 900 billion", 900e9, "CNY"],
    ["411.5bn CNY", 411.5e9, "CNY"],
    ["¥858.8bn", 858.8e9, "CNY"],
    ["JPY 45.1 trillion", 45.1e12, "JPY"],
    ["6 trillion yen", 6e12, "JPY"],
  ])("%s", (written, value, currency) => {
    const f = only(`The figure was ${written} last year.`);
    expect(f).toMatchObject({
      text: written,
      kind: "money",
      value,
      currency,
      rateFrom: null,
      rangeLow: null,
      rangeHigh: null,
    });
  });

  it.each([
    ["$50bn-$60bn", 50e9, 60e9],
    ["$50bn–$60bn", 50e9, 60e9],
    ["$50-60bn", 50e9, 60e9],
    ["$50 to $60 billion", 50e9, 60e9],
    ["$500 million to $1 billion", 500e6, 1e9],
  ])("range %s", (written, low, high) => {
    expect(only(`Estimates run at ${written} a year.`)).toMatchObject({
      text: written,
      value: high,
      rangeLow: low,
      rangeHigh: high,
      currency: "USD",
    });
  });

  it("range with between … and: the span starts at the first amount", () => {
    expect(
      only("China agreed to buy between $40bn and $50bn of US farm products a year."),
    ).toMatchObject({
      text: "$40bn and $50bn",
      value: 50e9,
      rangeLow: 40e9,
      rangeHigh: 50e9,
    });
  });

  it("an amount followed by 'from … to …' money is two amounts, not a range", () => {
    expect(figures("Farm exports fell from $19.5bn to $9.1bn.").map((f) => f.text)).toEqual([
      "$19.5bn",
      "$9.1bn",
    ]);
  });

  it("other dollars keep their currency and have no USD value", () => {
    expect(only("Canada hit C$16.6 billion of US goods.")).toMatchObject({
      currency: "CAD",
      valueUsd: null,
    });
    expect(only("Sales of 5 billion Hong Kong dollars.")).toMatchObject({
      currency: "HKD",
      value: 5e9,
    });
  });

  it("converts to USD at the article date; USD passes through", () => {
    expect(only("A deal worth €2.8bn.").valueUsd).toBeCloseTo(2.8e9 * 1.1374, -3);
    expect(only("A deal worth 60 billion yuan.").valueUsd).toBeCloseTo(60e9 / 6.865, -3);
    expect(only("A deal worth $5bn.").valueUsd).toBe(5e9);
  });
});

describe("rates", () => {
  it.each([
    "25%",
    "25 per cent",
    "25 percent",
    "25 pc",
    "25pc",
    "25-percent",
    "25 pct",
    "25 per-cent",
  ])("%s", (written) => {
    expect(only(`A tariff of ${written} applies.`)).toMatchObject({
      text: written,
      kind: "tariff_rate",
      value: 25,
      currency: null,
      valueUsd: null,
    });
  });

  it("keeps decimals", () => {
    expect(only("The rate was cut to 7.5% in February.").value).toBe(7.5);
  });

  it.each([
    ["Tariffs of between 5% and 25% apply.", "5% and 25%", 5, 25],
    ["Tariffs of 5-25% apply.", "5-25%", 5, 25],
    ["Tariffs of 10-25% apply.", "10-25%", 10, 25],
    ["Tariffs of 10–25% apply.", "10–25%", 10, 25],
    ["Duties of 5 or 10 percent apply.", "5 or 10 percent", 5, 10],
    ["Duties of 5% to 25% apply.", "5% to 25%", 5, 25],
    ["Duties of between 5 and 25 per cent apply.", "5 and 25 per cent", 5, 25],
    ["Rates ranging from 5% to 25% apply.", "5% to 25%", 5, 25],
    ["The Fed cut to a range of 2-2.25%.", "2-2.25%", 2, 2.25],
  ])("range: %s", (sentence, text, low, high) => {
    expect(only(sentence)).toMatchObject({
      text,
      value: high,
      rangeLow: low,
      rangeHigh: high,
      rateFrom: null,
    });
  });

  it.each([
    ["Tariffs rose from 10% to 25% on Friday.", "10% to 25%", 10, 25],
    ["Tariffs rose to 25% from 10% on Friday.", "25% from 10%", 10, 25],
    ["Tariffs were raised from 10 to 25 percent.", "10 to 25 percent", 10, 25],
    [
      "An increase in the tariff from 10 per cent to 25 per cent.",
      "10 per cent to 25 per cent",
      10,
      25,
    ],
    ["The tariff was cut from 15% to 7.5%.", "15% to 7.5%", 15, 7.5],
    ["The average rose to 19.9% from about 3.0%.", "19.9% from about 3.0%", 3, 19.9],
  ])("change: %s", (sentence, text, from, to) => {
    expect(only(sentence)).toMatchObject({
      text,
      value: to,
      rateFrom: from,
      rangeLow: null,
      rangeHigh: null,
    });
  });

  it("a rate followed by a count is not a range", () => {
    expect(only("Adding 25 per cent to 279 product lines.")).toMatchObject({
      text: "25 per cent",
      value: 25,
      rangeLow: null,
    });
  });
});

describe("not figures", () => {
  it.each([
    ["years", "In 2016 and again in 2019, the dispute grew."],
    ["dates and times", "It took effect on 2019-05-10 at 12:01 and on 6/28/2019."],
    ["counts", "More than 300 companies and 1,333 products were listed."],
    ["G20 and 90-day", "At the G20 they agreed a 90-day truce."],
    ["Section 301", "The Section 301 investigation ended."],
    ["index points", "The Dow fell 500 points."],
    ["list names", "List 4A and List 4B were split."],
    ["HTS headings", "Collected under heading 9903.88.01 and 9903.88.15."],
    ["phone numbers", "Call +1 202-555-0100 or (202) 555 0199."],
    ["ordinals", "The 3rd round and the 21st century."],
    ["bare scaled numbers", "About 1.2 million units and 267 billion more."],
    ["model names", "The 737 MAX, 5G networks, COVID-19 and the A380."],
    ["price bases", "Measured in constant 2015 dollars."],
    ["currency words as adjectives", "The 19 euro zone members and a 5 dollar bill."],
  ])("%s", (_, sentence) => {
    expect(figures(sentence)).toEqual([]);
  });

  it("scans the title like the body, marks its figures, and skips the timestamp line", () => {
    const text = "Tariffs on $200bn of goods\n2019-06-29 12:00:00\nNo numbers here.";
    const { figures: found } = extractFromText(text, fx);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ text: "$200bn", start: 11, inTitle: true, kind: "money" });
    expect(text.slice(found[0].start, found[0].end)).toBe("$200bn");
  });
});

describe("spans and sentences", () => {
  it("every span slices back to its text and covers symbol, scale and currency word", () => {
    const body =
      "Talks stalled. Mr. Trump raised tariffs on US$34 billion, RMB 60 billion and 60 billion yuan of goods to 25 per cent.";
    const text = `Title\n2019-06-29 12:00:00\n${body}`;
    const { figures: found } = extractFromText(text, fx);
    expect(found.map((f) => f.text)).toEqual([
      "US$34 billion",
      "RMB 60 billion",
      "60 billion yuan",
      "25 per cent",
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it("offsets index the BOM-less text", () => {
    const { article, figures: found } = extractFromText(
      new TextEncoder().encode("\uFEFFT\r\n2019-06-29 12:00:00\r\nA $5bn deal.\r\n"),
      fx,
    );
    expect(article?.text.slice(found[0].start, found[0].end)).toBe("$5bn");
  });

  it("gives the trimmed sentence, not split at decimals or abbreviations", () => {
    const f = figures(
      `Growth slowed.  Mr. Lighthizer said the U.S. would raise the 7.5% tariff on Jan. 1 to 25%. Then talks resumed.`,
    );
    expect(f.map((x) => x.sentence)).toEqual([
      "Mr. Lighthizer said the U.S. would raise the 7.5% tariff on Jan. 1 to 25%.",
      "Mr. Lighthizer said the U.S. would raise the 7.5% tariff on Jan. 1 to 25%.",
    ]);
  });

  it("splits at line breaks and keeps closing quotes with their sentence", () => {
    const f = figures(`He said: "Tariffs of 25% are coming." Then he left\nwith 10% tariffs`);
    expect(f.map((x) => x.sentence)).toEqual([
      `He said: "Tariffs of 25% are coming."`,
      "with 10% tariffs",
    ]);
  });
});

describe("¥ is CNY unless the sentence is about Japan or the yen", () => {
  it("CNY by default", () => {
    expect(only("Huawei's revenue rose to ¥858.8bn.").currency).toBe("CNY");
  });
  it("JPY when the sentence talks about Japan or the yen", () => {
    expect(only("Toyota's profit was ¥5.35 trillion, helped by a weak yen.").currency).toBe("JPY");
    expect(only("Japanese carmakers face ¥2tn in costs.").currency).toBe("JPY");
  });
});

describe("parenthesised conversions", () => {
  it("links the restatement to the original and compares the implied rate with the official one", () => {
    const [usd, gbp] = figures("Tariffs on $200bn (£159.2bn) worth of Chinese goods.");
    expect(usd).toMatchObject({ sameAs: null, flag: null, officialFxRate: 1.2704 });
    expect(gbp).toMatchObject({
      sameAs: 0,
      flag: null,
      officialFxRate: 1.2704,
      tariffRelated: true,
      direction: "us_on_china",
    });
    expect(gbp.impliedFxRate).toBeCloseTo(200 / 159.2, 10);
  });

  it("quotes a flagged yuan rate the market way, yuan per dollar", () => {
    const [, cny] = figures("Goods worth $100bn (RMB 800bn) were hit by tariffs.");
    expect(cny.flag).toBe(
      "implied rate 8 CNY per USD differs from the official 6.865 CNY per USD (2019-06-28) by 14.2%",
    );
  });

  it("flags a conversion more than 3% off the official rate", () => {
    const [, gbp] = figures("Goods worth $200bn (£100bn) were hit by tariffs.");
    expect(gbp.flag).toBe(
      "implied rate 2 USD per GBP differs from the official 1.2704 USD per GBP (2019-06-28) by 57.4%",
    );
  });

  it("does not flag within 3%", () => {
    const [, eur] = figures("A package of $18bn (roughly €16.0bn).");
    expect(eur.flag).toBeNull(); // 18/16 = 1.125 vs 1.1374: 1.1% off
  });

  it("links restatements written with ', or about', ', roughly' and several in one bracket", () => {
    expect(
      figures("Duties on $60bn of US products, or about 411.5 billion yuan.").map((f) => f.sameAs),
    ).toEqual([null, 0]);
    expect(
      figures("Duties on US$34bn of American goods, roughly RMB 225.7bn at the day's rate.").map(
        (f) => f.sameAs,
      ),
    ).toEqual([null, 0]);
    expect(
      figures("Goods worth $200bn (about 1.38 trillion yuan, £157bn) were covered.").map(
        (f) => f.sameAs,
      ),
    ).toEqual([null, 0, 0]);
  });

  it("uses JPY for a yen restatement", () => {
    const [yen, usd] = figures(
      "Japan's biggest export to America, worth about 6 trillion yen ($40bn), faces a 25% US tariff.",
    );
    expect(yen.currency).toBe("JPY");
    expect(usd).toMatchObject({ sameAs: 0 });
    expect(usd.officialFxRate).toBeCloseTo(1 / 107.85, 12);
  });
});

describe("meaning: tariffRelated and direction", () => {
  const cases: Array<[string, string, boolean, string | null]> = [
    [
      "Washington slapped 25% duties on $50 billion of Chinese technology goods.",
      "25%",
      true,
      "us_on_china",
    ],
    [
      "Washington slapped 25% duties on $50 billion of Chinese technology goods.",
      "$50 billion",
      true,
      "us_on_china",
    ],
    [
      "Beijing hit back with levies on 50 billion dollars of American soybeans and aircraft.",
      "50 billion dollars",
      true,
      "china_on_us",
    ],
    [
      "China said it would impose additional tariffs of 10 per cent on US$60bn worth of American imports.",
      "10 per cent",
      true,
      "china_on_us",
    ],
    [
      "Canada imposed retaliatory tariffs on C$16.6 billion of US goods.",
      "C$16.6 billion",
      true,
      "other",
    ],
    ["The US imposed 25% tariffs on steel imports and 10% on aluminium.", "10%", true, "other"],
    ["Trump said he would impose a 5% tariff on all Mexican imports.", "5%", true, "other"],
    [
      "Soybean exports to China dropped 74% after Beijing imposed a 25% duty.",
      "25%",
      true,
      "china_on_us",
    ],
    ["Soybean exports to China dropped 74% after Beijing imposed a 25% duty.", "74%", false, null],
    [
      "China agreed to purchase $50bn more of US agricultural products under the deal.",
      "$50bn",
      true,
      null,
    ],
    ["The trade deficit with China narrowed 8% to $345.6bn last year.", "$345.6bn", false, null],
    ["The trade deficit with China narrowed 8% to $345.6bn last year.", "8%", false, null],
    [
      "The administration will provide up to $16bn in bailout money to farmers.",
      "$16bn",
      false,
      null,
    ],
    ["Apple's shares slid 4.2% on fears of new tariffs.", "4.2%", false, null],
    ["China's GDP grew 6.6%, the slowest pace since 1990.", "6.6%", false, null],
    ["Inflation rose to 2.9% in May as tariffs pushed up prices.", "2.9%", false, null],
    ["The yuan fell 0.6% against the dollar after the tariff announcement.", "0.6%", false, null],
    [
      "The bank expects China's growth to slow to 6.2% next year as tariffs bite.",
      "6.2%",
      false,
      null,
    ],
    [
      "Huawei's revenue reached 721.2 billion yuan in 2018 despite US tariffs.",
      "721.2 billion yuan",
      false,
      null,
    ],
    ["The US collected $63bn in tariff revenue in 2019.", "$63bn", false, null],
  ];
  it.each(cases)("%s → %s", (sentence, text, related, direction) => {
    const f = figures(sentence).find((x) => x.text === text);
    expect(f).toBeDefined();
    expect({ tariffRelated: f?.tariffRelated, direction: f?.direction }).toEqual({
      tariffRelated: related,
      direction,
    });
  });

  it("carries the previous tariff figure's direction into a sentence that names no side", () => {
    const [amount, range] = figures(
      "Beijing will raise its tariffs on $60bn of American products from 1 June, answering the US increase. The new rates will lie between 5% and 25% depending on the product.",
    );
    expect(amount).toMatchObject({ text: "$60bn", direction: "china_on_us" });
    expect(range).toMatchObject({
      text: "5% and 25%",
      tariffRelated: true,
      direction: "china_on_us",
    });
  });

  it("uses the previous sentence when the figure's own sentence has no tariff word", () => {
    const [duty, washers] = figures(
      "The administration approved safeguard duties of 30% on imported solar cells. Large washing machines face 20% on the first 1.2 million units.",
    );
    expect(duty).toMatchObject({ tariffRelated: true, direction: "other" });
    expect(washers).toMatchObject({ tariffRelated: true, direction: "other" });
  });

  it("keeps a clause's own country: '…, and China's average on US goods at 32.6%'", () => {
    const found = figures(
      "The tracker puts the average US tariff on Chinese goods at 51.8%, down from 127.2%, and China's average on US goods at 32.6%.",
    );
    // "51.8%, down from 127.2%" is one change
    expect(found.map((f) => [f.text, f.rateFrom, f.direction])).toEqual([
      ["51.8%, down from 127.2%", 127.2, "us_on_china"],
      ["32.6%", null, "china_on_us"],
    ]);
  });
});

describe("the seed article", () => {
  it("has exactly the $200bn tariff figure and its sterling restatement", () => {
    const file = path.resolve(__dirname, "../../data/articles/000_503bb6a917ae5585.txt");
    const realFx = loadFxTableFromFiles(path.resolve(__dirname, "../../data"));
    const { article, figures: found, errors } = extractFromText(fs.readFileSync(file), realFx);
    expect(errors).toEqual([]);
    expect(article?.publishedAt.toISOString()).toBe("2019-06-29T02:47:04.000Z");
    expect(found).toHaveLength(2);
    const [usd, gbp] = found;
    expect(usd).toMatchObject({
      text: "$200bn",
      kind: "money",
      value: 200e9,
      currency: "USD",
      tariffRelated: true,
      direction: "us_on_china",
      valueUsd: 200e9,
      sameAs: null,
      flag: null,
    });
    expect(gbp).toMatchObject({
      text: "£159.2bn",
      kind: "money",
      value: 159.2e9,
      currency: "GBP",
      tariffRelated: true,
      direction: "us_on_china",
      sameAs: 0,
      flag: null,
    });
    expect(gbp.officialFxRate).toBe(1.2704);
    expect(gbp.valueUsd).toBeCloseTo(159.2e9 * 1.2704, -3);
    expect(Math.abs((gbp.valueUsd ?? 0) - 200e9) / 200e9).toBeLessThan(0.015);
    for (const f of found) expect(article?.text.slice(f.start, f.end)).toBe(f.text);
    expect(usd.sentence).toMatch(/^Talks ground to a halt .* worth of Chinese goods\.$/);
  });
});
