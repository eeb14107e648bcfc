import { describeProvenance } from "~/lib/article-provenance";
import { formatMarketRate } from "~/lib/fx";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useRouteErrorMessage } from "~/components/RouteError";
import { ColumnHeads, ScrollTable } from "~/components/ScrollTable";
import { getDb } from "~/db.server";
import { formatDay } from "~/lib/date-range";
import type { FigureRole } from "~/lib/extract";
import { paragraphSegments, type Paragraph, type Span } from "~/lib/highlight";
import { getArticleWithFigures } from "~/models/articles.server";

/** Line 1 is the title and line 2 the timestamp; the body starts on line 3. */
const FIRST_BODY_LINE = 3;
const MAX_ID = 2_147_483_647;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.article.title : "Article not found"} · US–China trade dispute in data` },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.id ?? "";
  // NOTE: checked before the query: a non-number or an id beyond int4 would be a database error (500).
  const id = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
    throw json(`There is no article "${raw.slice(0, 40)}".`, { status: 404 });
  }
  const article = await getArticleWithFigures(await getDb(), id);
  if (!article) throw json(`There is no article ${id}.`, { status: 404 });
  return json({
    article: {
      id: article.id,
      title: article.title,
      publishedAt: article.publishedAt.toISOString(),
      source: describeProvenance({ kind: article.kind, outlet: article.outlet }),
      body: article.body,
      // every stored field but the row's own keys and the sentence (the body is on the page)
      figures: article.figures.map(
        ({ id: _id, articleId: _articleId, sentence: _sentence, ...figure }) => figure,
      ),
    },
  });
}

type PageFigure = ReturnType<typeof useLoaderData<typeof loader>>["article"]["figures"][number];

export default function ArticlePage() {
  const { article } = useLoaderData<typeof loader>();
  const spans: Span<PageFigure>[] = article.figures.map((figure) => ({
    start: figure.start,
    end: figure.end,
    data: figure,
  }));
  const paragraphs = paragraphSegments(article.body, spans, FIRST_BODY_LINE, { headings: true });
  // the title line is scanned like the body: its figures are marked in the heading
  const titleLine = article.figures.some((figure) => figure.inTitle)
    ? paragraphSegments(article.body, spans).find((paragraph) => paragraph.start === 0)
    : undefined;
  return (
    <main className="page">
      <header className="page-header">
        <p>
          <Link to="/articles">← All articles</Link>
        </p>
        <h1>{titleLine ? <MarkedSegments segments={titleLine.segments} /> : article.title}</h1>
        <p>
          <span className="article-source">{article.source}</span> ·{" "}
          <time dateTime={article.publishedAt}>{formatDay(article.publishedAt)}</time>
        </p>
      </header>
      <article className="article-body" aria-label="Article text">
        {paragraphs.map((paragraph) =>
          paragraph.heading ? (
            <h2 key={paragraph.start} className="article-subhead">
              <MarkedSegments segments={paragraph.segments} />
            </h2>
          ) : (
            <p key={paragraph.start}>
              <MarkedSegments segments={paragraph.segments} />
            </p>
          ),
        )}
      </article>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">Figures in this article</h2>
        {article.figures.length === 0 ? (
          <p>No percentages or money amounts were found in this article.</p>
        ) : (
          <ScrollTable
            headings={
              <ColumnHeads
                names={[
                  "N",
                  "Text",
                  "Kind",
                  "Value",
                  "Currency",
                  "USD value",
                  "Role",
                  "Direction",
                  "Tariff-related",
                  "Flag",
                ]}
              />
            }
          >
            {article.figures.map((figure) => (
              <tr key={figure.ordinal}>
                <td className="num">
                  <a href={`#figure-${figure.ordinal}`}>{figure.ordinal}</a>
                </td>
                <td>
                  {figure.text}
                  {figure.sameAsOrdinal !== null ? (
                    <>
                      {" "}
                      (same as{" "}
                      <a href={`#figure-${figure.sameAsOrdinal}`}>{figure.sameAsOrdinal}</a>)
                    </>
                  ) : null}
                </td>
                <td>{KIND_LABELS[figure.kind] ?? figure.kind}</td>
                <td className="num">{formatValue(figure)}</td>
                <td>{figure.currency ?? "—"}</td>
                <td className="num">
                  {figure.kind === "money" && figure.valueUsd !== null
                    ? formatMoney(figure.valueUsd, "USD", upToOne)
                    : "—"}
                </td>
                <td>
                  {ROLE_LABELS[figure.role]}
                  {figure.inTitle ? " (title)" : ""}
                </td>
                <td>
                  {figure.direction ? (
                    <span className="chip" data-direction={figure.direction}>
                      {DIRECTION_LABELS[figure.direction] ?? figure.direction}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{figure.tariffRelated ? "Yes" : "No"}</td>
                <td>
                  {figure.flag ? (
                    <span className="flag" title={fxNote(figure) ?? figure.flag}>
                      <span aria-hidden="true">⚠</span> {figure.flag}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  const { status, message } = useRouteErrorMessage();
  const notFound = status === 404;
  return (
    <main className="page">
      <h1>{notFound ? "Article not found" : "Error"}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/articles">See all articles</Link>
      </p>
    </main>
  );
}

/**
 * What was read, not what it means: a `tariff_rate` figure is any percentage (a growth rate or a
 * share too); its role says whether it is a tariff rate.
 */
const KIND_LABELS: Record<string, string> = { tariff_rate: "Percentage", money: "Money" };

const DIRECTION_LABELS: Record<string, string> = {
  us_on_china: "US on China",
  china_on_us: "China on US",
  other: "Other",
  unknown: "Unknown",
};

function MarkedSegments({ segments }: { segments: Paragraph<PageFigure>["segments"] }) {
  return (
    <>
      {segments.map((segment, index) => {
        const figure = segment.span?.data;
        if (!figure) return segment.text;
        return (
          <mark
            key={index}
            id={segment.first ? `figure-${figure.ordinal}` : undefined}
            className={markClass(figure)}
            title={`${KIND_LABELS[figure.kind] ?? figure.kind}: ${ROLE_LABELS[figure.role]}${figure.tariffRelated ? ", tariff-related" : ""}${
              figure.direction ? `, ${DIRECTION_LABELS[figure.direction] ?? figure.direction}` : ""
            }`}
          >
            {segment.text}
          </mark>
        );
      })}
    </>
  );
}

const ROLE_LABELS: Record<FigureRole, string> = {
  rate: "tariff rate (in force or set)",
  previous: "previous tariff level",
  threat: "threatened or proposed tariff",
  share: "share of trade",
  goods_covered: "goods covered",
  trade: "trade flow",
  pledge: "purchase pledge",
  other: "other",
};

/** `figure--other` means "not tariff-related", so the "other" direction adds no class of its own. */
function markClass(figure: PageFigure): string {
  const classes = ["figure", figure.tariffRelated ? "figure--tariff" : "figure--other"];
  if (figure.direction === "us_on_china" || figure.direction === "china_on_us") {
    classes.push(`figure--${figure.direction}`);
  }
  return classes.join(" ");
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  USD: "$",
  GBP: "£",
  EUR: "€",
  JPY: "¥",
  CNY: "CN¥",
};

/** Up to one decimal: a rate of 25% or 7.5% and a converted amount of $202.2bn, never "25.0%". */
const upToOne = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
/** Up to two decimals: a printed amount keeps what the article gave ($200bn, $1.25bn). */
const upToTwo = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * `$200bn`, `£159.2bn`, `€12,000`: billions and millions as precise as `digits` allows, with no
 * decimal the value does not have (the article printed "$200bn", not "$200.0bn").
 */
function formatMoney(amount: number, currency: string | null, digits = upToTwo): string {
  const symbol = currency ? (CURRENCY_SYMBOLS[currency] ?? `${currency} `) : "";
  const sign = amount < 0 ? "-" : "";
  const size = Math.abs(amount);
  if (size >= 1e9) return `${sign}${symbol}${digits.format(size / 1e9)}bn`;
  if (size >= 1e6) return `${sign}${symbol}${digits.format(size / 1e6)}m`;
  return `${sign}${symbol}${whole.format(size)}`;
}

function formatRate(percent: number): string {
  return `${upToOne.format(percent)}%`;
}

function formatValue(figure: PageFigure): string {
  if (figure.kind === "tariff_rate") {
    if (figure.rangeLow !== null && figure.rangeHigh !== null) {
      return `${upToOne.format(figure.rangeLow)}–${formatRate(figure.rangeHigh)}`;
    }
    if (figure.rateFrom !== null)
      return `${formatRate(figure.rateFrom)} → ${formatRate(figure.value)}`;
    return formatRate(figure.value);
  }
  if (figure.rangeLow !== null && figure.rangeHigh !== null) {
    return `${formatMoney(figure.rangeLow, figure.currency)}–${formatMoney(figure.rangeHigh, figure.currency)}`;
  }
  return formatMoney(figure.value, figure.currency);
}

/** FX to four significant digits, as on the dashboard. */
function fxNote(figure: PageFigure): string | null {
  if (figure.impliedFxRate === null || figure.officialFxRate === null || !figure.currency)
    return null;
  const implied = formatMarketRate(figure.currency, figure.impliedFxRate);
  const official = formatMarketRate(figure.currency, figure.officialFxRate);
  return `${figure.flag ?? ""} Implied ${implied}; official ${official}.`.trim();
}
