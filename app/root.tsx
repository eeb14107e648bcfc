import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "US–China trade dispute in data" }];

/** The range travels between the dashboard and the article list, so both show the same period. */
function useRangeSearch(): string {
  const params = new URLSearchParams(useLocation().search);
  const kept = new URLSearchParams();
  for (const key of ["from", "to"]) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : "";
}

export function Layout({ children }: { children: ReactNode }) {
  const rangeSearch = useRangeSearch();
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="site-header">
          <a className="brand" href="/">
            US–China trade dispute <span className="brand-sub">in data</span>
          </a>
          <nav aria-label="Main">
            <NavLink to={`/${rangeSearch}`} end>
              Dashboard
            </NavLink>
            <NavLink to={`/articles${rangeSearch}`}>Articles</NavLink>
            <NavLink to={`/actions${rangeSearch}`}>Actions</NavLink>
            <NavLink to="/sources">Sources</NavLink>
          </nav>
        </header>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { pathname } = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // NOTE: a URL no route matches gets Remix's own text ('Error: No route matches URL "/x"'),
  // which reads as a fault; a reader only needs to know there is no such page.
  const message = !isRouteErrorResponse(error)
    ? "Something went wrong on our side."
    : status === 404 && (typeof error.data !== "string" || error.data.startsWith("Error: "))
      ? `There is no page at ${pathname.length > 80 ? `${pathname.slice(0, 80)}…` : pathname}.`
      : typeof error.data === "string"
        ? error.data
        : error.statusText;
  return (
    <main className="page">
      <h1>{status === 404 ? "Not found" : "Error"}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">Back to the dashboard</a>
      </p>
    </main>
  );
}
