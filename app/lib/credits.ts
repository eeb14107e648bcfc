/** One credit line and what it covers: sources share credits, so the page states each once. */
export interface Credit {
  /** 1-based, in order of first appearance; the page anchor is `credit-N`. */
  number: number;
  text: string;
  /** What the credit covers (series names, event lists), in order. */
  covers: string[];
}

/** Number the distinct credit texts in order of first appearance, listing what each covers. */
export function collectCredits(items: readonly { credit: string; label: string }[]): Credit[] {
  const byText = new Map<string, Credit>();
  for (const { credit, label } of items) {
    const text = credit.trim();
    let entry = byText.get(text);
    if (!entry) {
      entry = { number: byText.size + 1, text, covers: [] };
      byText.set(text, entry);
    }
    entry.covers.push(label);
  }
  return [...byText.values()];
}
