import type { ReactNode } from "react";

/** A data table that scrolls sideways on a narrow screen rather than widening the page. */
export function ScrollTable({ headings, children }: { headings: ReactNode; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>{headings}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Plain column headings, one a name. */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name) => (
        <th scope="col" key={name}>
          {name}
        </th>
      ))}
    </>
  );
}
