/** A quiet placeholder while a list loads. */
export function LoadingRows({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <span className="sr-only">{label}</span>
      {[0, 1, 2].map((i) => (
        <div key={i} aria-hidden="true" className="h-6 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
