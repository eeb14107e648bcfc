import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { formatPeriod, toFrequency } from "~/lib/charts/periods";
import { collectCredits, type Credit } from "~/lib/credits";
import { knownDataVersion } from "~/lib/http";
import { getSources, type LastImport } from "~/models/sources.server";
import { ColumnHeads, ScrollTable } from "~/components/ScrollTable";

export const meta: MetaFunction = () => [{ title: "Sources · US–China trade dispute in data" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return json(await getSources(await getDb(), knownDataVersion(context)));
}

/** A monthly span reads "Jan 1985 – Nov 2025" and an annual one "1985 – 2024", never as days. */
function Span({
  first,
  last,
  frequency,
}: {
  first: string | null;
  last: string | null;
  frequency: string | null;
}) {
  if (!first || !last) return <>—</>;
  const period = toFrequency(frequency ?? "daily");
  return (
    <>
      <time dateTime={first}>{formatPeriod(first, period)}</time> –{" "}
      <time dateTime={last}>{formatPeriod(last, period)}</time>
    </>
  );
}

function Imported({ lastImport }: { lastImport: LastImport | null }) {
  if (!lastImport) return <>—</>;
  return (
    <>
      <time dateTime={lastImport.importedAt}>
        {lastImport.importedAt.slice(0, 16).replace("T", " ")} UTC
      </time>
      <br />
      <code>{lastImport.fileName}</code> ({lastImport.format})
    </>
  );
}

function CreditRef({ credit }: { credit: Credit | undefined }) {
  if (!credit) return <>—</>;
  return (
    <a className="credit-ref" href={`#credit-${credit.number}`}>
      Credit {credit.number}
    </a>
  );
}

/** The columns both tables end with: how to credit it, what is stored, where it came from. */
function ProvenanceHeads() {
  return (
    <>
      <th scope="col">Credit</th>
      <th scope="col">Span</th>
      <th scope="col" className="num">
        Rows
      </th>
      <th scope="col">Last import</th>
    </>
  );
}

function ProvenanceCells({
  credit,
  stored,
}: {
  credit: Credit | undefined;
  stored: {
    frequency: string | null;
    firstDate: string | null;
    lastDate: string | null;
    rows: number;
    lastImport: LastImport | null;
  };
}) {
  return (
    <>
      <td>
        <CreditRef credit={credit} />
      </td>
      <td>
        <Span first={stored.firstDate} last={stored.lastDate} frequency={stored.frequency} />
      </td>
      <td className="num">{stored.rows.toLocaleString("en-US")}</td>
      <td>
        <Imported lastImport={stored.lastImport} />
      </td>
    </>
  );
}

export default function Sources() {
  const { series, events } = useLoaderData<typeof loader>();
  const credits = collectCredits([
    ...series.map((row) => ({ credit: row.licence, label: row.name })),
    ...events.map((row) => ({ credit: row.credit, label: row.description })),
  ]);
  const creditOf = (text: string) => credits.find((credit) => credit.text === text.trim());
  return (
    <main className="page">
      <header className="page-header">
        <h1>Sources</h1>
        <p>
          Every series on the dashboard, where it comes from and how to credit it. Values are stored
          as published upstream; each one records the file import that last changed it.
        </p>
      </header>

      {credits.length > 0 ? (
        <section aria-labelledby="credits-heading">
          <h2 id="credits-heading">How to credit</h2>
          <ol className="credit-list">
            {credits.map((credit) => (
              <li key={credit.number} id={`credit-${credit.number}`}>
                <p>{credit.text}</p>
                <p className="credit-list__covers">Covers: {credit.covers.join("; ")}.</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="series-heading">
        <h2 id="series-heading">Series</h2>
        {series.length === 0 ? (
          <p>
            No series have been imported yet. Run <code>npm run import</code>.
          </p>
        ) : (
          <ScrollTable
            headings={
              <>
                <ColumnHeads names={["Series", "Unit", "Frequency", "Source"]} />
                <ProvenanceHeads />
              </>
            }
          >
            {series.map((row) => (
              <tr key={row.slug} id={`series-${row.slug}`}>
                <th scope="row">
                  {row.name}
                  <br />
                  <code>{row.slug}</code>
                </th>
                <td>{row.unit}</td>
                <td>{row.frequency}</td>
                <td>
                  {row.sourceUrl ? <a href={row.sourceUrl}>{row.source}</a> : row.source}
                  {row.otherUrls.map((url) => (
                    <span key={url}>
                      <br />
                      <a href={url}>{new URL(url).hostname + new URL(url).pathname}</a>
                    </span>
                  ))}
                </td>
                <ProvenanceCells credit={creditOf(row.licence)} stored={row} />
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Tariff events</h2>
        {events.length === 0 ? (
          <p>No tariff events have been imported yet.</p>
        ) : (
          <ScrollTable
            headings={
              <>
                <ColumnHeads names={["Events"]} />
                <ProvenanceHeads />
              </>
            }
          >
            {events.map((row) => (
              <tr key={row.source}>
                <th scope="row">
                  {row.sourceUrl ? <a href={row.sourceUrl}>{row.description}</a> : row.description}
                  <br />
                  <code>{row.source}</code>
                </th>
                <ProvenanceCells
                  credit={creditOf(row.credit)}
                  stored={{ ...row, frequency: "daily" }}
                />
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>
    </main>
  );
}
