import type { FleetQuery } from "@outpost/cluster-core";

const CHOICES: { value: string; label: string }[] = [
  { value: "problems:asc", label: "Problems first" },
  { value: "name:asc", label: "Name A–Z" },
  { value: "name:desc", label: "Name Z–A" },
  { value: "site:asc", label: "Site A–Z" },
  { value: "k3s:asc", label: "k3s version, oldest first" },
  { value: "k3s:desc", label: "k3s version, newest first" },
  { value: "lastSeen:asc", label: "Longest unseen first" },
];

/** Sorting for the card list on narrow screens, where there are no column headers to click. */
export function FleetSortSelect({ query, onSort }: { query: FleetQuery; onSort: (sort: FleetQuery["sort"], dir: FleetQuery["dir"]) => void }) {
  const value = `${query.sort}:${query.dir}`;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700 md:hidden">
      Sort
      <select
        value={value}
        onChange={(e) => {
          const [sort, dir] = e.target.value.split(":") as [FleetQuery["sort"], FleetQuery["dir"]];
          onSort(sort, dir);
        }}
        className="rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm shadow-sm ring-1 ring-slate-300 ring-inset"
      >
        {!CHOICES.some((c) => c.value === value) && <option value={value}>{`${query.sort} (${query.dir})`}</option>}
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
