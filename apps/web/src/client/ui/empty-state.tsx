import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** Buttons or links offered next. */
  actions?: ReactNode;
}

/** What to show instead of an empty table: what it means and what to do next. */
export function EmptyState({ title, children, actions }: EmptyStateProps) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="text-base font-semibold text-slate-900">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{children}</div>}
      {actions && <div className="mt-5 flex justify-center gap-3">{actions}</div>}
    </div>
  );
}
