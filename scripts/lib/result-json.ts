/**
 * The `extract --json` output written straight to UTF-8 bytes: each file's element exactly as
 * `JSON.stringify([result], null, 2)` lays it out inside the array (without the `[\n` and `\n]`
 * around it), byte for byte, without building the JSON text as a string first.
 *
 * Keys come from fixed lists with their indentation and quotes encoded once; strings are copied
 * as they are and escaped only when they hold a quote, a backslash, a control character or a lone
 * surrogate (then through JSON.stringify itself); numbers are written as `String(n)`, which is
 * what JSON.stringify writes for finite numbers (-0 included). tests/unit/extract-cli-fast-paths
 * compares the bytes with JSON.stringify on real and generated results.
 */
import {
  DIRECTIONS,
  FIGURE_KINDS,
  FIGURE_ROLES,
  type ArticleError,
  type ExtractedFigure,
} from "../../app/lib/extract";

/**
 * A figure in the JSON output: every extracted field but the two exchange rates a parenthesised
 * conversion implies (ingestion stores them; `flag` already says when they disagree).
 */
export type JsonFigure = Omit<ExtractedFigure, "impliedFxRate" | "officialFxRate">;

/** One element of the JSON output; the field set is a contract other tools rely on. */
export interface FileResult {
  file: string;
  title: string | null;
  publishedAt: string | null;
  /** Only the JsonFigure fields are written, so extracted figures can be passed as they are. */
  figures: readonly JsonFigure[];
  errors: readonly ArticleError[];
}

/** JsonFigure's fields in the order the extractor creates them (which JSON.stringify follows). */
export const FIGURE_KEYS = [
  "text",
  "start",
  "end",
  "kind",
  "value",
  "currency",
  "rateFrom",
  "rangeLow",
  "rangeHigh",
  "tariffRelated",
  "direction",
  "role",
  "inTitle",
  "valueUsd",
  "sentence",
  "sameAs",
  "flag",
] as const satisfies ReadonlyArray<keyof JsonFigure>;

const ERROR_KEYS = ["line", "message"] as const satisfies ReadonlyArray<keyof ArticleError>;

