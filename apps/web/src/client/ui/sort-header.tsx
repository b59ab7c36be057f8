import { tableClasses } from "./table-classes";

interface SortHeaderProps {
  label: string;
  /** This column's sort key. */
  sortKey: string;
  /** The list's current sort key and direction. */
  sort: string;
  dir: "asc" | "desc";
  onSort: (sortKey: string, dir: "asc" | "desc") => void;
  className?: string;
}

/**
 * A column header that sorts the list: a real button inside the <th>, with aria-sort on the
 * header so screen readers say how the table is ordered. A second click reverses the order.
 */
export function SortHeader({ label, sortKey, sort, dir, onSort, className = "" }: SortHeaderProps) {
  const active = sort === sortKey;
  const next = active && dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={`${tableClasses.th} ${className}`}>
      <button
        type="button"
        onClick={() => onSort(sortKey, next)}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-indigo-700" : "text-slate-500"}>
          {active && dir === "desc" ? "▼" : "▲"}
        </span>
      </button>
    </th>
  );
}
