/**
 * RFC 4180 CSV writing shared by every download.
 * Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function protectFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function escapeText(value: string): string {
  const text = protectFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Escaped texts by their value: a download repeats the same labels, units and sources on every
 * row, so each is checked and quoted once. Emptied when large; the result never depends on it.
 */
const escaped = new Map<string, string>();
const ESCAPED_LIMIT = 50_000;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = escaped.get(value);
  if (text === undefined) {
    if (escaped.size >= ESCAPED_LIMIT) escaped.clear();
    text = escapeText(value);
    escaped.set(value, text);
  }
  return text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++)
    line += i === 0 ? csvCell(cells[i]) : `,${csvCell(cells[i])}`;
  return `${line}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
