interface LabelChipsProps {
  labels: Record<string, string>;
  /** Muted chips, e.g. for an offline cluster. */
  muted?: boolean;
}

/** Kubernetes-style labels as `key=value` chips; a dash when there are none. */
export function LabelChips({ labels, muted = false }: LabelChipsProps) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-sm text-slate-500">—</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <li
          key={k}
          className={`rounded-md px-1.5 py-0.5 font-mono text-xs leading-4 ring-1 ring-inset ${muted ? "bg-slate-50 text-slate-600 ring-slate-200" : "bg-slate-100 text-slate-700 ring-slate-300/60"}`}
        >
          {k}
          {v ? `=${v}` : ""}
        </li>
      ))}
    </ul>
  );
}