// A field added to JsonFigure or ArticleError must be added to its list (or this fails to compile).
type Unlisted =
  | Exclude<keyof JsonFigure, (typeof FIGURE_KEYS)[number]>
  | Exclude<keyof ArticleError, (typeof ERROR_KEYS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : never = true;
void everyFieldListed;

const encoder = new TextEncoder();
const bytesOf = (s: string) => encoder.encode(s);

/** `{` or `,` then a new line, the indentation and the quoted key with its colon and space. */
interface KeyBytes {
  name: string;
  first: Uint8Array;
  next: Uint8Array;
}

function keyBytes<Name extends string>(
  names: readonly Name[],
  indent: number,
): Record<Name, KeyBytes> {
  const lead = `\n${" ".repeat(indent)}`;
  const keys = {} as Record<Name, KeyBytes>;
  for (const name of names) {
    keys[name] = {
      name,
      first: bytesOf(`{${lead}${JSON.stringify(name)}: `),
      next: bytesOf(`,${lead}${JSON.stringify(name)}: `),
    };
  }
  return keys;
}

/** Indentation: elements at 2, their fields at 4, figures and errors at 6, their fields at 8. */
const ELEMENT = keyBytes(["file", "title", "publishedAt", "figures", "errors"], 4);
const FIGURE = keyBytes(FIGURE_KEYS, 8);
const ERROR = keyBytes(ERROR_KEYS, 8);

/** A nullable field's key, and the key with `null` after it. */
interface NullableKeyBytes {
  key: Uint8Array;
  null: Uint8Array;
}

/** Key bytes of a figure of the extractor's own shape, each after a field (text: FIGURE_RUNS). */
const FIGURE_FAST = (() => {
  const next = (name: keyof JsonFigure) => FIGURE[name].next;
  const nullable = (name: keyof JsonFigure): NullableKeyBytes => ({
    key: next(name),
    null: bytesOf(`${Buffer.from(next(name)).toString("latin1")}null`),
  });
  const boolean = (name: keyof JsonFigure) => ({
    true: bytesOf(`${Buffer.from(next(name)).toString("latin1")}true`),
    false: bytesOf(`${Buffer.from(next(name)).toString("latin1")}false`),
  });
  return {
    start: next("start"),
    end: next("end"),
    kind: next("kind"),
    value: next("value"),
    currency: nullable("currency"),
    rateFrom: nullable("rateFrom"),
    rangeLow: nullable("rangeLow"),
    rangeHigh: nullable("rangeHigh"),
    tariffRelated: boolean("tariffRelated"),
    direction: nullable("direction"),
    role: { key: next("role") },
    inTitle: boolean("inTitle"),
    valueUsd: nullable("valueUsd"),
    sentence: next("sentence"),
    sameAs: nullable("sameAs"),
    flag: nullable("flag"),
  };
})();
/**
 * Runs of a figure's keys and values that take few values: a kind, a role or a direction (the
 * extractor's lists), nulls, booleans, each as one constant with the keys around it. Any other
 * value (a string not in the lists) goes through FIGURE_FAST's key by key.
 */
const FIGURE_RUNS = (() => {
  const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");
  const next = (name: keyof JsonFigure) => latin1(FIGURE[name].next);
  const byValue = (values: readonly string[], run: (quoted: string) => string) =>
    new Map(values.map((v) => [v, bytesOf(run(JSON.stringify(v)))]));
  const directions = (related: boolean) => ({
    null: bytesOf(`${next("tariffRelated")}${related}${next("direction")}null`),
    value: byValue(DIRECTIONS, (d) => `${next("tariffRelated")}${related}${next("direction")}${d}`),
  });
  const roles = (inTitle: boolean) =>
    byValue(FIGURE_ROLES, (r) => `${next("role")}${r}${next("inTitle")}${inTitle}`);
  const textKey = latin1(FIGURE.text.first);
  return {
    /** The figure's place in its array, its brace and `"text": `, for the first and the others */
    firstText: bytesOf(`[\n      ${textKey}`),
    nextText: bytesOf(`,\n      ${textKey}`),
    /** `"kind": K, "value": ` */
    kindThenValue: byValue(FIGURE_KINDS, (k) => `${next("kind")}${k}${next("value")}`),
    /** `"rateFrom": null, "rangeLow": null, "rangeHigh": null` */
    noRange: bytesOf(`${next("rateFrom")}null${next("rangeLow")}null${next("rangeHigh")}null`),
    /** `"tariffRelated": B, "direction": D`, by B then D */
    related: directions(true),
    unrelated: directions(false),
    /** `"role": R, "inTitle": B`, by B then R */
    inTitle: roles(true),
    notInTitle: roles(false),
    /** `"sameAs": null, "flag": null` and the figure's closing brace */
    unlinkedClose: bytesOf(`${next("sameAs")}null${next("flag")}null\n      }`),
  };
})();

const ELEMENT_OPEN = bytesOf("  ");
const ITEM_FIRST = bytesOf("[\n      ");
const ITEM_NEXT = bytesOf(",\n      ");
const ARRAY_CLOSE = bytesOf("\n    ]");
const ITEM_CLOSE = bytesOf("\n      }");
const ELEMENT_CLOSE = bytesOf("\n  }");
const EMPTY_ARRAY = bytesOf("[]");
const EMPTY_OBJECT = bytesOf("{}");
const NULL = bytesOf("null");
const TRUE = bytesOf("true");
const FALSE = bytesOf("false");

const QUOTE = 0x22;
/**
 * Longer strings are checked with a regular expression and copied natively: only ASCII from the
 * space to DEL, without the quote and the backslash, is written as it is.
 */
const LOOP_MAX = 24;
const PLAIN = /^[ !#-[\]-\x7f]*$/;
const BACKSLASH = 0x5c;

/** A growing byte buffer, reused from element to element. */
export class ResultJsonWriter {
  private buf: Buffer<ArrayBuffer>;
  private pos = 0;
  /** Where the element being written starts in `buf`. */
  private start = 0;
  /** The last figure's sentence and where its bytes are in this element (end -1: none yet). */
  private lastSentence = "";
  private lastSentenceStart = 0;
  private lastSentenceEnd = -1;

  constructor(private readonly initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /**
   * The bytes of one element: a view into the writer's buffer, which it never writes over (later
   * elements go after it, or into a new buffer), so the caller may keep it without copying. A
   * caller that transfers it to another thread must copy it first.
   */
  element(result: FileResult): Uint8Array<ArrayBuffer> {
    this.start = this.pos;
    this.lastSentenceEnd = -1;
    this.bytes(ELEMENT_OPEN);
    let empty = true;
    empty = this.field(ELEMENT.file, result.file, empty, 4);
    empty = this.field(ELEMENT.title, result.title, empty, 4);
    empty = this.field(ELEMENT.publishedAt, result.publishedAt, empty, 4);
    this.bytes(empty ? ELEMENT.figures.first : ELEMENT.figures.next);
    const { figures, errors } = result;
    if (figures.length === 0) this.bytes(EMPTY_ARRAY);
    else {
      for (let i = 0; i < figures.length; i++) this.figure(figures[i], i === 0);
      this.bytes(ARRAY_CLOSE);
    }
    this.bytes(ELEMENT.errors.next);
    if (errors.length === 0) this.bytes(EMPTY_ARRAY);
    else {
      for (let i = 0; i < errors.length; i++) {
        this.bytes(i === 0 ? ITEM_FIRST : ITEM_NEXT);
        let e = true;
        e = this.field(ERROR.line, errors[i].line, e, 8);
        e = this.field(ERROR.message, errors[i].message, e, 8);
        this.bytes(e ? EMPTY_OBJECT : ITEM_CLOSE);
      }
      this.bytes(ARRAY_CLOSE);
    }
    this.bytes(ELEMENT_CLOSE);
    return this.buf.subarray(this.start, this.pos);
  }

  /**
   * One figure. A figure of the extractor's own shape (every field present, of its declared type)
   * is written with the key bytes merged with the value where it is a constant (`null`, `true`,
   * `false`), the sentence copied from the figure before when it is the same; anything else goes
   * field by field through the general path.
   */
  private figure(f: JsonFigure, first: boolean): void {
    const { text, start, end, kind, value, currency, rateFrom, rangeLow, rangeHigh } = f;
    const { tariffRelated, direction, role, inTitle, valueUsd, sentence, sameAs, flag } = f;
    if (
      typeof text === "string" &&
      typeof start === "number" &&
      typeof end === "number" &&
      typeof kind === "string" &&
      typeof value === "number" &&
      (currency === null || typeof currency === "string") &&
      (rateFrom === null || typeof rateFrom === "number") &&
      (rangeLow === null || typeof rangeLow === "number") &&
      (rangeHigh === null || typeof rangeHigh === "number") &&
      typeof tariffRelated === "boolean" &&
      (direction === null || typeof direction === "string") &&
      typeof role === "string" &&
      typeof inTitle === "boolean" &&
      (valueUsd === null || typeof valueUsd === "number") &&
      typeof sentence === "string" &&
      (sameAs === null || typeof sameAs === "number") &&
      (flag === null || typeof flag === "string")
    ) {
      this.bytes(first ? FIGURE_RUNS.firstText : FIGURE_RUNS.nextText);
      this.string(text);
      this.bytes(FIGURE_FAST.start);
      this.number(start);
      this.bytes(FIGURE_FAST.end);
      this.number(end);
      const kindRun = FIGURE_RUNS.kindThenValue.get(kind);
      if (kindRun) this.bytes(kindRun);
      else {
        this.bytes(FIGURE_FAST.kind);
        this.string(kind);
        this.bytes(FIGURE_FAST.value);
      }
      this.number(value);
      this.nullableString(FIGURE_FAST.currency, currency);
      if (rateFrom === null && rangeLow === null && rangeHigh === null)
        this.bytes(FIGURE_RUNS.noRange);
      else {
        this.nullableNumber(FIGURE_FAST.rateFrom, rateFrom);
        this.nullableNumber(FIGURE_FAST.rangeLow, rangeLow);
        this.nullableNumber(FIGURE_FAST.rangeHigh, rangeHigh);
      }
      const directions = tariffRelated ? FIGURE_RUNS.related : FIGURE_RUNS.unrelated;
      const directionRun = direction === null ? directions.null : directions.value.get(direction);
      if (directionRun) this.bytes(directionRun);
      else {
        this.bytes(
          tariffRelated ? FIGURE_FAST.tariffRelated.true : FIGURE_FAST.tariffRelated.false,
        );
        this.nullableString(FIGURE_FAST.direction, direction);
      }
      const roleRun = (inTitle ? FIGURE_RUNS.inTitle : FIGURE_RUNS.notInTitle).get(role);
      if (roleRun) this.bytes(roleRun);
      else {
        this.bytes(FIGURE_FAST.role.key);
        this.string(role);
        this.bytes(inTitle ? FIGURE_FAST.inTitle.true : FIGURE_FAST.inTitle.false);
      }
      this.nullableNumber(FIGURE_FAST.valueUsd, valueUsd);
      this.bytes(FIGURE_FAST.sentence);
      this.sentence(sentence);
      if (sameAs === null && flag === null) this.bytes(FIGURE_RUNS.unlinkedClose);
      else {
        this.nullableNumber(FIGURE_FAST.sameAs, sameAs);
        this.nullableString(FIGURE_FAST.flag, flag);
        this.bytes(ITEM_CLOSE);
      }
      return;
    }
    this.bytes(first ? ITEM_FIRST : ITEM_NEXT);
    let e = true;
    e = this.field(FIGURE.text, f.text, e, 8);
    e = this.field(FIGURE.start, f.start, e, 8);
    e = this.field(FIGURE.end, f.end, e, 8);
    e = this.field(FIGURE.kind, f.kind, e, 8);
    e = this.field(FIGURE.value, f.value, e, 8);
    e = this.field(FIGURE.currency, f.currency, e, 8);
    e = this.field(FIGURE.rateFrom, f.rateFrom, e, 8);
    e = this.field(FIGURE.rangeLow, f.rangeLow, e, 8);
    e = this.field(FIGURE.rangeHigh, f.rangeHigh, e, 8);
    e = this.field(FIGURE.tariffRelated, f.tariffRelated, e, 8);
    e = this.field(FIGURE.direction, f.direction, e, 8);
    e = this.field(FIGURE.role, f.role, e, 8);
    e = this.field(FIGURE.inTitle, f.inTitle, e, 8);
    e = this.field(FIGURE.valueUsd, f.valueUsd, e, 8);
    e = this.field(FIGURE.sentence, f.sentence, e, 8);
    e = this.field(FIGURE.sameAs, f.sameAs, e, 8);
    e = this.field(FIGURE.flag, f.flag, e, 8);
    this.bytes(e ? EMPTY_OBJECT : ITEM_CLOSE);
  }

  private nullableString(key: NullableKeyBytes, s: string | null): void {
    if (s === null) this.bytes(key.null);
    else {
      this.bytes(key.key);
      this.string(s);
    }
  }

  private nullableNumber(key: NullableKeyBytes, n: number | null): void {
    if (n === null) this.bytes(key.null);
    else {
      this.bytes(key.key);
      this.number(n);
    }
  }

  private number(n: number): void {
    if (Number.isFinite(n)) this.ascii(String(n));
    else this.bytes(NULL);
  }

  /**
   * Figures of one sentence follow each other and repeat it: the bytes written for the figure
   * before are copied (within this element, whose bytes stay where they are).
   */
  private sentence(s: string): void {
    if (s === this.lastSentence && this.lastSentenceEnd >= 0) {
      const n = this.lastSentenceEnd - this.lastSentenceStart;
      this.reserve(n);
      this.buf.copyWithin(this.pos, this.lastSentenceStart, this.lastSentenceEnd);
      this.pos += n;
      return;
    }
    this.lastSentenceStart = this.pos;
    this.string(s);
    this.lastSentence = s;
    this.lastSentenceEnd = this.pos;
  }

  /**
   * Writes `key: value` unless JSON.stringify would leave the key out. `empty`: nothing written
   * in this object yet; returns the same for after this key.
   */
  private field(key: KeyBytes, value: unknown, empty: boolean, indent: number): boolean {
    switch (typeof value) {
      case "string":
        this.bytes(empty ? key.first : key.next);
        this.string(value);
        return false;
      case "number":
        this.bytes(empty ? key.first : key.next);
        if (Number.isFinite(value)) this.ascii(String(value));
        else this.bytes(NULL);
        return false;
      case "boolean":
        this.bytes(empty ? key.first : key.next);
        this.bytes(value ? TRUE : FALSE);
        return false;
      case "undefined":
      case "function":
      case "symbol":
        // JSON.stringify leaves the key out
        return empty;
      default:
        this.bytes(empty ? key.first : key.next);
        if (value === null) this.bytes(NULL);
        else return this.nested(key, value, empty, indent);
        return false;
    }
  }

  /**
   * An object, array or bigint (none in today's contract): JSON.stringify lays it out inside a
   * one-key object (calling toJSON, or throwing for a bigint, as it would here), and its lines are
   * moved to this key's indentation.
   */
  private nested(key: KeyBytes, value: unknown, empty: boolean, indent: number): boolean {
    const wrapped = JSON.stringify({ [key.name]: value }, null, 2);
    if (wrapped === "{}") {
      // toJSON gave undefined: no key after all
      this.pos -= (empty ? key.first : key.next).length;
      return empty;
    }
    const inner = wrapped.slice(`{\n  ${JSON.stringify(key.name)}: `.length, -"\n}".length);
    this.utf8(inner.replace(/\n/g, `\n${" ".repeat(indent - 2)}`));
    return false;
  }

  private string(s: string): void {
    const n = s.length;
    this.reserve(n * 3 + 2);
    if (n > LOOP_MAX) {
      if (PLAIN.test(s)) {
        const buf = this.buf;
        buf[this.pos++] = QUOTE;
        this.pos += buf.write(s, this.pos, "latin1");
        buf[this.pos++] = QUOTE;
      } else this.unusualString(s, 0);
      return;
    }
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    buf[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || c >= 0x80) {
        this.pos = start;
        this.unusualString(s, i);
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  /** A string with a character past ASCII or one to escape, from index `from` on. */
  private unusualString(s: string, from: number): void {
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === QUOTE || c === BACKSLASH) return this.utf8(JSON.stringify(s));
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = s.charCodeAt(i + 1);
        // a lone surrogate is escaped as \udxxx
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return this.utf8(JSON.stringify(s));
        i++;
      }
    }
    this.buf[this.pos++] = QUOTE;
    this.utf8(s);
    this.buf[this.pos++] = QUOTE;
  }

  /** A well-formed string as UTF-8 (at most three bytes per UTF-16 code unit). */
  private utf8(s: string): void {
    this.reserve(s.length * 3 + 1);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** A string known to be printable ASCII with nothing to escape (a number). */
  private ascii(s: string): void {
    this.reserve(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Constant bytes, copied natively (faster than a loop even for the shortest keys). */
  private bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * Room for `n` more bytes. When the buffer is full, the element being written moves to a new
   * one (the elements before it stay where they were returned), twice its size if the element
   * alone fills more than half of it.
   */
  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const kept = this.pos - this.start;
    const moved = Buffer.allocUnsafe(Math.max(this.initialBytes, 2 * (kept + n)));
    this.buf.copy(moved, 0, this.start, this.pos);
    this.buf = moved;
    this.pos = kept;
    this.lastSentenceStart -= this.start;
    this.lastSentenceEnd -= this.start;
    this.start = 0;
  }
}
