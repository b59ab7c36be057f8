import { Button } from "./button";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** What is being paged, plural: "clusters", "events". */
  noun: string;
  onPage: (page: number) => void;
  /** Offered page sizes; none to hide the choice. */
  pageSizes?: readonly number[];
  onPageSize?: (size: number) => void;
}

/** "51–100 of 2,000 clusters" with previous/next and an optional page size. */
export function Pagination({ page, pageSize, total, noun, onPage, pageSizes, onPageSize }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const fmt = (n: number) => n.toLocaleString("en");
  return (
    <nav aria-label={`Pages of ${noun}`} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {total === 0 ? `No ${noun}` : `${fmt(first)}–${fmt(last)} of ${fmt(total)} ${noun}`}
        {pages > 1 && <span className="sr-only">, page {page} of {pages}</span>}
      </p>
      <div className="flex items-center gap-2">
        {pageSizes && onPageSize && (
          <label className="flex items-center gap-2">
            <span>Per page</span>
            <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))} className="rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm ring-1 ring-slate-300 ring-inset">
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous
        </Button>
        <span className="tabular-nums">
          {page} / {pages}
        </span>
        <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages}>
          Next
        </Button>
      </div>
    </nav>
  );
}
