import { describe, expect, it } from "vitest";
import { collectCredits } from "~/lib/credits";

describe("collectCredits", () => {
  it("states each credit once, numbered by first appearance, with what it covers", () => {
    const credits = collectCredits([
      { credit: "Public domain: Census.", label: "Exports" },
      { credit: "Attribute as: Bown, PIIE.", label: "US tariff" },
      { credit: "Public domain: Census. ", label: "Imports" },
      { credit: "Attribute as: Bown, PIIE.", label: "China tariff" },
      { credit: "Public domain: Federal Reserve.", label: "Yuan" },
    ]);
    expect(credits).toEqual([
      { number: 1, text: "Public domain: Census.", covers: ["Exports", "Imports"] },
      { number: 2, text: "Attribute as: Bown, PIIE.", covers: ["US tariff", "China tariff"] },
      { number: 3, text: "Public domain: Federal Reserve.", covers: ["Yuan"] },
    ]);
  });

  it("is empty without sources", () => {
    expect(collectCredits([])).toEqual([]);
  });
});
