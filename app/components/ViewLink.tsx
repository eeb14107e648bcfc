import type { NavigateFunction } from "@remix-run/react";
import { createContext, useContext, type MouseEvent, type ReactNode } from "react";

/**
 * The page a ViewLink's query belongs to and how to go there, given once by the page: each link
 * asking React Router for them (useNavigate, useLocation) cost a few hooks, 35-odd times a render.
 */
export const ViewNavigation = createContext<{
  pathname: string;
  navigate: NavigateFunction;
} | null>(null);

export interface ViewLinkProps {
  /** Another view of this page: its query (`?from=...`, `?` for none), as `withParams` gives it. */
  to: string;
  /** Replace the current history entry (a tab switch) rather than add one. */
  replace?: boolean;
  children: ReactNode;
  className?: string;
  id?: string;
  "aria-current"?: boolean;
  "data-preset"?: string;
}

/**
 * A link to another view of the page it is on (a tab, a transform, a preset range), followed in
 * the browser without a reload and without scrolling to the top, as Remix's `Link` with
 * `preventScrollReset`. Remix's `Link` resolves its target against the route matches (twice) and
 * marks it for route discovery on every render; the dashboard has some 50 of these links, whose
 * page and route are known, and a new range renders them all on the server. Its attributes are
 * named one by one: copying "the rest" of the props took V8 some microseconds a link, more than
 * the rest of the link's render.
 */
export function ViewLink(props: ViewLinkProps) {
  const { to, replace } = props;
  const view = useContext(ViewNavigation);
  if (!view) throw new Error("A ViewLink needs the page's ViewNavigation around it.");
  const href = `${view.pathname}${to === "?" ? "" : to}`;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    // A modified or middle click is the browser's: a new tab or window, a download.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    event.preventDefault();
    // As Link does: following a link to the view shown replaces its history entry.
    const current = `${window.location.pathname}${window.location.search}`;
    view.navigate(href, { replace: replace ?? href === current, preventScrollReset: true });
  };
  return (
    <a
      className={props.className}
      aria-current={props["aria-current"]}
      id={props.id}
      data-preset={props["data-preset"]}
      href={href}
      onClick={follow}
    >
      {props.children}
    </a>
  );
}
