import { ViewLink } from "~/components/ViewLink";

export interface LinkTab {
  text: string;
  to: string;
  current: boolean;
  id?: string;
}

/**
 * A labelled group of links, one of them the current choice: a view switch kept in the URL
 * (the page does not scroll when one is followed).
 */
export function LinkTabs({ label, tabs }: { label: string; tabs: readonly LinkTab[] }) {
  return (
    <span className="tabs" role="group" aria-label={label}>
      {tabs.map((tab) => (
        <ViewLink key={tab.text} to={tab.to} aria-current={tab.current} id={tab.id}>
          {tab.text}
        </ViewLink>
      ))}
    </span>
  );
}
