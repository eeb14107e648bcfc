import { Form } from "@remix-run/react";
import type { FormEvent } from "react";
import type { SideAndAuthority } from "~/lib/action-list";
import { ACTORS, AUTHORITIES } from "~/lib/tariff-actions";

export interface EventFilterProps {
  /** Which chart the form sits on, for unique ids. */
  chartId: string;
  selection: SideAndAuthority;
  /** The view's other parameters, carried through a filter change (table pages excepted). */
  search: string;
}

/**
 * Which tariff actions the chart draws as event lines: one side, one legal authority, or all.
 * A plain GET form (`actor`, `authority`, the same parameters as /actions), so it works without
 * JavaScript; with it, changing a select applies it at once and Remix navigates client-side.
 */
export function EventFilter({ chartId, selection, search }: EventFilterProps) {
  const keep = [...new URLSearchParams(search).entries()].filter(
    ([key]) => key !== "actor" && key !== "authority" && !key.startsWith("page_"),
  );
  const submitOnChange = (event: FormEvent<HTMLFormElement>) => event.currentTarget.requestSubmit();
  return (
    <Form
      method="get"
      action="/"
      className="event-filter"
      aria-label="Tariff-action lines"
      preventScrollReset
      onChange={submitOnChange}
    >
      {keep.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <span className="event-filter__title">Action lines:</span>
      <label>
        <span className="visually-hidden">Side</span>
        <select name="actor" defaultValue={selection.actor ?? "all"} id={`${chartId}-actor`}>
          <option value="all">Both sides</option>
          {ACTORS.map((actor) => (
            <option key={actor} value={actor}>
              {actor} only
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Legal authority</span>
        <select
          name="authority"
          defaultValue={selection.authority ?? "all"}
          id={`${chartId}-authority`}
        >
          <option value="all">Every authority</option>
          {AUTHORITIES.map((authority) => (
            <option key={authority} value={authority}>
              {authority}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Show</button>
    </Form>
  );
}
