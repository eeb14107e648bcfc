/**
 * The tariff-action register (`data/tariff_actions.csv`): one hand-curated, cited row per action by
 * either side. This module reads one row into a typed action and checks the register as a whole
 * (dates in order, citations, rate changes, list periods). Pure: no db, fs or env.
 */
import { createRecordReader, splitFields } from "./import/csv";
import { badDateReason, parseIsoDate, parseNumber } from "./import/values";

/** The date the register's statuses describe ("in force" means in force on this day). */
export const REGISTER_AS_OF = "2025-11-30";

export const REGISTER_COLUMNS = [
  "id",
  "actor",
  "authority",
  "instrument",
  "action",
  "announced_date",
  "effective_date",
  "end_date",
  "replaces",
  "rate_before_pct",
  "rate_after_pct",
  "trade_covered_usd_bn",
  "covers_all_goods",
  "trade_basis",
  "status",
  "citation",
  "note",
  "disagreement",
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

export const ACTORS = ["US", "China"] as const;
export const AUTHORITIES = [
  "Section 301",
  "Section 232",
  "Section 201",
  "IEEPA",
  "Retaliation",
  "MFN change",
  "Exclusion process",
] as const;
export const ACTIONS = [
  "impose",
  "increase",
  "cut",
  "suspend",
  "exclude",
  "terminate",
  "extend",
] as const;
/**
 * `replaced`: was in force, a later row took over its goods; `suspended`: was in force, stopped;
 * `expired`: lapsed on its own terms; `announced`: scheduled after REGISTER_AS_OF.
 */
export const STATUSES = [
  "announced",
  "in force",
  "replaced",
  "suspended",
  "expired",
  "never implemented",
] as const;

export type Actor = (typeof ACTORS)[number];
export type Authority = (typeof AUTHORITIES)[number];
export type ActionKind = (typeof ACTIONS)[number];
export type ActionStatus = (typeof STATUSES)[number];

/** A rate or a range of rates (`5-25`); a single rate has low = high. */
export interface RateRange {
  low: number;
  high: number;
}

export interface TariffAction {
  id: string;
  actor: Actor;
  authority: Authority;
  instrument: string;
  action: ActionKind;
  announcedDate: string;
  /** When the action took (or was to take) effect; for never-implemented rows, the scheduled date. */
  effectiveDate: string;
  /**
   * When the row's rate stopped applying (exclusive); for a never-implemented row, the day it was
   * called off (on or before its scheduled date).
   */
  endDate: string | null;
  replaces: string | null;
  rateBefore: RateRange | null;
  rateAfter: RateRange | null;
  tradeCoveredUsdBn: number | null;
  coversAllGoods: boolean;
  tradeBasis: string | null;
  status: ActionStatus;
  citation: string;
  note: string | null;
  disagreement: string | null;
  /** 1-based line in the file (header is line 1). */
  line: number;
}

export interface RegisterProblem {
  line: number;
  column: RegisterColumn | null;
  reason: string;
}

/** `25` → {25, 25}; `5-25` → {5, 25}; null for empty; undefined when unreadable. */
export function parseRate(text: string): RateRange | null | undefined {
  const cell = text.trim();
  if (cell === "") return null;
  const parts = cell.split("-");
  if (parts.length > 2) return undefined;
  const values = parts.map((part) => parseNumber(part.trim()));
  if (values.some((v) => v === null || v < 0)) return undefined;
  const [low, high] = values.length === 1 ? [values[0]!, values[0]!] : [values[0]!, values[1]!];
  return low <= high ? { low, high } : undefined;
}

export function formatRate(rate: RateRange | null): string {
  if (!rate) return "";
  return rate.low === rate.high ? `${rate.low}%` : `${rate.low}–${rate.high}%`;
}

function oneOf<T extends string>(values: readonly T[], text: string): T | null {
  return (values as readonly string[]).includes(text) ? (text as T) : null;
}

/**
 * Read one register row (cells in REGISTER_COLUMNS order, by header index). Each unreadable cell
 * is reported with its column; the row is returned only when every cell is readable.
 */
export function parseRegisterRow(
  cell: (column: RegisterColumn) => string,
  line: number,
): { action: TariffAction | null; problems: RegisterProblem[] } {
  const problems: RegisterProblem[] = [];
  const problem = (column: RegisterColumn, reason: string) =>
    problems.push({ line, column, reason });
  const text = (column: RegisterColumn): string | null => {
    const value = cell(column).trim();
    return value === "" ? null : value;
  };
  const required = (column: RegisterColumn): string => {
    const value = text(column);
    if (value === null) problem(column, "empty cell");
    return value ?? "";
  };
  const choice = <T extends string>(column: RegisterColumn, values: readonly T[]): T | null => {
    const value = required(column);
    if (value === "") return null;
    const known = oneOf(values, value);
    if (!known) problem(column, `"${value}" is not one of ${values.join(", ")}`);
    return known;
  };
  const date = (column: RegisterColumn, optional: boolean): string | null => {
    const value = optional ? text(column) : required(column);
    if (!value) return null;
    const iso = parseIsoDate(value);
    if (!iso) problem(column, badDateReason(value));
    return iso;
  };
  const rate = (column: RegisterColumn): RateRange | null => {
    const parsed = parseRate(cell(column));
    if (parsed === undefined) problem(column, `unreadable rate "${cell(column).trim()}"`);
    return parsed ?? null;
  };

  const id = required("id");
  if (id !== "" && !/^[A-Z0-9][A-Z0-9-]*$/.test(id))
    problem("id", `id "${id}" must be capitals, digits and hyphens`);
  const actor = choice("actor", ACTORS);
  const authority = choice("authority", AUTHORITIES);
  const instrument = required("instrument");
  const action = choice("action", ACTIONS);
  const announcedDate = date("announced_date", false);
  const effectiveDate = date("effective_date", false);
  const endDate = date("end_date", true);
  const rateBefore = rate("rate_before_pct");
  const rateAfter = rate("rate_after_pct");
  const coveredText = text("trade_covered_usd_bn");
  const tradeCoveredUsdBn = coveredText === null ? null : parseNumber(coveredText);
  if (coveredText !== null && (tradeCoveredUsdBn === null || tradeCoveredUsdBn < 0))
    problem("trade_covered_usd_bn", `non-numeric value "${coveredText}"`);
  const allGoodsText = text("covers_all_goods") ?? "no";
  if (allGoodsText !== "yes" && allGoodsText !== "no")
    problem("covers_all_goods", `"${allGoodsText}" is not yes or no`);
  const status = choice("status", STATUSES);
  const citation = required("citation");

  if (problems.length > 0 || !actor || !authority || !action || !status) {
    return { action: null, problems };
  }
  return {
    action: {
      id,
      actor,
      authority,
      instrument,
      action,
      announcedDate: announcedDate!,
      effectiveDate: effectiveDate!,
      endDate,
      replaces: text("replaces"),
      rateBefore,
      rateAfter,
      tradeCoveredUsdBn,
      coversAllGoods: allGoodsText === "yes",
      tradeBasis: text("trade_basis"),
      status,
      citation,
      note: text("note"),
      disagreement: text("disagreement"),
      line,
    },
    problems,
  };
}

/** Actions that set the rate on their instrument (an extension keeps it; a termination has none). */
const RATE_SETTING: ReadonlySet<ActionKind> = new Set(["impose", "increase", "cut", "suspend"]);
/** Statuses of rows that were in force for some period. */
const WAS_IN_FORCE: ReadonlySet<ActionStatus> = new Set([
  "in force",
  "replaced",
  "suspended",
  "expired",
]);

/** True when the row's rate actually applied at some point. */
export function tookEffect(action: TariffAction): boolean {
  return WAS_IN_FORCE.has(action.status);
}

function sameRate(a: RateRange | null, b: RateRange | null): boolean {
  return !!a && !!b && a.low === b.low && a.high === b.high;
}

function instrumentKey(action: TariffAction): string {
  return `${action.actor}|${action.authority}|${action.instrument}`;
}

/**
 * Register-wide checks; each problem points at the line of the row at fault.
 * - ids are unique and `replaces` names an earlier row on the same instrument;
 * - announced ≤ effective < end, and the status agrees with the dates and REGISTER_AS_OF; a
 *   never-implemented row's end is the day it was called off: announced ≤ end ≤ effective;
 * - a rate change (increase, cut, suspend) has a different rate after than before;
 * - no instrument has two overlapping in-force periods unless the later one replaces the earlier
 *   one from the day that one ends.
 */
export function validateRegister(
  actions: readonly TariffAction[],
  asOf: string = REGISTER_AS_OF,
): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const byId = new Map<string, TariffAction>();
  for (const action of actions) {
    const problem = (column: RegisterColumn | null, reason: string) =>
      problems.push({ line: action.line, column, reason });
    if (byId.has(action.id)) {
      problem("id", `duplicate id ${action.id} (first at line ${byId.get(action.id)!.line})`);
    } else {
      byId.set(action.id, action);
    }
    if (action.effectiveDate < action.announcedDate)
      problem("effective_date", `takes effect ${action.effectiveDate}, before it was announced`);
    if (action.status === "never implemented") {
      // Its end is the day it was called off: the announced layer and /actions stop there.
      const calledOff = action.endDate;
      if (calledOff === null)
        problem("end_date", '"never implemented" needs the day it was called off in end_date');
      else if (calledOff < action.announcedDate)
        problem("end_date", `called off ${calledOff}, before it was announced`);
      else if (calledOff > action.effectiveDate)
        problem(
          "end_date",
          `called off ${calledOff}, after the date it was to take effect (${action.effectiveDate})`,
        );
      else if (calledOff > asOf)
        problem("status", `"never implemented" but called off only on ${calledOff}, after ${asOf}`);
    } else if (action.endDate !== null && action.endDate <= action.effectiveDate)
      problem("end_date", `ends ${action.endDate}, not after it took effect`);
    if (action.citation.trim() === "") problem("citation", "no citation");
    if (
      (action.action === "increase" || action.action === "cut" || action.action === "suspend") &&
      action.rateBefore &&
      action.rateAfter &&
      sameRate(action.rateBefore, action.rateAfter)
    ) {
      problem("rate_after_pct", `a ${action.action} must change the rate`);
    }
    if (action.action === "increase" && action.rateBefore && action.rateAfter) {
      if (action.rateAfter.high < action.rateBefore.high)
        problem("rate_after_pct", "an increase lowers the rate");
    }
    if ((action.action === "cut" || action.action === "suspend") && action.rateBefore) {
      if (action.rateAfter && action.rateAfter.high > action.rateBefore.high)
        problem("rate_after_pct", `a ${action.action} raises the rate`);
    }
    const future = action.effectiveDate > asOf;
    if (action.status === "announced" && !future)
      problem("status", `"announced" but effective ${action.effectiveDate}, before ${asOf}`);
    if (tookEffect(action) && future)
      problem("status", `"${action.status}" but effective only from ${action.effectiveDate}`);
    const ended = action.endDate !== null && action.endDate <= asOf;
    if (action.status === "in force" && ended)
      problem("status", `"in force" but ended ${action.endDate}`);
    if ((action.status === "replaced" || action.status === "suspended") && !ended)
      problem("end_date", `"${action.status}" needs an end date on or before ${asOf}`);
  }

  for (const action of actions) {
    if (!action.replaces) continue;
    const previous = byId.get(action.replaces);
    const problem = (reason: string) =>
      problems.push({ line: action.line, column: "replaces", reason });
    if (!previous) {
      problem(`replaces unknown id ${action.replaces}`);
      continue;
    }
    if (instrumentKey(previous) !== instrumentKey(action))
      problem(`replaces ${previous.id}, which is on another instrument`);
    if (previous.endDate !== action.effectiveDate)
      problem(
        `replaces ${previous.id} from ${action.effectiveDate}, but that row ends ${previous.endDate ?? "never"}`,
      );
  }

  // In-force periods per instrument must not overlap unless explicitly replaced.
  const periods = new Map<string, TariffAction[]>();
  for (const action of actions) {
    if (!RATE_SETTING.has(action.action) || !tookEffect(action)) continue;
    const key = instrumentKey(action);
    periods.set(key, [...(periods.get(key) ?? []), action]);
  }
  for (const list of periods.values()) {
    const sorted = [...list].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const later = sorted[i];
      for (const earlier of sorted.slice(0, i)) {
        const earlierEnd = earlier.endDate ?? "9999-12-31";
        if (earlierEnd < later.effectiveDate) continue;
        if (earlierEnd === later.effectiveDate) {
          // Back to back on one instrument: the later row must say which one it takes over from.
          if (later.replaces !== earlier.id && later.action !== "impose")
            problems.push({
              line: later.line,
              column: "replaces",
              reason: `${later.id} follows ${earlier.id} on ${later.instrument} without naming it in replaces`,
            });
          continue;
        }
        problems.push({
          line: later.line,
          column: "effective_date",
          reason: `${later.id} overlaps ${earlier.id} on ${later.instrument} without replacing it`,
        });
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** Every row, in register order: those rows whose period includes `date` and took effect. */
export function inForceOn(actions: readonly TariffAction[], date: string): TariffAction[] {
  return actions.filter(
    (a) => tookEffect(a) && a.effectiveDate <= date && (a.endDate === null || date < a.endDate),
  );
}

/** "announced on 15 Jun 2018, effective 6 Jul 2018" style facts, as dates; same day → one date. */
export function announcedDiffers(action: TariffAction): boolean {
  return action.announcedDate !== action.effectiveDate;
}

/**
 * Read a whole register file held in memory: every row's problems, then (for a clean file) the
 * register-wide checks. The importer reads the same rows through its streaming layout.
 */
export function readRegister(
  text: string,
  asOf: string = REGISTER_AS_OF,
): { actions: TariffAction[]; problems: RegisterProblem[] } {
  const actions: TariffAction[] = [];
  const problems: RegisterProblem[] = [];
  let header: string[] | null = null;
  const reader = createRecordReader((record, line) => {
    const fields = splitFields(record, ",");
    if (!header) {
      header = fields.map((cell) => cell.trim().toLowerCase());
      for (const name of REGISTER_COLUMNS)
        if (!header.includes(name))
          problems.push({ line, column: name, reason: "column missing from header" });
      return;
    }
    if (fields.length !== header.length) {
      problems.push({
        line,
        column: null,
        reason: `expected ${header.length} fields, found ${fields.length}`,
      });
      return;
    }
    const columns = header;
    const parsed = parseRegisterRow((column) => fields[columns.indexOf(column)] ?? "", line);
    problems.push(...parsed.problems);
    if (parsed.action) actions.push(parsed.action);
  });
  reader.write(text.replace(/^\uFEFF/, ""));
  const open = reader.end();
  if (open !== null)
    problems.push({ line: open, column: null, reason: "unterminated quoted field" });
  if (problems.length === 0) problems.push(...validateRegister(actions, asOf));
  return { actions, problems };
}
