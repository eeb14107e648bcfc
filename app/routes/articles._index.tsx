import { describeProvenance } from "~/lib/article-provenance";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RangeBar } from "~/components/RangeBar";
import { RangeForm } from "~/components/RangeForm";
import { FilterErrorPage } from "~/components/RouteError";
import { getDb } from "~/db.server";
import { formatDay, parseDateRange, type DateRange } from "~/lib/date-range";
import { listArticles } from "~/models/articles.server";

export const meta: MetaFunction = () => [{ title: "Articles · US–China trade dispute in data" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseDateRange(new URL(request.url).searchParams);
  if (!parsed.ok) throw json(parsed.errors.join(" "), { status: 400 });
  const items = await listArticles(await getDb(), parsed.range);
  return json({
    range: parsed.range,
    articles: items.map((item) => ({
      ...item,
      publishedAt: item.publishedAt.toISOString(),
      source: describeProvenance({ kind: item.kind, outlet: item.outlet }),
    })),
  });
}

export default function ArticlesIndex() {
  const { range, articles } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <header className="page-header">
        <h1>Articles</h1>
        <p>
          Articles and the figures read from them: percentages (tariff rates among them) and money
          amounts, and how many of them concern tariffs. Each names its source: a news outlet, or a
          project brief (a summary this project wrote from the official data, not a news report).
        </p>
      </header>
      <RangeBar>
        <RangeForm from={range.from ?? ""} to={range.to ?? ""} action="/articles" />
        <p className="range-words">
          {articles.length === 1 ? "1 article" : `${articles.length} articles`} {describe(range)}
        </p>
      </RangeBar>
      {articles.length === 0 ? (
        <p>
          No articles were published in this range. Articles are added with{" "}
          <code>npm run ingest -- data/articles</code>.
        </p>
      ) : (
        <table className="data-table article-list">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Title and source</th>
              <th scope="col">Percentages</th>
              <th scope="col">Money figures</th>
              <th scope="col">Tariff-related</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((article) => {
              const share =
                article.figureCount === 0
                  ? 0
                  : (article.tariffRelatedCount / article.figureCount) * 100;
              const label = `${article.tariffRelatedCount} of ${article.figureCount} figures tariff-related`;
              return (
                <tr key={article.id}>
                  <td>
                    <time dateTime={article.publishedAt}>{formatDay(article.publishedAt)}</time>
                  </td>
                  <td>
                    <Link to={`/articles/${article.id}`}>{article.title}</Link>
                    <br />
                    <span className="muted article-source">{article.source}</span>
                  </td>
                  <td className="num" data-label="Percentages">
                    {article.tariffRateCount}
                  </td>
                  <td className="num" data-label="Money figures">
                    {article.moneyCount}
                  </td>
                  <td data-label="Tariff-related">
                    <span className="mini-bar" role="img" aria-label={label} title={label}>
                      <span className="mini-bar__fill" style={{ width: `${share.toFixed(1)}%` }} />
                    </span>{" "}
                    {article.tariffRelatedCount}/{article.figureCount}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}

function describe(range: DateRange): string {
  if (range.from && range.to) return `from ${formatDay(range.from)} to ${formatDay(range.to)}`;
  if (range.from) return `from ${formatDay(range.from)}`;
  if (range.to) return `up to ${formatDay(range.to)}`;
  return "in all";
}

/** A bad range keeps the form on screen, filled with what was typed, so it can be fixed. */
export function ErrorBoundary() {
  return (
    <FilterErrorPage
      title="Articles"
      form={(params, errors) => (
        <RangeForm
          from={params.get("from") ?? ""}
          to={params.get("to") ?? ""}
          errors={errors}
          action="/articles"
        />
      )}
    />
  );
}
